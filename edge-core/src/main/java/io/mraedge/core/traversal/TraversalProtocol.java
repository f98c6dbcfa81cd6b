package io.mraedge.core.traversal;

import io.netty.util.AsciiString;

/**
 * Names of the {@code mra-traversal/1} protocol (ARCHITECTURE.md, "Traversal protocol"): the
 * ALPN id, the request headers the edge adds, and the control paths. Both roles use these
 * constants; nothing else spells them.
 */
public final class TraversalProtocol {
    /** ALPN protocol id of the traversal connection. */
    public static final String ALPN_ID = "mra-traversal/1";

    /** Address and port of the client on the internet, as the edge saw it: {@code 198.51.100.7:53211}. */
    public static final AsciiString CLIENT_ADDRESS = AsciiString.cached("mra-client-address");
    /** Authenticated user, when the edge has one. */
    public static final AsciiString USER = AsciiString.cached("mra-user");
    /** Tracking id that follows one request across both roles and the logs. */
    public static final AsciiString TRACKING_ID = AsciiString.cached("mra-tracking-id");
    /** Name of the edge node that opened the stream. */
    public static final AsciiString EDGE = AsciiString.cached("mra-edge");

    /** Long-lived newline-delimited JSON status of the connector. */
    public static final String STATUS_PATH = "/.mra/status";
    /** Prefix of every control path; HTTP proxy streams never use it. */
    public static final String CONTROL_PREFIX = "/.mra/";
    /** Content type of the status stream. */
    public static final AsciiString NDJSON = AsciiString.cached("application/x-ndjson");

    private TraversalProtocol() {
    }
}
