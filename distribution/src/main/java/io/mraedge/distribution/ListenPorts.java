package io.mraedge.distribution;

import io.mraedge.core.config.EdgeConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;

/**
 * The TCP addresses an edge config makes the process listen on, each with the key that sets it,
 * and a probe that tells which of them cannot be bound. When an edge fails to start, the
 * commands probe these to turn Netty's bare "bind(..) failed: Address already in use" into a
 * line that names the port and the key to change. The core edge's listeners only: a plugin's
 * outside listeners are not probed yet.
 */
final class ListenPorts {

    /**
     * One configured listener.
     *
     * @param key     the YAML key, e.g. {@code traversal.listen}
     * @param address what it binds
     */
    record Listener(String key, InetSocketAddress address) {
    }

    private ListenPorts() {
    }

    /** The listeners of the core edge: traversal and admin. */
    static List<Listener> of(EdgeConfig config) {
        return List.of(new Listener("traversal.listen", config.traversal().listen()),
                new Listener("admin.listen", config.admin().listen()));
    }

    /**
     * The first listener whose fixed port cannot be bound now, with the operating system's
     * reason (such as "Address already in use"); port 0 (any free port) always binds.
     */
    static Optional<Refusal> firstRefused(List<Listener> listeners) {
        for (Listener listener : listeners) {
            if (listener.address().getPort() == 0) {
                continue;
            }
            Optional<String> reason = bindFailure(listener.address());
            if (reason.isPresent()) {
                return Optional.of(new Refusal(listener, reason.get()));
            }
        }
        return Optional.empty();
    }

    /**
     * A listener that cannot bind.
     *
     * @param listener which one
     * @param reason   the operating system's reason, e.g. "Address already in use"
     */
    record Refusal(Listener listener, String reason) {

        /** The one line an operator reads when this stopped {@code file}'s edge from starting. */
        String message(Object file) {
            InetSocketAddress address = listener.address();
            int port = address.getPort();
            return "cannot listen on port " + port + " (" + listener.key() + " " + address.getHostString() + ":" + port
                    + " in " + file + "): " + reason + "; free the port (ss -ltnp 'sport = :" + port
                    + "' shows who holds it) or change " + listener.key();
        }
    }

    private static Optional<String> bindFailure(InetSocketAddress address) {
        try (ServerSocket probe = new ServerSocket()) {
            // As the real listeners do: a connection left in TIME_WAIT does not block the port.
            probe.setReuseAddress(true);
            probe.bind(address);
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }
}
