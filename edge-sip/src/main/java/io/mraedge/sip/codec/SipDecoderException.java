package io.mraedge.sip.codec;

import io.netty.handler.codec.DecoderException;

/**
 * Why a SIP message was refused, as the cause of a failed {@link io.netty.handler.codec.DecoderResult}.
 *
 * @see #status() 400 for a malformed message, 513 for one over a limit
 * @see #recoverable() whether framing survived, so that the flow may carry on
 */
public final class SipDecoderException extends DecoderException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final boolean recoverable;

    public SipDecoderException(int status, String message, boolean recoverable) {
        super(message, null);
        this.status = status;
        this.recoverable = recoverable;
    }

    /** The SIP status a request refused for this gets: 400 Bad Request or 513 Message Too Large. */
    public int status() {
        return status;
    }

    public String reason() {
        return status == 513 ? "Message Too Large" : "Bad Request";
    }

    /** True when the message's end was found, so the next one can be decoded. */
    public boolean recoverable() {
        return recoverable;
    }

    SipDecoderException unrecoverable() {
        return recoverable ? new SipDecoderException(status, getMessage(), false) : this;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // a refusal of input, not a program error: no stack trace to pay for
    }
}
