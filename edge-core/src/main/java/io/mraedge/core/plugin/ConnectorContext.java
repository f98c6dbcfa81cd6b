package io.mraedge.core.plugin;

import io.mraedge.core.config.ConnectorConfig;
import io.mraedge.core.net.NetTransport;
import io.mraedge.core.traversal.ConnectorStatus;

/** What the connector offers a protocol plugin: configuration, loops and its status report. */
public interface ConnectorContext {
    ConnectorConfig config();

    NetTransport transport();

    /** The status this connector reports to every edge; plugins add their fields to it. */
    ConnectorStatus status();

    /**
     * Closes {@code resource} when the connector stops, after its links and before its event
     * loops; resources close in reverse order of registration.
     */
    void closeWith(AutoCloseable resource);
}
