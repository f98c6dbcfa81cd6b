package io.mraedge.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DecoderResult;
import io.netty.util.ReferenceCounted;
import java.util.ArrayList;
import java.util.List;

/**
 * A SIP request or response: start line, headers and body. The body is a retained slice of the
 * decoder's input (no copy), so a message is {@link ReferenceCounted} through its body.
 *
 * <p>Ownership: whoever holds a message either passes it on (a write hands it to the encoder,
 * which releases it) or releases it. {@link #body(ByteBuf)} takes ownership of the new body and
 * releases the old one. A failed decode ({@link #decoderResult()}) has an empty body.
 */
public abstract sealed class SipMessage implements ReferenceCounted permits SipRequest, SipResponse {
    public static final String VERSION = "SIP/2.0";

    private final SipHeaders headers;
    private ByteBuf body = Unpooled.EMPTY_BUFFER;
    private DecoderResult decoderResult = DecoderResult.SUCCESS;

    protected SipMessage(SipHeaders headers) {
        this.headers = headers;
    }

    public SipHeaders headers() {
        return headers;
    }

    public ByteBuf body() {
        return body;
    }

    /** Replaces the body, releasing the old one; this message now owns {@code newBody}. */
    public void body(ByteBuf newBody) {
        ByteBuf old = body;
        body = newBody;
        old.release();
    }

    public DecoderResult decoderResult() {
        return decoderResult;
    }

    public void decoderResult(DecoderResult result) {
        decoderResult = result;
    }

    /** The first line, without CRLF. */
    public abstract String startLine();

    // ---- parsed accessors (each throws IllegalArgumentException on a malformed value) ----

    /** The top Via (the sender of a request, the next hop of a response), or null. */
    public Via topVia() {
        String v = headers.first(SipHeaderNames.VIA);
        return v == null ? null : Via.parse(v);
    }

    public List<Via> vias() {
        List<Via> out = new ArrayList<>();
        for (String v : headers.values(SipHeaderNames.VIA)) {
            out.add(Via.parse(v));
        }
        return out;
    }

    public NameAddress from() {
        return nameAddress(SipHeaderNames.FROM);
    }

    public NameAddress to() {
        return nameAddress(SipHeaderNames.TO);
    }

    public String callId() {
        return headers.get(SipHeaderNames.CALL_ID);
    }

    public CSeq cseq() {
        String v = headers.get(SipHeaderNames.CSEQ);
        return v == null ? null : CSeq.parse(v);
    }

    public List<NameAddress> contacts() {
        return nameAddresses(SipHeaderNames.CONTACT);
    }

    public List<NameAddress> routes() {
        return nameAddresses(SipHeaderNames.ROUTE);
    }

    public List<NameAddress> recordRoutes() {
        return nameAddresses(SipHeaderNames.RECORD_ROUTE);
    }

    public List<NameAddress> paths() {
        return nameAddresses(SipHeaderNames.PATH);
    }

    /** The Expires header in seconds, or -1. */
    public long expires() {
        String v = headers.get(SipHeaderNames.EXPIRES);
        if (v == null) {
            return -1;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad Expires: " + v);
        }
    }

    public String contentType() {
        return headers.get(SipHeaderNames.CONTENT_TYPE);
    }

    /** The Content-Length header as received, or -1; the encoder writes the body's real length. */
    public int contentLength() {
        String v = headers.get(SipHeaderNames.CONTENT_LENGTH);
        return v == null ? -1 : Integer.parseInt(v.trim());
    }

    private NameAddress nameAddress(String name) {
        String v = headers.get(name);
        return v == null ? null : NameAddress.parse(v);
    }

    private List<NameAddress> nameAddresses(String name) {
        List<NameAddress> out = new ArrayList<>();
        for (String v : headers.values(name)) {
            out.add(NameAddress.parse(v));
        }
        return out;
    }

    // ---- ReferenceCounted through the body ----

    @Override
    public int refCnt() {
        return body.refCnt();
    }

    @Override
    public SipMessage retain() {
        body.retain();
        return this;
    }

    @Override
    public SipMessage retain(int increment) {
        body.retain(increment);
        return this;
    }

    @Override
    public SipMessage touch() {
        body.touch();
        return this;
    }

    @Override
    public SipMessage touch(Object hint) {
        body.touch(hint);
        return this;
    }

    @Override
    public boolean release() {
        return body.release();
    }

    @Override
    public boolean release(int decrement) {
        return body.release(decrement);
    }

    @Override
    public String toString() {
        return startLine();
    }
}
