package io.mraedge.xmpp;

/**
 * Names both roles of the XMPP plugin agree on: the byte-flow protocols of the traversal
 * CONNECT streams, the connector's status section, and the response statuses the connector
 * answers a flow with (ARCHITECTURE.md, "XMPP").
 */
public final class XmppProtocol {
    /** {@code :protocol} of a client-to-server flow (5222, 5223). */
    public static final String CLIENT_FLOW = "xmpp-client";
    /** {@code :protocol} of an inbound server-to-server flow (5269). */
    public static final String SERVER_FLOW = "xmpp-server";

    /** Key of the connector's status section. */
    public static final String STATUS_SECTION = "xmpp";
    /** Field of the section: domains this connector carries client streams for. */
    public static final String CLIENT_DOMAINS = "client-domains";
    /** Field of the section: domains this connector carries inbound federation for. */
    public static final String SERVER_DOMAINS = "server-domains";

    /** The upstream stream is negotiated; relaying starts. */
    public static final String STATUS_OK = "200";
    /** The connector does not serve the domain (its report was stale): {@code <host-unknown/>}. */
    public static final String STATUS_UNKNOWN_DOMAIN = "404";
    /** No IM&P server of the domain could be reached or negotiated with: {@code <remote-connection-failed/>}. */
    public static final String STATUS_UPSTREAM_FAILED = "502";
    /** The connector is in maintenance (its dispatcher answers this): {@code <system-shutdown/>}. */
    public static final String STATUS_MAINTENANCE = "503";

    /**
     * The largest stream header either role accepts: the upper bound of the edge's
     * {@code xmpp.limits.max-header-size}, and the connector's bound on a replayed header.
     */
    public static final int MAX_HEADER_SIZE = 64 * 1024;

    private XmppProtocol() {
    }
}
