package io.mraedge.core.plugin;

import io.mraedge.core.config.EdgeConfig;
import io.mraedge.core.net.NetTransport;
import io.mraedge.core.tls.ReloadableSslContext;
import io.mraedge.core.traversal.StreamRouter;
import java.io.IOException;
import java.util.List;

/** What the edge offers a protocol plugin: configuration, loops, TLS and the way to the inside. */
public interface EdgeContext {
    EdgeConfig config();

    NetTransport transport();

    /** Opens traversal streams on the connection that routing chooses. */
    StreamRouter streams();

    /**
     * A server TLS context with the edge certificate for an outside listener, offering
     * {@code alpn} (may be empty). It is reloaded with the others on SIGHUP.
     */
    ReloadableSslContext outsideTls(String listenerName, List<String> alpn) throws IOException;
}
