package io.mraedge.media.sdp;

/**
 * An SDP body was refused: malformed (RFC 8866 syntax the relay depends on), or over a limit of
 * {@link SdpLimits}. The message names the line (1-based) and what is wrong with it, so the SIP
 * layer can log it beside its 400/488 answer. Parsing throws no other exception type.
 */
public final class SdpException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param message what was refused and why */
    public SdpException(String message) {
        super(message);
    }

    static SdpException atLine(int line, String message) {
        return new SdpException("SDP line " + line + ": " + message);
    }
}
