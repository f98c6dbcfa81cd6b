package io.mraedge.http.connector;

/** Why the connector could not get an answer from an inside server; maps to 502 or 504. */
public final class UpstreamException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What failed. */
    public enum Kind {
        /** Name resolution, TCP connect or TLS: 502. */
        CONNECT,
        /** No response headers within the response timeout: 504. */
        TIMEOUT,
        /** The server closed or broke the connection before the response was complete: 502. */
        BROKEN
    }

    private final Kind kind;

    public UpstreamException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
