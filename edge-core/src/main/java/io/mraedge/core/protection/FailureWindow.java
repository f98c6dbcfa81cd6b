package io.mraedge.core.protection;

/**
 * The failure times of one source in one category on one port: a ring holding the last
 * {@code triggerLevel} of them, which is exactly what a sliding window needs. The trigger level
 * is reached when the ring is full and its oldest time is still inside the window, i.e. when
 * {@code triggerLevel} failures happened within the last {@code window}.
 *
 * <p>A sliding window, unlike a fixed one, cannot be gamed by splitting failures across a window
 * boundary (a fixed window lets through almost twice the trigger level). Not thread-safe: the
 * engine mutates it only inside {@code ConcurrentMap.compute} on its key.
 */
final class FailureWindow {

    private final long[] times;
    private final long windowNanos;
    private int next;
    private int count;

    FailureWindow(int triggerLevel, long windowNanos) {
        this.times = new long[triggerLevel];
        this.windowNanos = windowNanos;
    }

    /** Records a failure at {@code now}; true when it reaches the trigger level. */
    boolean add(long now) {
        times[next] = now;
        next = (next + 1) % times.length;
        count = Math.min(count + 1, times.length);
        // With the ring full, times[next] is the oldest of the last triggerLevel failures.
        return count == times.length && now - times[next] < windowNanos;
    }

    /** Whether this window was made for {@code policy} (it may have changed on reload). */
    boolean fits(int triggerLevel, long windowNanos) {
        return times.length == triggerLevel && this.windowNanos == windowNanos;
    }

    /** How long this must be kept: after a window without failures it says nothing. */
    long windowNanos() {
        return windowNanos;
    }
}
