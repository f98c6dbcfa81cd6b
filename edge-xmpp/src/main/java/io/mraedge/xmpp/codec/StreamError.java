package io.mraedge.xmpp.codec;

/**
 * The stream error conditions the edge sends (RFC 6120 §4.9.3), each with its element name.
 * A stream error is always followed by the closing of the stream (§4.9.1.1).
 */
public enum StreamError {
    /** §4.9.3.1: XML the entity cannot process (e.g. text at the stream level). */
    BAD_FORMAT("bad-format"),
    /** §4.9.3.4: the stream was idle too long, or did not finish negotiating in time. */
    CONNECTION_TIMEOUT("connection-timeout"),
    /** §4.9.3.6: the {@code to} domain is not served here. */
    HOST_UNKNOWN("host-unknown"),
    /** §4.9.3.9: the server could not carry on, for a reason it does not disclose. */
    INTERNAL_SERVER_ERROR("internal-server-error"),
    /** §4.9.3.10: the stream or content namespace is wrong for this port. */
    INVALID_NAMESPACE("invalid-namespace"),
    /** §4.9.3.13: the data is not well-formed XML. */
    NOT_WELL_FORMED("not-well-formed"),
    /** §4.9.3.12: a local policy was broken, e.g. a size limit or STARTTLS required but skipped. */
    POLICY_VIOLATION("policy-violation"),
    /** §4.9.3.15: the server the stream needs on the far side could not be reached. */
    REMOTE_CONNECTION_FAILED("remote-connection-failed"),
    /** §4.9.3.18: comments, processing instructions, DTDs or entity references (§11.1). */
    RESTRICTED_XML("restricted-xml"),
    /** §4.9.3.19: the service is going down (maintenance here). */
    SYSTEM_SHUTDOWN("system-shutdown"),
    /** §4.9.3.22: the stream header's version is not one we speak. */
    UNSUPPORTED_VERSION("unsupported-version");

    private final String element;

    StreamError(String element) {
        this.element = element;
    }

    /** The condition's element name, e.g. {@code host-unknown}. */
    public String element() {
        return element;
    }
}
