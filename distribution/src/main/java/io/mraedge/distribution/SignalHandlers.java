package io.mraedge.distribution;

import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * What the process does on signals, for a process that runs nodes until it is told to stop:
 * <ul>
 *   <li>SIGHUP runs the reload action (certificates), on the JVM's signal thread, and the
 *       process carries on;</li>
 *   <li>the first SIGTERM or SIGINT releases {@link #awaitStop()}: the thread waiting there
 *       stops the nodes in order and returns, and the process exits 0;</li>
 *   <li>a second SIGTERM or SIGINT, while that orderly stop is still under way, ends the
 *       process at once with status {@value #IMPATIENT_EXIT_STATUS} (no drain, no shutdown
 *       hooks).</li>
 * </ul>
 * Installing these replaces the JVM's own SIGTERM/SIGINT/SIGHUP handling (which would run
 * shutdown hooks and exit 143), so that stopping is one ordered sequence on one thread.
 *
 * <p>{@code sun.misc.Signal} is the only JDK API for SIGHUP. It lives in the
 * {@code jdk.unsupported} module, which exists to keep it available; javac still warns that it
 * is internal, and that warning cannot be suppressed.
 */
final class SignalHandlers {
    /** Exit status after a second stop signal: the drain was cut short, so not a clean stop. */
    static final int IMPATIENT_EXIT_STATUS = 1;

    private static final Logger log = LoggerFactory.getLogger(SignalHandlers.class);

    private final Runnable reload;
    private final IntConsumer halt;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final AtomicInteger stopSignals = new AtomicInteger();

    /**
     * @param reload what SIGHUP does
     * @param halt   ends the process with a status; {@link Runtime#halt} outside tests
     */
    SignalHandlers(Runnable reload, IntConsumer halt) {
        this.reload = Objects.requireNonNull(reload, "reload");
        this.halt = Objects.requireNonNull(halt, "halt");
    }

    /** Handlers for SIGHUP (runs {@code reload}), SIGTERM and SIGINT, installed process-wide. */
    static SignalHandlers install(Runnable reload) {
        return install(reload, () -> { });
    }

    /**
     * As {@link #install(Runnable)}; {@code beforeHalt} runs just before the impatient exit of a
     * second stop signal (which skips shutdown hooks), e.g. to kill a child process.
     */
    static SignalHandlers install(Runnable reload, Runnable beforeHalt) {
        SignalHandlers handlers = new SignalHandlers(reload, status -> {
            try {
                beforeHalt.run();
            } finally {
                Runtime.getRuntime().halt(status);
            }
        });
        handlers.handle("HUP", handlers::onReloadSignal);
        handlers.handle("TERM", handlers::onStopSignal);
        handlers.handle("INT", handlers::onStopSignal);
        return handlers;
    }

    private void handle(String name, Consumer<String> action) {
        try {
            Signal.handle(new Signal(name), signal -> action.accept("SIG" + signal.getName()));
        } catch (IllegalArgumentException e) {
            // The JVM refuses signals it uses itself or that -Xrs reserves; say which, carry on.
            log.warn("cannot handle SIG{} here ({}); it keeps the JVM's default action", name, e.getMessage());
        }
    }

    void onReloadSignal(String signal) {
        log.info("{}: reloading certificates", signal);
        try {
            reload.run();
        } catch (RuntimeException e) {
            log.error("{}: reload failed", signal, e);
        }
    }

    void onStopSignal(String signal) {
        if (stopSignals.incrementAndGet() == 1) {
            log.info("{}: stopping (send it again to exit at once)", signal);
            stop.countDown();
        } else {
            log.warn("{} again: exiting at once with status {}, without waiting for the drain", signal,
                    IMPATIENT_EXIT_STATUS);
            halt.accept(IMPATIENT_EXIT_STATUS);
        }
    }

    /** Whether a stop signal has arrived. */
    boolean stopRequested() {
        return stop.getCount() == 0;
    }

    /** Blocks until the first SIGTERM or SIGINT. */
    void awaitStop() throws InterruptedException {
        stop.await();
    }

    /** Blocks until the first SIGTERM or SIGINT or until {@code millis} pass; true if stopped. */
    boolean awaitStop(long millis) throws InterruptedException {
        return stop.await(millis, TimeUnit.MILLISECONDS);
    }
}
