package io.mraedge.sip.connector;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Flow tokens (RFC 5626 §5.2 in spirit): the user part of the connector's Path and Record-Route
 * URIs, naming the flow a request for the client must take. A token is the flow's number and an
 * HMAC over it, so a forged or stale token is refused rather than routed to another user's flow.
 */
final class FlowTokens {
    private static final int MAC_BYTES = 8;
    private final byte[] secret;

    FlowTokens(byte[] secret) {
        this.secret = secret.clone();
    }

    static FlowTokens random() {
        byte[] s = new byte[32];
        new SecureRandom().nextBytes(s);
        return new FlowTokens(s);
    }

    /** {@code f<id hex>x<mac hex>}: only characters a SIP URI user part allows unescaped. */
    String token(long flowId) {
        return "f" + Long.toHexString(flowId) + "x" + mac(flowId);
    }

    /** The flow id a token names, or -1 when it is not a token of this connector. */
    long verify(String token) {
        if (token == null || !token.startsWith("f")) {
            return -1;
        }
        int x = token.indexOf('x');
        if (x < 2) {
            return -1;
        }
        try {
            long id = Long.parseUnsignedLong(token.substring(1, x), 16);
            byte[] expected = mac(id).getBytes(StandardCharsets.US_ASCII);
            byte[] given = token.substring(x + 1).getBytes(StandardCharsets.US_ASCII);
            return MessageDigest.isEqual(expected, given) ? id : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String mac(long id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] out = mac.doFinal(Long.toString(id).getBytes(StandardCharsets.US_ASCII));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < MAC_BYTES; i++) {
                sb.append(Character.forDigit((out[i] >> 4) & 15, 16)).append(Character.forDigit(out[i] & 15, 16));
            }
            return sb.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
