package io.mraedge.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The probe a connector sends to the edge's traversal port, and the edge's ack (the same bytes):
 * {@code 'M','R','A','1'}, the 16-byte {@link RelayToken}, one byte component (0 RTP, 1 RTCP),
 * 21 bytes. The first byte, 0x4D, is never RTP/RTCP (0x80-0xBF, RFC 3550 §5.1 version 2), STUN
 * (0x00-0x03, RFC 8489 §5) or DTLS (20-63, RFC 7983 §7), so a probe cannot be mistaken for media.
 *
 * <p>Reading never moves the buffer's indexes and never allocates; anything that is not exactly
 * a probe is simply "not a probe".
 */
final class ProbeCodec {
    static final int LENGTH = 21;
    static final int MAGIC = ('M' << 24) | ('R' << 16) | ('A' << 8) | '1';
    static final int RTP = 0;
    static final int RTCP = 1;

    private ProbeCodec() {
    }

    /** Whether {@code content} has a probe's length and magic (the token is not checked). */
    static boolean isProbe(ByteBuf content) {
        return content.readableBytes() == LENGTH && content.getInt(content.readerIndex()) == MAGIC;
    }

    /** Whether the probe {@code content} carries {@code token}; call after {@link #isProbe}. */
    static boolean hasToken(ByteBuf content, RelayToken token) {
        int at = content.readerIndex();
        return content.getLong(at + 4) == token.high() && content.getLong(at + 12) == token.low();
    }

    /** The token of the probe {@code content}; call after {@link #isProbe}. Allocates the key. */
    static RelayToken token(ByteBuf content) {
        int at = content.readerIndex();
        return new RelayToken(content.getLong(at + 4), content.getLong(at + 12));
    }

    /** The component byte of the probe {@code content}, 0-255; call after {@link #isProbe}. */
    static int component(ByteBuf content) {
        return content.getUnsignedByte(content.readerIndex() + 20);
    }

    /** A new probe; the caller owns (and writes, which releases) it. */
    static ByteBuf encode(ByteBufAllocator allocator, RelayToken token, int component) {
        ByteBuf probe = allocator.directBuffer(LENGTH, LENGTH);
        probe.writeInt(MAGIC).writeLong(token.high()).writeLong(token.low()).writeByte(component);
        return probe;
    }
}
