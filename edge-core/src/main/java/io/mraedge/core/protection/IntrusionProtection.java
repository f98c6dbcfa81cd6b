package io.mraedge.core.protection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Automated intrusion protection, fail2ban style: protocol handlers {@link #record} failures by
 * {@link ProtectionCategory}; when one source reaches a category's trigger level on one listener
 * port within the category's sliding window, that source is banned on that port for the ban
 * duration, and {@link AcceptGate} closes its new connections there silently. Thread-safe.
 *
 * <p>Failures are counted per (category, source, port), because a ban covers a source and a
 * destination port, as in the product. The count restarts when a ban is made. Disabled
 * categories and exempt sources ({@link ProtectionConfig#exemptAll()} or the category's own
 * exemptions) count nothing, and a ban of a source that a reload made exempt no longer applies.
 *
 * <p>Memory is bounded: counters and bans live in Caffeine caches of at most
 * {@link ProtectionConfig#maxTrackedSources()} entries each, which expire once they no longer
 * matter (a counter one window after its last failure, a ban when it ends). Past the bound the
 * cache forgets the entries it judges least useful, so a flood of distinct sources costs
 * accuracy for those sources, never the heap. Note that an IPv6 attacker owning a /64 can use
 * a fresh address per try; per-address counting does not stop that, as with fail2ban.
 *
 * <p>Time: a Caffeine {@link Ticker} (nanoseconds, monotonic) drives windows and expiry; a
 * {@link Clock} only stamps the {@link Ban} instants operators read. Tests inject both. Cache
 * maintenance runs on the calling thread ({@code executor(Runnable::run)}), so nothing depends on
 * the common pool and behaviour under a fake ticker is deterministic.
 */
public final class IntrusionProtection {

    private static final Logger log = LoggerFactory.getLogger(IntrusionProtection.class);

    private final Ticker ticker;
    private final Clock clock;
    private final ProtectionListener listener;
    private final Cache<CounterKey, FailureWindow> counters;
    private final Cache<BanKey, ActiveBan> bans;
    private final LongAdder bansTotal = new LongAdder();
    private volatile ProtectionConfig config;

    /** With the system ticker and clock, and no listener. */
    public IntrusionProtection(ProtectionConfig config) {
        this(config, Ticker.systemTicker(), Clock.systemUTC(), ProtectionListener.NONE);
    }

    /**
     * @param ticker   the time source of windows and ban expiry
     * @param clock    the time source of {@link Ban#since()} and {@link Ban#until()}
     * @param listener told of every ban
     */
    public IntrusionProtection(ProtectionConfig config, Ticker ticker, Clock clock, ProtectionListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.counters = Caffeine.newBuilder()
                .maximumSize(config.maxTrackedSources())
                .expireAfter(Expiry.<CounterKey, FailureWindow>writing(
                        (key, window) -> Duration.ofNanos(window.windowNanos())))
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
        this.bans = Caffeine.newBuilder()
                .maximumSize(config.maxTrackedSources())
                .expireAfter(new BanExpiry())
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    /**
     * Counts one failure of {@code category} from {@code source} on the listener at
     * {@code listenerPort}, and bans the source on that port when this failure reaches the
     * trigger level.
     *
     * @return true when this failure made a ban
     */
    public boolean record(ProtectionCategory category, InetAddress source, int listenerPort) {
        ProtectionConfig current = config;
        CategoryPolicy policy = current.policy(category);
        InetAddress address = Cidr.canonical(source);
        if (!policy.enabled() || current.exempts(category, address)) {
            return false;
        }
        long now = ticker.read();
        long windowNanos = policy.window().toNanos();
        boolean[] reached = {false};
        counters.asMap().compute(new CounterKey(category, address, listenerPort), (key, window) -> {
            FailureWindow w = window != null && window.fits(policy.triggerLevel(), windowNanos)
                    ? window : new FailureWindow(policy.triggerLevel(), windowNanos);
            if (w.add(now)) {
                reached[0] = true;
                return null; // the count starts afresh once a ban is made
            }
            return w;
        });
        return reached[0] && ban(category, policy, address, listenerPort, now);
    }

    /** Whether {@code source} is banned on the listener at {@code listenerPort} right now. */
    public boolean isBanned(InetAddress source, int listenerPort) {
        InetAddress address = Cidr.canonical(source);
        ActiveBan ban = bans.getIfPresent(new BanKey(address, listenerPort));
        return ban != null && !config.exempts(ban.ban().category(), address);
    }

    /** The bans in force, oldest first. */
    public List<Ban> bans() {
        long now = ticker.read();
        List<Ban> active = new ArrayList<>();
        for (ActiveBan ban : bans.asMap().values()) {
            if (ban.untilNanos() - now > 0) {
                active.add(ban.ban());
            }
        }
        active.sort(Comparator.comparing(Ban::since));
        return active;
    }

    /**
     * Lifts every ban of {@code source} (on any port) and forgets its failure counts, as an
     * operator does for a user locked out by mistake.
     *
     * @return how many bans were in force and are now lifted
     */
    public int lift(InetAddress source) {
        InetAddress address = Cidr.canonical(source);
        long now = ticker.read();
        int lifted = 0;
        for (BanKey key : List.copyOf(bans.asMap().keySet())) {
            if (key.address().equals(address)) {
                ActiveBan removed = bans.asMap().remove(key);
                if (removed != null && removed.untilNanos() - now > 0) {
                    lifted++;
                }
            }
        }
        counters.asMap().keySet().removeIf(key -> key.address().equals(address));
        if (lifted > 0) {
            log.info("protection: lifted {} ban(s) of {}", lifted, address.getHostAddress());
        }
        return lifted;
    }

    /** Bans made since start, including expired and lifted ones. */
    public long bansTotal() {
        return bansTotal.sum();
    }

    /** Bans in force now. */
    public int bansActive() {
        return bans().size();
    }

    /** The configuration in force. */
    public ProtectionConfig config() {
        return config;
    }

    /**
     * Applies a reloaded configuration (SIGHUP): policies and exemptions apply from the next
     * failure and the next accept; bans in force keep their end time; counts made under an old
     * trigger level or window start afresh.
     */
    public void reconfigure(ProtectionConfig newConfig) {
        this.config = Objects.requireNonNull(newConfig, "newConfig");
        counters.policy().eviction().ifPresent(e -> e.setMaximum(newConfig.maxTrackedSources()));
        bans.policy().eviction().ifPresent(e -> e.setMaximum(newConfig.maxTrackedSources()));
    }

    private boolean ban(ProtectionCategory category, CategoryPolicy policy, InetAddress address, int port,
                        long now) {
        Instant since = clock.instant();
        Ban ban = new Ban(address, port, category, since, since.plus(policy.banDuration()));
        ActiveBan active = new ActiveBan(ban, now + policy.banDuration().toNanos());
        if (bans.asMap().putIfAbsent(new BanKey(address, port), active) != null) {
            return false; // already banned there, by failures still in flight on open connections
        }
        bansTotal.increment();
        log.warn("protection: banned {} on port {} for {}: {} ({} failures within {})", address.getHostAddress(),
                port, human(policy.banDuration()), category.label(), policy.triggerLevel(), human(policy.window()));
        try {
            listener.banned(ban);
        } catch (RuntimeException e) {
            log.warn("protection: ban listener failed", e);
        }
        return true;
    }

    /** Package-private views for tests of the memory bound. */
    Cache<?, ?> counterCache() {
        return counters;
    }

    Cache<?, ?> banCache() {
        return bans;
    }

    /** A duration as an operator writes it in the config file: 90s, 10m, 2h. */
    private static String human(Duration d) {
        long s = d.toSeconds();
        if (d.toNanos() % 1_000_000_000L != 0) {
            return d.toMillis() + "ms";
        }
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    private record CounterKey(ProtectionCategory category, InetAddress address, int port) {
    }

    private record BanKey(InetAddress address, int port) {
    }

    private record ActiveBan(Ban ban, long untilNanos) {
    }

    /** A ban lives exactly until it ends; reading it does not extend it. */
    private static final class BanExpiry implements Expiry<BanKey, ActiveBan> {
        @Override
        public long expireAfterCreate(BanKey key, ActiveBan ban, long currentTime) {
            return ban.untilNanos() - currentTime;
        }

        @Override
        public long expireAfterUpdate(BanKey key, ActiveBan ban, long currentTime, long currentDuration) {
            return ban.untilNanos() - currentTime;
        }

        @Override
        public long expireAfterRead(BanKey key, ActiveBan ban, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
