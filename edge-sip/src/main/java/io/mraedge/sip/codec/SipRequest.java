package io.mraedge.sip.codec;

/** A SIP request: method and Request-URI (RFC 3261 §7.1). */
public final class SipRequest extends SipMessage {
    /** Method of a request whose start line could not be parsed. */
    public static final String INVALID = "INVALID";

    private final String method;
    private String uri;

    public SipRequest(String method, String uri, SipHeaders headers) {
        super(headers);
        this.method = method;
        this.uri = uri;
    }

    public String method() {
        return method;
    }

    public String uri() {
        return uri;
    }

    public void uri(String newUri) {
        uri = newUri;
    }

    public boolean isMethod(String m) {
        return method.equals(m);
    }

    /** In a dialog: the To header carries a tag (RFC 3261 §12.2). */
    public boolean inDialog() {
        NameAddress to = to();
        return to != null && to.tag() != null && !to.tag().isEmpty();
    }

    @Override
    public String startLine() {
        return method + " " + uri + " " + VERSION;
    }
}
