package io.mraedge.core.protection;

import static io.mraedge.core.protection.CidrTest.ip;
import static io.mraedge.core.protection.ProtectionCategory.HTTP_PROXY_RESOURCE_ACCESS_FAILURE;
import static io.mraedge.core.protection.ProtectionCategory.SIP_AUTH_FAILURE;
import static io.mraedge.core.protection.ProtectionCategory.TRAVERSAL_AUTH_FAILURE;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Counting, banning, expiry, exemptions and lifting, on a fake ticker. */
class IntrusionProtectionTest {

    private static final int SIP_PORT = 5061;
    // Defaults of sip-auth-failure: 5 failures within 60 s ban for 10 min.
    private static final Duration BAN = Duration.ofMinutes(10);

    private final FakeTicker ticker = new FakeTicker();
    private final List<Ban> heard = new CopyOnWriteArrayList<>();

    private IntrusionProtection protection(ProtectionConfig config) {
        return new IntrusionProtection(config, ticker, ticker.clock(), heard::add);
    }

    @Test
    void banIsMadeExactlyAtTheTriggerLevel() throws Exception {
        IntrusionProtection protection = protection(ProtectionConfig.defaults());
        InetAddress attacker = ip("203.0.113.9");

        for (int i = 1; i < 5; i++) {
            assertThat(protection.record(SIP_AUTH_FAILURE, attacker, SIP_PORT)).as("failure %d", i).isFalse();
            assertThat(protection.isBanned(attacker, SIP_PORT)).isFalse();
        }
        assertThat(protection.record(SIP_AUTH_FAILURE, attacker, SIP_PORT)).isTrue();

        assertThat(protection.isBanned(attacker, SIP_PORT)).isTrue();
        assertThat(protection.isBanned(attacker, 8443)).as("a ban covers one port").isFalse();
        assertThat(protection.isBanned(ip("203.0.113.10"), SIP_PORT)).isFalse();
        Ban expected = new Ban(attacker, SIP_PORT, SIP_AUTH_FAILURE, FakeTicker.ORIGIN, FakeTicker.ORIGIN.plus(BAN));
        assertThat(protection.bans()).containsExactly(expected);
        assertThat(heard).containsExactly(expected);
        assertThat(protection.bansTotal()).isEqualTo(1);
        assertThat(protection.bansActive()).isEqualTo(1);
    }

    @Test
    void failuresWhileBannedMakeNoSecondBan() throws Exception {
        IntrusionProtection protection = protection(ProtectionConfig.defaults());
        InetAddress attacker = ip("203.0.113.9");

        for (int i = 0; i < 50; i++) {
            protection.record(SIP_AUTH_FAILURE, attacker, SIP_PORT);
        }

        assertThat(protection.bansTotal()).isEqualTo(1);
        assertThat(heard).hasSize(1);
    }

    @Test
    void exemptSourcesAreNeverBanned() throws Exception {
        ProtectionConfig config = ProtectionConfig.defaults()
                .with(SIP_AUTH_FAILURE, new CategoryPolicy(true, 5, Duration.ofSeconds(60), BAN,
                        List.of(Cidr.parse("198.51.100.0/24"), Cidr.parse("2001:db8:1::/48"))));
        config = new ProtectionConfig(config.categories(), config.connectionRate(), config.maxTrackedSources(),
                List.of(Cidr.parse("2001:db8:2::/48")));
        IntrusionProtection protection = protection(config);

        for (String source : List.of("198.51.100.77", "2001:db8:1::77", "2001:db8:2::77")) {
            for (int i = 0; i < 100; i++) {
                assertThat(protection.record(SIP_AUTH_FAILURE, ip(source), SIP_PORT)).isFalse();
            }
            assertThat(protection.isBanned(ip(source), SIP_PORT)).as(source).isFalse();
        }
        // The category's exemption is for that category only; the global one is for all.
        assertThat(recordUntilBanned(protection, TRAVERSAL_AUTH_FAILURE, ip("198.51.100.77"), 7001)).isTrue();
        assertThat(recordUntilBanned(protection, TRAVERSAL_AUTH_FAILURE, ip("2001:db8:2::77"), 7001)).isFalse();
        assertThat(protection.bansTotal()).isEqualTo(1);
    }

