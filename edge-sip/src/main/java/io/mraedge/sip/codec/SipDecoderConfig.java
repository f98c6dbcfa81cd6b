package io.mraedge.sip.codec;

/**
 * Limits of {@link SipObjectDecoder}, validated in one place (the shape of Netty's
 * {@code HttpDecoderConfig}). A message over a size limit is refused with 513; framing by
 * {@code Content-Length} decides whether the flow survives (RFC 3261 §18.3).
 *
 * @param maxStartLineLength longest request or status line, CRLF excluded
 * @param maxHeaderSize      bytes of the header section (all header lines together)
 * @param maxHeaderCount     header lines (a folded header counts once)
 * @param maxBodySize        largest {@code Content-Length} accepted
 * @param maxStunSize        largest STUN message (header plus attributes) on the flow
 */
public record SipDecoderConfig(int maxStartLineLength, int maxHeaderSize, int maxHeaderCount, int maxBodySize,
                               int maxStunSize) {
    /** Defaults: 4 KiB start line, 32 KiB of headers, 100 headers, 64 KiB body, 548-byte STUN. */
    public static final SipDecoderConfig DEFAULT = new SipDecoderConfig(4096, 32 * 1024, 100, 64 * 1024, 548);

    public SipDecoderConfig {
        require(maxStartLineLength >= 64, "maxStartLineLength", maxStartLineLength, ">= 64");
        require(maxHeaderSize >= 256, "maxHeaderSize", maxHeaderSize, ">= 256");
        require(maxHeaderCount >= 8, "maxHeaderCount", maxHeaderCount, ">= 8");
        require(maxBodySize >= 0, "maxBodySize", maxBodySize, ">= 0");
        require(maxStunSize >= 20, "maxStunSize", maxStunSize, ">= 20 (the STUN header)");
    }

    private static void require(boolean ok, String name, int value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(name + " must be " + rule + ", got " + value);
        }
    }

    public SipDecoderConfig withMaxStartLineLength(int v) {
        return new SipDecoderConfig(v, maxHeaderSize, maxHeaderCount, maxBodySize, maxStunSize);
    }

    public SipDecoderConfig withMaxHeaderSize(int v) {
        return new SipDecoderConfig(maxStartLineLength, v, maxHeaderCount, maxBodySize, maxStunSize);
    }

    public SipDecoderConfig withMaxHeaderCount(int v) {
        return new SipDecoderConfig(maxStartLineLength, maxHeaderSize, v, maxBodySize, maxStunSize);
    }

    public SipDecoderConfig withMaxBodySize(int v) {
        return new SipDecoderConfig(maxStartLineLength, maxHeaderSize, maxHeaderCount, v, maxStunSize);
    }
}
