package io.mraedge.http;

import io.netty.util.AsciiString;

/**
 * The HTTP plugin's names on the traversal connection (ARCHITECTURE.md, "Streams"): its
 * control paths, the headers of its control requests, its status section and its routing kind.
 * Both roles use these constants; nothing else spells them. The core's own names are in
 * {@link io.mraedge.core.traversal.TraversalProtocol}.
 */
public final class HttpTraversal {
    /** Routing and load kind of HTTP proxy and control streams. */
    public static final String KIND = "http";
    /** Key of the connector's status section: allow-list rules and served domains. */
    public static final String STATUS_SECTION = "http";

    /** {@code POST /.mra/auth}: verify the Basic credentials in {@code authorization} for {@link #DOMAIN}. */
    public static final String AUTH_PATH = "/.mra/auth";
    /** {@code GET /.mra/edge-config?domain=…&service_name=…}: the get_edge_config XML. */
    public static final String EDGE_CONFIG_PATH = "/.mra/edge-config";

    /** The service domain of a control request. */
    public static final AsciiString DOMAIN = AsciiString.cached("mra-domain");
    /** get_edge_config inputs: the edge's public name and ports (see {@code EdgeIdentity}). */
    public static final AsciiString PUBLIC_NAME = AsciiString.cached("mra-public-name");
    public static final AsciiString SIP_TLS_PORT = AsciiString.cached("mra-sip-tls-port");
    public static final AsciiString XMPP_PORT = AsciiString.cached("mra-xmpp-port");
    public static final AsciiString HTTP_PORT = AsciiString.cached("mra-http-port");
    /** Comma-separated {@code host:port} TURN servers; absent for none. */
    public static final AsciiString TURN_SERVERS = AsciiString.cached("mra-turn-servers");
    /** On a connector's own refusal or error answer: a short reason for the edge's log. */
    public static final AsciiString ERROR = AsciiString.cached("mra-error");

    /** The header the inside servers see with the request's tracking id. */
    public static final AsciiString TRACKING_ID_HEADER = AsciiString.cached("trackingid");

    private HttpTraversal() {
    }
}
