package io.mraedge.core.protection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * The per-source limit on new connections ({@link RateLimitPolicy}: {@code perSecond} refill,
 * {@code burst} capacity), checked by {@link AcceptGate} on the outside listeners. Thread-safe.
 *
 * <p>The token bucket is kept in its GCRA form (ITU-T I.371 "virtual scheduling"): per source
 * one number, the theoretical arrival time (TAT) of the next connection. Each admitted
 * connection moves it {@code 1/perSecond} later; a connection is refused when that would put it
 * more than {@code burst/perSecond} ahead of now. This admits exactly what a bucket of
 * {@code burst} tokens refilled at {@code perSecond} admits, with one {@code long} of state and
 * no refill timer. An entry expires at its TAT, the moment its bucket is full again and it
 * carries no information, so idle sources cost nothing; at most
 * {@link ProtectionConfig#maxTrackedSources()} are kept, and a source forgotten under a flood
 * of distinct sources merely gets a fresh bucket.
 *
 * <p>Exempt sources ({@link ProtectionConfig#exemptAll()}) always pass and are not tracked.
 */
public final class ConnectionRateLimiter {

    private final Ticker ticker;
    private final Cache<InetAddress, Long> arrivals;
    private volatile Limits limits;

    /** From the {@code protection} config, with the system ticker. */
    public ConnectionRateLimiter(ProtectionConfig config) {
        this(config, Ticker.systemTicker());
    }

    /** From the {@code protection} config: its rate, bound and global exemptions. */
    public ConnectionRateLimiter(ProtectionConfig config, Ticker ticker) {
        this(config.connectionRate(), config.exemptAll(), config.maxTrackedSources(), ticker);
    }

    /**
     * @param policy            the rate and burst
     * @param exempt            sources that are never limited
     * @param maxTrackedSources the most sources whose state is kept
     * @param ticker            the time source (nanoseconds)
     */
    public ConnectionRateLimiter(RateLimitPolicy policy, List<Cidr> exempt, int maxTrackedSources, Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        this.limits = new Limits(policy, exempt);
        this.arrivals = Caffeine.newBuilder()
                .maximumSize(maxTrackedSources)
                .expireAfter(new ArrivalExpiry())
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    /** Whether {@code source} may open a connection now; if so, the connection is counted. */
    public boolean tryAcquire(InetAddress source) {
        Limits current = limits;
        InetAddress address = Cidr.canonical(source);
        if (Cidr.anyContains(current.exempt(), address)) {
            return true;
        }
        long now = ticker.read();
        boolean[] admitted = {false};
        arrivals.asMap().compute(address, (key, tat) -> {
            long next = (tat == null || tat - now < 0 ? now : tat) + current.intervalNanos();
            if (next - now > current.toleranceNanos()) {
                return tat; // refused: the state stays as it was
            }
            admitted[0] = true;
            return next;
        });
        return admitted[0];
    }

    /** Applies a reloaded rate and exemptions (SIGHUP); sources keep their current state. */
    public void reconfigure(ProtectionConfig config) {
        this.limits = new Limits(config.connectionRate(), config.exemptAll());
        arrivals.policy().eviction().ifPresent(e -> e.setMaximum(config.maxTrackedSources()));
    }

    /** Package-private view for tests of the memory bound. */
    Cache<?, ?> cache() {
        return arrivals;
    }

    /** An entry lives until its TAT: from then on a fresh bucket would behave the same. */
    private static final class ArrivalExpiry implements Expiry<InetAddress, Long> {
        @Override
        public long expireAfterCreate(InetAddress source, Long tat, long currentTime) {
            return Math.max(1, tat - currentTime);
        }

        @Override
        public long expireAfterUpdate(InetAddress source, Long tat, long currentTime, long currentDuration) {
            return Math.max(1, tat - currentTime);
        }

        @Override
        public long expireAfterRead(InetAddress source, Long tat, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }

    /** The policy in the units the algorithm uses. */
    private record Limits(long intervalNanos, long toleranceNanos, List<Cidr> exempt) {
        Limits(RateLimitPolicy policy, List<Cidr> exempt) {
            this(1_000_000_000L / policy.perSecond(), 1_000_000_000L / policy.perSecond() * policy.burst(),
                    List.copyOf(exempt));
        }
    }
}