    @Test
    void disabledCategoryNeverBans() throws Exception {
        IntrusionProtection protection = protection(ProtectionConfig.defaults());
        assertThat(ProtectionConfig.defaults().policy(HTTP_PROXY_RESOURCE_ACCESS_FAILURE).enabled()).isFalse();

        for (int i = 0; i < 1000; i++) {
            assertThat(protection.record(HTTP_PROXY_RESOURCE_ACCESS_FAILURE, ip("203.0.113.9"), 8443)).isFalse();
        }

        assertThat(protection.isBanned(ip("203.0.113.9"), 8443)).isFalse();
        assertThat(protection.bansTotal()).isZero();
    }

    @Test
    void banExpiresWhenTheBanDurationHasPassed() throws Exception {
        IntrusionProtection protection = protection(ProtectionConfig.defaults());
        InetAddress attacker = ip("2001:db8::bad");
        assertThat(recordUntilBanned(protection, SIP_AUTH_FAILURE, attacker, SIP_PORT)).isTrue();

        ticker.advance(BAN.minusNanos(1));
        assertThat(protection.isBanned(attacker, SIP_PORT)).isTrue();
        ticker.advance(Duration.ofNanos(1));

        assertThat(protection.isBanned(attacker, SIP_PORT)).isFalse();
        assertThat(protection.bans()).isEmpty();
        assertThat(protection.bansActive()).isZero();
        assertThat(protection.bansTotal()).isEqualTo(1);
        // Back to a clean slate: it takes the full trigger level again.
        assertThat(recordUntilBanned(protection, SIP_AUTH_FAILURE, attacker, SIP_PORT)).isTrue();
        assertThat(protection.bansTotal()).isEqualTo(2);
    }

    @Test
    void liftRemovesEveryBanOfTheSource() throws Exception {
        IntrusionProtection protection = protection(ProtectionConfig.defaults());
        InetAddress user = ip("203.0.113.9");
        recordUntilBanned(protection, SIP_AUTH_FAILURE, user, SIP_PORT);
        recordUntilBanned(protection, SIP_AUTH_FAILURE, user, 5062);
        recordUntilBanned(protection, SIP_AUTH_FAILURE, ip("203.0.113.10"), SIP_PORT);
        for (int i = 0; i < 4; i++) {
            protection.record(SIP_AUTH_FAILURE, user, 5063);
        }

        assertThat(protection.lift(user)).isEqualTo(2);

        assertThat(protection.isBanned(user, SIP_PORT)).isFalse();
        assertThat(protection.isBanned(user, 5062)).isFalse();
        assertThat(protection.isBanned(ip("203.0.113.10"), SIP_PORT)).isTrue();
        assertThat(protection.lift(user)).isZero();
        // Lifting also forgot the four failures on 5063: one more does not ban.
        assertThat(protection.record(SIP_AUTH_FAILURE, user, 5063)).isFalse();
    }

    @Test
    void failuresSpreadWiderThanTheWindowNeverBan() throws Exception {
        IntrusionProtection protection = protection(ProtectionConfig.defaults());
        InetAddress slow = ip("203.0.113.9");

        // Five failures 15 s apart span exactly 60 s: the first has left the window.
        for (int i = 0; i < 200; i++) {
            assertThat(protection.record(SIP_AUTH_FAILURE, slow, SIP_PORT)).isFalse();
            ticker.advance(Duration.ofSeconds(15));
        }
        assertThat(protection.bansTotal()).isZero();

        // 14 s apart, five fit in 56 s: banned on the fifth.
        InetAddress fast = ip("203.0.113.10");
        for (int i = 1; i <= 4; i++) {
            assertThat(protection.record(SIP_AUTH_FAILURE, fast, SIP_PORT)).isFalse();
            ticker.advance(Duration.ofSeconds(14));
        }
        assertThat(protection.record(SIP_AUTH_FAILURE, fast, SIP_PORT)).isTrue();
    }

