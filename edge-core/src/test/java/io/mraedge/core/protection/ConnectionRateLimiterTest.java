package io.mraedge.core.protection;

import static io.mraedge.core.protection.CidrTest.ip;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The per-source token bucket at the product's default of 100/s, burst 20, on a fake ticker. */
class ConnectionRateLimiterTest {

    private final FakeTicker ticker = new FakeTicker();
    private final ConnectionRateLimiter limiter = new ConnectionRateLimiter(RateLimitPolicy.DEFAULT,
            List.of(Cidr.parse("10.0.0.0/8")), 10_000, ticker);

    @Test
    void burstPassesAndTheNextInTheSameInstantIsRefused() throws Exception {
        InetAddress source = ip("203.0.113.9");

        assertThat(acquire(source, 20)).isEqualTo(20);

        assertThat(limiter.tryAcquire(source)).isFalse();
        assertThat(limiter.tryAcquire(ip("203.0.113.10"))).as("other sources have their own bucket").isTrue();
    }

    @Test
    void afterTheBurstTheRateRefillsAHundredPerSecond() throws Exception {
        InetAddress source = ip("203.0.113.9");
        acquire(source, 20);
        assertThat(limiter.tryAcquire(source)).isFalse();

        // Over the next second, one connection every 10 ms: all 100 pass, and no more.
        int passed = 0;
        for (int i = 0; i < 100; i++) {
            ticker.advance(Duration.ofMillis(10));
            passed += limiter.tryAcquire(source) ? 1 : 0;
            assertThat(limiter.tryAcquire(source)).as("a second one in the same 10 ms").isFalse();
        }
        assertThat(passed).isEqualTo(100);
    }

    @Test
    void aQuietSecondRefillsOnlyUpToTheBurst() throws Exception {
        InetAddress source = ip("2001:db8::9");
        acquire(source, 20);

        ticker.advance(Duration.ofSeconds(1));

        assertThat(acquire(source, 100)).isEqualTo(20);
    }

    @Test
    void underTheLimitEverythingPasses() throws Exception {
        InetAddress source = ip("203.0.113.9");

        // 50 per second for a minute.
        for (int i = 0; i < 3000; i++) {
            assertThat(limiter.tryAcquire(source)).as("connection %d", i).isTrue();
            ticker.advance(Duration.ofMillis(20));
        }
    }

    @Test
    void exemptSourcesAlwaysPass() throws Exception {
        assertThat(acquire(ip("10.1.2.3"), 10_000)).isEqualTo(10_000);
        assertThat(limiter.cache().estimatedSize()).as("exempt sources are not tracked").isZero();
    }

    @Test
    void mappedAndPlainIpv4ShareABucket() throws Exception {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 203, 0, 113, 9};
        acquire(ip("203.0.113.9"), 20);

        assertThat(limiter.tryAcquire(Inet6Address.getByAddress(null, mapped, -1))).isFalse();
    }

    @Test
    void idleSourcesAreForgotten() throws Exception {
        acquire(ip("203.0.113.9"), 20);
        // The bucket is full again after 200 ms; Caffeine's timer wheel evicts within about a second.
        ticker.advance(Duration.ofSeconds(2));
        limiter.cache().cleanUp();

        assertThat(limiter.cache().estimatedSize()).isZero();
    }

    @Test
    void reloadAppliesTheNewRate() throws Exception {
        InetAddress source = ip("203.0.113.9");
        ProtectionConfig defaults = ProtectionConfig.defaults();
        limiter.reconfigure(new ProtectionConfig(defaults.categories(), new RateLimitPolicy(10, 5),
                defaults.maxTrackedSources(), List.of()));

        assertThat(acquire(source, 100)).isEqualTo(5);
        assertThat(acquire(ip("10.1.2.3"), 10)).as("the reload dropped the exemption").isEqualTo(5);
    }

    private int acquire(InetAddress source, int attempts) {
        int passed = 0;
        for (int i = 0; i < attempts; i++) {
            passed += limiter.tryAcquire(source) ? 1 : 0;
        }
        return passed;
    }
}
