package io.mraedge.core.protection;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import java.lang.ref.Reference;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A flood of distinct sources must not grow the heap without bound: 100,000 addresses (half
 * IPv4, half IPv6), each failing often enough to be banned and hitting the rate limiter, against
 * a bound of 10,000 tracked sources. Time stands still, so nothing expires: the size bound alone
 * must hold memory down.
 */
class ProtectionMemoryTest {

    private static final int SOURCES = 100_000;
    private static final int BOUND = 10_000;
    // Generous: the entries themselves are a few MiB; GC figures are noisy. The size bound is the hard check.
    private static final long HEAP_LIMIT_BYTES = 64L << 20;

    private ch.qos.logback.classic.Logger banLog;
    private Level banLogLevel;

    /** 100,000 ban lines are right in production and useless here. */
    @BeforeEach
    void quietBanLog() {
        banLog = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(IntrusionProtection.class);
        banLogLevel = banLog.getLevel();
        banLog.setLevel(Level.ERROR);
    }

    @AfterEach
    void restoreBanLog() {
        banLog.setLevel(banLogLevel);
    }

    @Test
    void distinctSourcesFloodStaysWithinTheBound() throws Exception {
        FakeTicker ticker = new FakeTicker();
        ProtectionConfig defaults = ProtectionConfig.defaults();
        ProtectionConfig config = new ProtectionConfig(defaults.categories(), defaults.connectionRate(), BOUND,
                List.of());
        long before = usedHeapAfterGc();

        IntrusionProtection protection = new IntrusionProtection(config, ticker, ticker.clock(),
                ProtectionListener.NONE);
        ConnectionRateLimiter limiter = new ConnectionRateLimiter(config, ticker);
        long bans = 0;
        for (int i = 0; i < SOURCES; i++) {
            InetAddress source = source(i);
            for (int f = 0; f < 5; f++) {
                bans += protection.record(ProtectionCategory.SIP_AUTH_FAILURE, source, 5061) ? 1 : 0;
            }
            // One short of a ban, so that these counters stay.
            for (int f = 0; f < 4; f++) {
                protection.record(ProtectionCategory.HTTP_PROXY_AUTH_FAILURE, source, 8443);
            }
            limiter.tryAcquire(source);
        }
        protection.counterCache().cleanUp();
        protection.banCache().cleanUp();
        limiter.cache().cleanUp();

        long retained = usedHeapAfterGc() - before;
        System.out.printf("protection: %d sources, bound %d: counters %d, bans %d, buckets %d, retained heap %.1f MiB%n",
                SOURCES, BOUND, protection.counterCache().estimatedSize(), protection.banCache().estimatedSize(),
                limiter.cache().estimatedSize(), retained / 1048576.0);
        assertThat(bans).isEqualTo(SOURCES);
        assertThat(protection.counterCache().estimatedSize()).isBetween(1L, (long) BOUND);
        assertThat(protection.banCache().estimatedSize()).isLessThanOrEqualTo(BOUND);
        assertThat(limiter.cache().estimatedSize()).isLessThanOrEqualTo(BOUND);
        assertThat(protection.bansActive()).isLessThanOrEqualTo(BOUND);
        assertThat(retained).isLessThan(HEAP_LIMIT_BYTES);
        Reference.reachabilityFence(protection);
        Reference.reachabilityFence(limiter);
    }

    /** Even i: 10.x.y.z counting up; odd i: 2001:db8::i. Arithmetic, never DNS. */
    private static InetAddress source(int i) throws UnknownHostException {
        if (i % 2 == 0) {
            int n = 0x0A00_0000 + i;
            return InetAddress.getByAddress(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8),
                    (byte) n});
        }
        byte[] v6 = new byte[16];
        v6[0] = 0x20;
        v6[1] = 0x01;
        v6[2] = 0x0d;
        v6[3] = (byte) 0xb8;
        v6[12] = (byte) (i >>> 24);
        v6[13] = (byte) (i >>> 16);
        v6[14] = (byte) (i >>> 8);
        v6[15] = (byte) i;
        return InetAddress.getByAddress(v6);
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
