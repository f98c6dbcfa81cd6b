package io.mraedge.http.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * Authorization rate control (mra-facts.md, "Authentication and authorization"): at most
 * {@code max} authorizations per user within {@code period}; one more is refused with
 * {@code 429 Too Many Requests} and a {@code Retry-After} of the seconds until the period ends.
 *
 * <p>A fixed window per user, opened by the user's first authorization and expiring with it.
 * State is per edge (ARCHITECTURE.md, principle 3: nothing another edge needs), bounded in size.
 * Thread-safe.
 */
public final class AuthorizationRateLimiter {
    static final long MAX_USERS = 100_000;

    private final int max;
    private final long periodNanos;
    private final Ticker ticker;
    private final Cache<String, Window> windows;

    private static final class Window {
        final long start;
        int count;

        Window(long start) {
            this.start = start;
        }
    }

    public AuthorizationRateLimiter(int max, Duration period, Ticker ticker) {
        this.max = max;
        this.periodNanos = period.toNanos();
        this.ticker = ticker;
        this.windows = Caffeine.newBuilder()
                .expireAfterWrite(period)
                .maximumSize(MAX_USERS)
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
    }

    /**
     * Counts one authorization of {@code user}; empty when allowed, else the seconds after
     * which the client may try again (at least 1).
     */
    public OptionalLong tryAcquire(String user) {
        long now = ticker.read();
        Window w = windows.asMap().compute(user, (k, old) ->
                old == null || now - old.start >= periodNanos ? new Window(now) : old);
        synchronized (w) {
            if (w.count < max) {
                w.count++;
                return OptionalLong.empty();
            }
        }
        long left = w.start + periodNanos - now;
        return OptionalLong.of(Math.max(1, (left + 999_999_999L) / 1_000_000_000L));
    }
}
