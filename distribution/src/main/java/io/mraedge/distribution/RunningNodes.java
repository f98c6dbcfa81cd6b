package io.mraedge.distribution;

import io.mraedge.core.ConnectorNode;
import io.mraedge.core.EdgeNode;
import io.mraedge.core.maintenance.MaintenanceMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes one process runs (one for {@code edge} and {@code connector}, both for
 * {@code lab}): what SIGHUP reloads and what SIGTERM stops.
 *
 * <p>{@link #shutdown()} is the orderly stop that SIGTERM asks for:
 * <ol>
 *   <li>maintenance on for every node at once, so that none takes new flows and the drains
 *       run side by side (in the lab the edge stops taking flows while its connector drains);</li>
 *   <li>each node's own {@code shutdown()}, last added first (the lab's connector, then its
 *       edge): wait up to that node's {@code shutdown.drain-timeout} for its running flows,
 *       then close it. The connector thus says GOAWAY and closes before its edge goes away.
 *       The edge's wait starts when the connector has closed; its flows rode that connector,
 *       so they have ended by then.</li>
 * </ol>
 * A drain the timeout cut short is logged as a warning and the process still exits 0 (the
 * operator chose that timeout; systemd's TimeoutStopSec is set above it). {@link #close()}
 * stops at once, for start-up failures.
 *
 * <p>Used from the command's thread and the signal threads. The node list is guarded by this
 * object's lock, which is not held during a drain, so SIGHUP still reloads meanwhile.
 */
final class RunningNodes implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RunningNodes.class);

    /** A node's orderly stop: maintenance, drain, close; true when the drain finished in time. */
    @FunctionalInterface
    private interface Shutdown {
        boolean run() throws InterruptedException;
    }

    private record Node(String label, Supplier<List<String>> reloadTls, MaintenanceMode maintenance,
                        Duration drainTimeout, Shutdown shutdown, Runnable close) {
    }

    private final List<Node> nodes = new ArrayList<>();
    private boolean stopped;

    synchronized RunningNodes add(EdgeNode edge) {
        nodes.add(new Node("edge " + edge.config().name(), edge::reloadTls, edge.maintenance(),
                edge.config().shutdown().drainTimeout(), edge::shutdown, edge::close));
        return this;
    }

    synchronized RunningNodes add(ConnectorNode connector) {
        nodes.add(new Node("connector " + connector.config().name(), connector::reloadTls, connector.maintenance(),
                connector.config().shutdown().drainTimeout(), connector::shutdown, connector::close));
        return this;
    }

    /**
     * Rebuilds every node's TLS contexts from their files and logs the outcome. New connections
     * get the new certificates; established ones keep theirs. A node whose files fail keeps its
     * old certificates.
     */
    synchronized void reloadTls() {
        for (Node node : nodes) {
            List<String> errors = node.reloadTls().get();
            if (errors.isEmpty()) {
                log.info("{}: certificates reloaded", node.label());
            } else {
                log.error("{}: certificate reload failed, old certificates stay in use: {}", node.label(),
                        String.join("; ", errors));
            }
        }
    }

    /** Blocks until the first SIGTERM or SIGINT, then stops every node in order ({@link #shutdown()}). */
    void runUntilStopped(SignalHandlers signals) throws InterruptedException {
        try {
            signals.awaitStop();
        } catch (InterruptedException e) {
            close();
            throw e;
        }
        shutdown();
    }

    /**
     * The orderly stop (see the class comment); a second call, or one after {@link #close()},
     * does nothing and returns true. Interrupted, it closes what is left at once and rethrows.
     *
     * @return whether every node drained within its {@code shutdown.drain-timeout}
     */
    boolean shutdown() throws InterruptedException {
        List<Node> stopping = takeAll();
        long started = System.nanoTime();
        for (Node node : stopping) {
            log.info("{}: maintenance on; draining for up to {} s", node.label(), node.drainTimeout().toSeconds());
            node.maintenance().set(true);
        }
        boolean allDrained = true;
        for (int i = stopping.size() - 1; i >= 0; i--) {
            Node node = stopping.get(i);
            try {
                allDrained &= shutdown(node, started);
            } catch (InterruptedException e) {
                log.warn("{}: interrupted while draining; closing what is left at once", node.label());
                closeAll(stopping.subList(0, i + 1));
                throw e;
            }
        }
        if (!stopping.isEmpty()) {
            log.info("stop complete: {} node(s) {} {} ms after the stop began", stopping.size(),
                    allDrained ? "drained and stopped" : "stopped (a drain was cut short)", millisSince(started));
        }
        return allDrained;
    }

    private static boolean shutdown(Node node, long started) throws InterruptedException {
        boolean drained;
        try {
            drained = node.shutdown().run();
        } catch (RuntimeException e) {
            // Close it at once, and stop the others all the same.
            log.error("{}: error while draining", node.label(), e);
            closeAll(List.of(node));
            return false;
        }
        if (drained) {
            log.info("{}: drained and stopped {} ms after maintenance began", node.label(), millisSince(started));
        } else {
            log.warn("{}: shutdown.drain-timeout ({} s) cut the drain short; flows still running were closed;"
                    + " stopped {} ms after maintenance began", node.label(), node.drainTimeout().toSeconds(),
                    millisSince(started));
        }
        return drained;
    }

    /** Stops every node at once, last started first, without a drain; a second call does nothing. */
    @Override
    public void close() {
        closeAll(takeAll());
    }

    private synchronized List<Node> takeAll() {
        if (stopped) {
            return List.of();
        }
        stopped = true;
        return List.copyOf(nodes);
    }

    private static void closeAll(List<Node> nodes) {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node node = nodes.get(i);
            log.info("{}: stopping", node.label());
            try {
                node.close().run();
            } catch (RuntimeException e) {
                // Stop the others all the same.
                log.error("{}: error while stopping", node.label(), e);
            }
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
