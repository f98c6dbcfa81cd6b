package io.mraedge.core.plugin;

import io.mraedge.core.config.EdgeConfig;
import io.mraedge.core.maintenance.MaintenanceMode;
import io.mraedge.core.metrics.NodeMetrics;
import io.mraedge.core.net.NetTransport;
import io.mraedge.core.protection.ProtectionCategory;
import io.mraedge.core.tls.ReloadableSslContext;
import io.mraedge.core.traversal.StreamRouter;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.function.Supplier;

/**
 * What the edge offers a protocol plugin: configuration, loops, TLS, the way to the inside, and
 * the shared operations services. A protocol reports refusals and asks about maintenance here;
 * it never implements bans, counters or drain logic of its own.
 */
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

    /**
     * Maintenance: {@code maintenance().service(listenerName).tryStartFlow()} before a new flow
     * starts (null: refuse it the protocol's way); close the returned flow when it ends.
     */
    MaintenanceMode maintenance();

    NodeMetrics metrics();

    /**
     * Reports a refusal of {@code category} from {@code source} on the listener at
     * {@code listenerPort}: counted in metrics and fed to intrusion protection, which may ban.
     * The caller has already refused in its protocol's way and logged the cause.
     */
    void refused(ProtectionCategory category, InetSocketAddress source, int listenerPort);

    /** Adds a section to the edge's status document (e.g. {@code registrations}). */
    void statusSection(String key, Supplier<Object> section);

    /**
     * Closes {@code resource} when the edge stops, after its listeners and before its event loops
     * (e.g. a media relay's sockets and timers); resources close in reverse order of registration.
     */
    void closeWith(AutoCloseable resource);
}
