package io.mraedge.media.sdp;

/** What a rewrite needs to know about one SDP line. */
enum LineKind {
    /** Any line a rewrite never changes by its type (v=, o=, b=, unknown types, blank lines). */
    OTHER,
    /** {@code c=} (RFC 8866 §5.7). */
    CONNECTION,
    /** {@code m=} (RFC 8866 §5.14). */
    MEDIA,
    /** {@code a=} not listed below, or any {@code a=} at session level. */
    ATTRIBUTE,
    /** Media-level {@code a=rtcp} (RFC 3605 §2.1). */
    RTCP,
    /** Media-level {@code a=rtcp-mux} (RFC 5761 §5.1.1). */
    RTCP_MUX,
    /** Media-level {@code a=candidate} (RFC 8839 §5.1). */
    CANDIDATE,
    /** Media-level {@code a=remote-candidates} (RFC 8839 §5.2). */
    REMOTE_CANDIDATES;

    /** Whether the line is an {@code a=} line, which {@code removeAttribute} may drop. */
    boolean isAttribute() {
        return this == ATTRIBUTE || this == RTCP || this == RTCP_MUX || this == CANDIDATE || this == REMOTE_CANDIDATES;
    }
}
