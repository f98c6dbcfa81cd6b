package io.mraedge.sip;

/**
 * A request whose media cannot be anchored: the SIP layer answers it with {@link #status()} and
 * {@link #reason()} (RFC 3261 §21: 503 when the relay has no ports left, 488 when the SDP cannot
 * be read) instead of passing it on. No stack trace: this is an answer, not a fault.
 */
public final class MediaRefusal extends RuntimeException {
    private final int status;
    private final String reason;

    public MediaRefusal(int status, String reason, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}
