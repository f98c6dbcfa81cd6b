package io.mraedge.http.connector;

import java.util.List;
import java.util.Objects;

/**
 * The UC nodes of one service domain, as get_edge_config reports them and the automatic allow
 * list admits them.
 *
 * @param name            the domain, lower case
 * @param unifiedCm       Unified CM UDS servers ({@code _cisco-uds}), at least one
 * @param tftp            TFTP servers ({@code tftpServer}, {@code _cisco-phone-tftp})
 * @param imPresence      IM and Presence nodes ({@code _cuplogin})
 * @param unityConnection Unity Connection nodes (allow list only)
 * @param sipRoute        the {@code sipRequest} route, or null for the default built from the
 *                        edge's public name and SIP port
 */
public record ServiceDomain(String name, List<UcNode> unifiedCm, List<TftpNode> tftp, List<UcNode> imPresence,
                            List<UcNode> unityConnection, String sipRoute) {
    public ServiceDomain {
        Objects.requireNonNull(name, "name");
        unifiedCm = List.copyOf(unifiedCm);
        tftp = List.copyOf(tftp);
        imPresence = List.copyOf(imPresence);
        unityConnection = List.copyOf(unityConnection);
    }
}
