package io.mraedge.core.traversal;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The traversal connections an edge holds now, of every state but the ones already closed.
 * Thread-safe; a closed connection removes itself.
 */
public final class ConnectorRegistry {
    private final Set<TraversalConnection> connections = ConcurrentHashMap.newKeySet();

    void add(TraversalConnection connection) {
        connections.add(connection);
        connection.channel().closeFuture().addListener(f -> connections.remove(connection));
    }

    /** A snapshot of the connections, for routing and status. */
    public List<TraversalConnection> snapshot() {
        return List.copyOf(connections);
    }

    /** Connections currently UP. */
    public long upCount() {
        return connections.stream().filter(c -> c.state() == TraversalConnection.State.UP).count();
    }

    /** Closes every connection and waits up to {@code timeout} for them to be closed. */
    public void closeAll(java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Collection<TraversalConnection> all = snapshot();
        all.forEach(TraversalConnection::close);
        for (TraversalConnection c : all) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            c.channel().closeFuture().awaitUninterruptibly(java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(left) + 1);
        }
    }
}
