package io.mraedge.core.admin;

import io.mraedge.core.maintenance.MaintenanceMode;
import io.mraedge.core.metrics.NodeMetrics;
import io.mraedge.core.protection.IntrusionProtection;
import java.util.Map;
import java.util.Optional;

/** What the admin API of a role reads and controls; implemented by the edge and the connector. */
public interface AdminTarget {
    /** The {@code /status} document (also rendered as the status page). */
    Map<String, Object> statusDocument();

    MaintenanceMode maintenance();

    NodeMetrics metrics();

    /** The node's intrusion protection, when it has one (the edge). */
    Optional<IntrusionProtection> protection();
}
