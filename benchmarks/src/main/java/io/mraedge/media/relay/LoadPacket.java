package io.mraedge.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The driver's 172-byte packets: an RTP header (RFC 3550 §5.1: V=2, PT 0 PCMU, sequence number,
 * timestamp advancing 160 per 20 ms packet, SSRC) and a 160-byte payload — one G.711 20 ms frame —
 * that starts with the driver's own fields: magic, session, direction, phase, 32-bit sequence and
 * the send time ({@link System#nanoTime()}, same process on both ends, so no clock sync is
 * needed). The rest is zero. Probes are the MRA traversal probe of the media design:
 * {@code 'M','R','A','1'} + 16-byte token + component byte.
 */
final class LoadPacket {
    static final int SIZE = 172;
    static final int RTP_HEADER = 12;
    static final int MAGIC = 0x4D4C4F44; // "MLOD"
    static final int PROBE_MAGIC = 0x4D524131; // "MRA1"
    static final int PROBE_SIZE = 21;
    private static final int SESSION_OFFSET = RTP_HEADER + 4;
    private static final int DIRECTION_OFFSET = RTP_HEADER + 8;
    private static final int PHASE_OFFSET = RTP_HEADER + 9;
    private static final int SENT_OFFSET = RTP_HEADER + 14;
    private static final int FIELDS_END = SENT_OFFSET + 8;

    private LoadPacket() {
    }

    static ByteBuf encode(ByteBufAllocator alloc, int session, int direction, int phase, int seq) {
        ByteBuf b = alloc.directBuffer(SIZE, SIZE);
        b.writeByte(0x80).writeByte(0).writeShort(seq).writeInt(seq * 160).writeInt(session * 2 + direction);
        b.writeInt(MAGIC).writeInt(session).writeByte(direction).writeByte(phase).writeInt(seq);
        b.writeLong(System.nanoTime());
        b.writeZero(SIZE - FIELDS_END);
        return b;
    }

    static ByteBuf probe(ByteBufAllocator alloc, byte[] token) {
        ByteBuf b = alloc.directBuffer(PROBE_SIZE, PROBE_SIZE);
        return b.writeInt(PROBE_MAGIC).writeBytes(token).writeByte(0);
    }

    static boolean isLoad(ByteBuf b) {
        return b.readableBytes() >= FIELDS_END && b.getInt(b.readerIndex() + RTP_HEADER) == MAGIC;
    }

    static boolean isProbe(ByteBuf b) {
        return b.readableBytes() == PROBE_SIZE && b.getInt(b.readerIndex()) == PROBE_MAGIC;
    }

    static int session(ByteBuf b) {
        return b.getInt(b.readerIndex() + SESSION_OFFSET);
    }

    static int direction(ByteBuf b) {
        return b.getByte(b.readerIndex() + DIRECTION_OFFSET);
    }

    static int phase(ByteBuf b) {
        return b.getByte(b.readerIndex() + PHASE_OFFSET);
    }

    static long sentNanos(ByteBuf b) {
        return b.getLong(b.readerIndex() + SENT_OFFSET);
    }

    /** 32 lower-case hex digits to the 16 token bytes. */
    static byte[] token(String hex) {
        if (hex.length() != 32) {
            throw new IllegalArgumentException("token must be 32 hex digits: " + hex);
        }
        byte[] t = new byte[16];
        for (int i = 0; i < 16; i++) {
            t[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return t;
    }
}
