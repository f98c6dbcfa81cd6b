package io.mraedge.sip.codec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A name-addr or addr-spec with header parameters, as in From, To, Contact, Route,
 * Record-Route and Path (RFC 3261 §20.10, §25.1): {@code "Bob" <sip:bob@h;lr>;tag=x;expires=60}.
 * {@code *} (a wildcard Contact) parses with uri {@code *}.
 *
 * @param display display name as written, or empty
 * @param uri     the URI without angle brackets
 * @param params  header parameters after the URI (tag, expires…), names lower-case
 */
public record NameAddress(String display, String uri, Map<String, String> params) {
    public NameAddress {
        params = new LinkedHashMap<>(params);
    }

    public static NameAddress parse(String value) {
        String v = value.trim();
        int lt = v.indexOf('<');
        if (lt >= 0) {
            int gt = v.indexOf('>', lt);
            if (gt < 0) {
                throw new IllegalArgumentException("unclosed '<' in " + value);
            }
            String rest = v.substring(gt + 1).trim();
            Map<String, String> params = rest.startsWith(";") ? SipSyntax.params(rest.substring(1)) : Map.of();
            return new NameAddress(v.substring(0, lt).trim(), v.substring(lt + 1, gt).trim(), params);
        }
        // addr-spec form: parameters after the URI belong to the header (RFC 3261 §20).
        int semi = v.indexOf(';');
        String uri = semi < 0 ? v : v.substring(0, semi);
        if (uri.isEmpty()) {
            throw new IllegalArgumentException("no URI in " + value);
        }
        return new NameAddress("", uri.trim(), semi < 0 ? Map.of() : SipSyntax.params(v.substring(semi + 1)));
    }

    public String tag() {
        return params.get("tag");
    }

    /** The expires parameter, or -1. */
    public long expires() {
        String e = params.get("expires");
        if (e == null) {
            return -1;
        }
        try {
            return Long.parseLong(e);
        } catch (NumberFormatException ex) {
            return -1;
        }
    }

    /** The user part of a sip(s) URI, or null. */
    public String user() {
        return SipUri.user(uri);
    }

    @Override
    public String toString() {
        if (uri.equals("*")) {
            return "*";
        }
        return (display.isEmpty() ? "" : display + " ") + "<" + uri + ">" + SipSyntax.formatParams(params);
    }
}
