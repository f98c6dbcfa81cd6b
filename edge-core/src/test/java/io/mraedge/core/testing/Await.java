package io.mraedge.core.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls a condition until it holds or a generous deadline passes. Deadlines here are
 * failure bounds, not performance assertions: a shared 2-core machine can be slow.
 */
public final class Await {
    private Await() {
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** Waits until the supplier yields a non-null value and returns it. */
    public static <T> T value(String what, Duration timeout, Supplier<T> supplier) {
        Object[] holder = new Object[1];
        until(what, timeout, () -> (holder[0] = supplier.get()) != null);
        @SuppressWarnings("unchecked")
        T t = (T) holder[0];
        return t;
    }
}
