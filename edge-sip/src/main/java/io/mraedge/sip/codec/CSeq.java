package io.mraedge.sip.codec;

/**
 * A CSeq value (RFC 3261 §20.16): sequence number and method.
 */
public record CSeq(long number, String method) {
    public static CSeq parse(String value) {
        String[] parts = value.trim().split("\\s+");
        if (parts.length != 2 || !SipSyntax.isToken(parts[1])) {
            throw new IllegalArgumentException("not a CSeq: " + value);
        }
        try {
            long n = Long.parseLong(parts[0]);
            if (n < 0 || n > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("CSeq out of range: " + value);
            }
            return new CSeq(n, parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a CSeq: " + value);
        }
    }

    @Override
    public String toString() {
        return number + " " + method;
    }
}
