package io.mraedge.sip.codec;

/**
 * The checks a complete message must pass before the proxy touches it: the headers every
 * request and response carries (RFC 3261 §8.1.1) parse, and a response's CSeq names a method.
 */
final class SipValidation {
    private SipValidation() {
    }

    /** Null when {@code m} is fit to proxy, else why not. */
    static String check(SipMessage m) {
        SipHeaders h = m.headers();
        for (String required : new String[] {SipHeaderNames.VIA, SipHeaderNames.FROM, SipHeaderNames.TO,
                SipHeaderNames.CALL_ID, SipHeaderNames.CSEQ}) {
            if (!h.contains(required)) {
                return "missing " + required;
            }
        }
        if (h.getAll(SipHeaderNames.CALL_ID).size() > 1 || h.getAll(SipHeaderNames.CSEQ).size() > 1
                || h.getAll(SipHeaderNames.FROM).size() > 1 || h.getAll(SipHeaderNames.TO).size() > 1) {
            return "duplicate From, To, Call-ID or CSeq";
        }
        try {
            m.vias();
            m.from();
            m.to();
            CSeq cseq = m.cseq();
            if (m instanceof SipRequest r && !cseq.method().equals(r.method())) {
                return "CSeq method " + cseq.method() + " does not match " + r.method();
            }
            m.contacts();
            m.routes();
            m.recordRoutes();
            m.expires();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return null;
    }
}
