package io.mraedge.sip.codec;

/** A SIP response: status code and reason phrase (RFC 3261 §7.2). */
public final class SipResponse extends SipMessage {
    private final int status;
    private final String reason;

    public SipResponse(int status, String reason, SipHeaders headers) {
        super(headers);
        this.status = status;
        this.reason = reason;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public boolean isFinal() {
        return status >= 200;
    }

    /**
     * A response to {@code request} built as a UAS or proxy does (RFC 3261 §8.2.6.2): Via, From,
     * To (with {@code toTag} when it has none), Call-ID and CSeq copied, empty body.
     */
    public static SipResponse to(SipMessage request, int status, String reason, String toTag) {
        SipHeaders h = new SipHeaders();
        SipHeaders in = request.headers();
        h.copy(in, SipHeaderNames.VIA).copy(in, SipHeaderNames.FROM);
        String to = in.get(SipHeaderNames.TO);
        if (to != null) {
            boolean tagged = false;
            try {
                NameAddress t = NameAddress.parse(to);
                tagged = t.tag() != null;
            } catch (IllegalArgumentException e) {
                tagged = true;
            }
            h.add(SipHeaderNames.TO, tagged || toTag == null ? to : to + ";tag=" + toTag);
        }
        h.copy(in, SipHeaderNames.CALL_ID).copy(in, SipHeaderNames.CSEQ);
        return new SipResponse(status, reason, h);
    }

    @Override
    public String startLine() {
        return VERSION + " " + status + " " + reason;
    }
}