    @Test
    void slidingWindowCannotBeGamedAtAWindowBoundary() throws Exception {
        IntrusionProtection protection = protection(ProtectionConfig.defaults());
        InetAddress attacker = ip("203.0.113.9");

        // Four failures just before a fixed window would roll over, one just after.
        ticker.advance(Duration.ofSeconds(59));
        for (int i = 0; i < 4; i++) {
            protection.record(SIP_AUTH_FAILURE, attacker, SIP_PORT);
        }
        ticker.advance(Duration.ofSeconds(2));

        assertThat(protection.record(SIP_AUTH_FAILURE, attacker, SIP_PORT)).isTrue();
    }

    @Test
    void mappedAndPlainIpv4AreOneSource() throws Exception {
        IntrusionProtection protection = protection(ProtectionConfig.defaults());
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 203, 0, 113, 9};

        for (int i = 0; i < 4; i++) {
            protection.record(SIP_AUTH_FAILURE, Inet6Address.getByAddress(null, mapped, -1), SIP_PORT);
        }

        assertThat(protection.record(SIP_AUTH_FAILURE, ip("203.0.113.9"), SIP_PORT)).isTrue();
        assertThat(protection.isBanned(Inet6Address.getByAddress(null, mapped, -1), SIP_PORT)).isTrue();
    }

    @Test
    void reloadThatExemptsABannedSourceLetsItIn() throws Exception {
        IntrusionProtection protection = protection(ProtectionConfig.defaults());
        InetAddress nat = ip("203.0.113.9");
        recordUntilBanned(protection, SIP_AUTH_FAILURE, nat, SIP_PORT);

        ProtectionConfig reloaded = ProtectionConfig.defaults().with(SIP_AUTH_FAILURE,
                new CategoryPolicy(true, 5, Duration.ofSeconds(60), BAN, List.of(Cidr.parse("203.0.113.0/24"))));
        protection.reconfigure(reloaded);

        assertThat(protection.isBanned(nat, SIP_PORT)).isFalse();
        assertThat(protection.config()).isSameAs(reloaded);
    }

    @Test
    void failingListenerDoesNotUndoTheBan() throws Exception {
        IntrusionProtection protection = new IntrusionProtection(ProtectionConfig.defaults(), ticker, ticker.clock(),
                ban -> {
                    throw new IllegalStateException("metrics broke");
                });

        assertThat(recordUntilBanned(protection, SIP_AUTH_FAILURE, ip("203.0.113.9"), SIP_PORT)).isTrue();
        assertThat(protection.isBanned(ip("203.0.113.9"), SIP_PORT)).isTrue();
    }

    @Test
    void concurrentFailuresMakeExactlyOneBan() throws Exception {
        IntrusionProtection protection = protection(ProtectionConfig.defaults());
        InetAddress attacker = ip("203.0.113.9");
        int threads = 8;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                tasks.add(() -> {
                    start.await();
                    int bans = 0;
                    for (int i = 0; i < 1000; i++) {
                        bans += protection.record(SIP_AUTH_FAILURE, attacker, SIP_PORT) ? 1 : 0;
                    }
                    return bans;
                });
            }
            int bans = 0;
            for (Future<Integer> f : pool.invokeAll(tasks)) {
                bans += f.get();
            }
            assertThat(bans).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(protection.bansTotal()).isEqualTo(1);
    }

    /** Records failures until a ban or 100 tries; whether one of them banned. */
    private static boolean recordUntilBanned(IntrusionProtection protection, ProtectionCategory category,
                                             InetAddress source, int port) {
        for (int i = 0; i < 100; i++) {
            if (protection.record(category, source, port)) {
                return true;
            }
        }
        return false;
    }
}
