package io.mraedge.distribution;

import io.mraedge.core.ConnectorNode;
import io.mraedge.core.EdgeNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes one process runs (one for {@code edge} and {@code connector}, both for
 * {@code lab}): what SIGHUP reloads and what SIGTERM stops. {@link #close()} stops them in
 * the reverse order of {@code add}, so the lab's connector says GOAWAY and drains before its
 * edge goes away. Used from the command's thread and the signal threads; methods are
 * synchronized.
 */
final class RunningNodes implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RunningNodes.class);

    private record Node(String label, Supplier<List<String>> reloadTls, Runnable close) {
    }

    private final List<Node> nodes = new ArrayList<>();
    private boolean closed;

    synchronized RunningNodes add(EdgeNode edge) {
        nodes.add(new Node("edge " + edge.config().name(), edge::reloadTls, edge::close));
        return this;
    }

    synchronized RunningNodes add(ConnectorNode connector) {
        nodes.add(new Node("connector " + connector.config().name(), connector::reloadTls, connector::close));
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

    /** Blocks until the first SIGTERM or SIGINT, then stops every node. */
    void runUntilStopped(SignalHandlers signals) throws InterruptedException {
        try {
            signals.awaitStop();
        } finally {
            close();
        }
    }

    /** Stops every node, last started first; a second call does nothing. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
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
}
