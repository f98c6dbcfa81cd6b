package io.mraedge.sip.codec;

import java.util.Locale;

/** The few URI facts the proxy needs from a {@code sip:}/{@code sips:} URI (RFC 3261 §19.1.1). */
public final class SipUri {
    private SipUri() {
    }

    /** The user part, or null when the URI has none. */
    public static String user(String uri) {
        int colon = uri.indexOf(':');
        int at = uri.indexOf('@');
        if (colon < 0 || at < colon) {
            return null;
        }
        return uri.substring(colon + 1, at);
    }

    /**
     * The address-of-record key of a To/From URI: scheme, user and host, lower-case host,
     * without parameters or port (RFC 3261 §10.3: URI comparison is what the registrar does).
     */
    public static String aor(String uri) {
        String u = uri;
        int semi = u.indexOf(';');
        if (semi >= 0) {
            u = u.substring(0, semi);
        }
        int q = u.indexOf('?');
        if (q >= 0) {
            u = u.substring(0, q);
        }
        int at = u.indexOf('@');
        int colon = u.indexOf(':', at < 0 ? u.indexOf(':') + 1 : at);
        if (colon > 0 && at >= 0) {
            u = u.substring(0, colon);
        }
        return at < 0 ? u.toLowerCase(Locale.ROOT) : u.substring(0, at + 1) + u.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
