package io.mraedge.media.relay;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.internal.ThreadExecutorMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a stream's changes on its event loop, where all its state lives: inline on that loop;
 * from a thread that is no event loop, on the loop while the caller waits, so that the change
 * has happened when the call returns; from another event loop, queued, because an event loop
 * never blocks.
 */
final class LoopCalls {
    /** A failure bound, not an expectation: a stream change is a few system calls. */
    private static final long WAIT_SECONDS = 10;

    private LoopCalls() {
    }

    /** Whether the calling thread is some event loop (of any group). */
    static boolean onAnyLoop() {
        return ThreadExecutorMap.currentExecutor() != null;
    }

    static void run(EventLoop loop, Runnable change) {
        if (loop.inEventLoop()) {
            change.run();
        } else if (loop.isShuttingDown()) {
            // The transport is stopping and closes every channel itself; the change is moot.
            try {
                loop.execute(change);
            } catch (java.util.concurrent.RejectedExecutionException ignored) {
                // already stopped
            }
        } else if (onAnyLoop()) {
            loop.execute(change);
        } else {
            await(loop.submit(change));
        }
    }

    /** Calls {@code task} on {@code loop}, waiting when needed; rethrows what it throws. */
    static <T> T call(EventLoop loop, Callable<T> task) throws Exception {
        if (loop.inEventLoop()) {
            return task.call();
        }
        Future<T> future = loop.submit(task);
        try {
            return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static void await(Future<?> future) {
        try {
            future.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("a media stream change failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("a media stream change did not run within " + WAIT_SECONDS + " s");
        }
    }
}
