package io.mraedge.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.DefaultByteBufHolder;
import java.net.Inet4Address;
import java.net.InetSocketAddress;

/**
 * A STUN message multiplexed on a SIP flow (RFC 5389 §6, RFC 5626 §4.4.2): detected at a message
 * boundary by a first byte whose two top bits are zero and the magic cookie at offset 4. The
 * content is a retained slice of the whole message (header and attributes); the holder owns it.
 */
public final class StunMessage extends DefaultByteBufHolder {
    public static final int HEADER_LENGTH = 20;
    public static final int MAGIC_COOKIE = 0x2112A442;
    public static final int BINDING_REQUEST = 0x0001;
    public static final int BINDING_SUCCESS = 0x0101;
    private static final int XOR_MAPPED_ADDRESS = 0x0020;

    public StunMessage(ByteBuf content) {
        super(content);
    }

    /** The message type (e.g. {@link #BINDING_REQUEST}). */
    public int type() {
        return content().getUnsignedShort(content().readerIndex());
    }

    public boolean isBindingRequest() {
        return type() == BINDING_REQUEST;
    }

    /**
     * Whether {@code buf} at its reader index starts what can only be STUN on a SIP flow:
     * the first byte has its top two bits clear (SIP starts with a letter) and bytes 4–7 are
     * the magic cookie. Needs {@link #HEADER_LENGTH} readable bytes to say yes.
     */
    static boolean looksLikeStun(ByteBuf buf) {
        int i = buf.readerIndex();
        return buf.readableBytes() >= HEADER_LENGTH && (buf.getByte(i) & 0xC0) == 0
                && buf.getInt(i + 4) == MAGIC_COOKIE && (buf.getUnsignedShort(i + 2) & 3) == 0;
    }

    /** A Binding success response for this request, mapping {@code mapped} (XOR-MAPPED-ADDRESS). */
    public ByteBuf bindingSuccess(ByteBufAllocator alloc, InetSocketAddress mapped) {
        ByteBuf req = content();
        byte[] address = mapped.getAddress().getAddress();
        boolean v4 = mapped.getAddress() instanceof Inet4Address;
        int attrLength = 4 + address.length;
        ByteBuf out = alloc.buffer(HEADER_LENGTH + 4 + attrLength);
        out.writeShort(BINDING_SUCCESS).writeShort(4 + attrLength).writeInt(MAGIC_COOKIE);
        out.writeBytes(req, req.readerIndex() + 8, 12); // transaction id
        out.writeShort(XOR_MAPPED_ADDRESS).writeShort(attrLength);
        out.writeByte(0).writeByte(v4 ? 1 : 2).writeShort(mapped.getPort() ^ (MAGIC_COOKIE >>> 16));
        // RFC 5389 §15.2: X-Address is the address XOR the cookie (and the transaction id for IPv6).
        byte[] mask = new byte[16];
        ByteBuf header = req.slice(req.readerIndex() + 4, 16);
        header.getBytes(0, mask);
        for (int i = 0; i < address.length; i++) {
            out.writeByte(address[i] ^ mask[i]);
        }
        return out;
    }

    /** The transaction id as hex, for logs and matching. */
    public String transactionId() {
        return io.netty.buffer.ByteBufUtil.hexDump(content(), content().readerIndex() + 8, 12);
    }

    @Override
    public StunMessage replace(ByteBuf content) {
        return new StunMessage(content);
    }

    @Override
    public StunMessage retain() {
        super.retain();
        return this;
    }

    @Override
    public StunMessage touch(Object hint) {
        super.touch(hint);
        return this;
    }
}
