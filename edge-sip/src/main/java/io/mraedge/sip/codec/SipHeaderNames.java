package io.mraedge.sip.codec;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Header names the proxy uses, and the compact forms (RFC 3261 §7.3.3 and the extensions that
 * define one). The decoder expands a compact name and gives known names their canonical case,
 * so that everything downstream compares full names.
 */
public final class SipHeaderNames {
    public static final String VIA = "Via";
    public static final String FROM = "From";
    public static final String TO = "To";
    public static final String CALL_ID = "Call-ID";
    public static final String CSEQ = "CSeq";
    public static final String CONTACT = "Contact";
    public static final String EXPIRES = "Expires";
    public static final String ROUTE = "Route";
    public static final String RECORD_ROUTE = "Record-Route";
    public static final String PATH = "Path";
    public static final String CONTENT_TYPE = "Content-Type";
    public static final String CONTENT_LENGTH = "Content-Length";
    public static final String MAX_FORWARDS = "Max-Forwards";
    public static final String RETRY_AFTER = "Retry-After";
    public static final String WARNING = "Warning";
    public static final String SUPPORTED = "Supported";

    /** Compact form → full name. */
    private static final Map<Character, String> COMPACT = Map.ofEntries(
            Map.entry('i', CALL_ID), Map.entry('m', CONTACT), Map.entry('e', "Content-Encoding"),
            Map.entry('l', CONTENT_LENGTH), Map.entry('c', CONTENT_TYPE), Map.entry('f', FROM),
            Map.entry('s', "Subject"), Map.entry('k', SUPPORTED), Map.entry('t', TO), Map.entry('v', VIA),
            Map.entry('o', "Event"), Map.entry('r', "Refer-To"), Map.entry('b', "Referred-By"),
            Map.entry('u', "Allow-Events"), Map.entry('x', "Session-Expires"), Map.entry('a', "Accept-Contact"),
            Map.entry('j', "Reject-Contact"), Map.entry('d', "Request-Disposition"), Map.entry('y', "Identity"),
            Map.entry('n', "Identity-Info"));

    private static final Map<String, String> CANONICAL = new HashMap<>();

    static {
        for (String n : new String[] {VIA, FROM, TO, CALL_ID, CSEQ, CONTACT, EXPIRES, ROUTE, RECORD_ROUTE, PATH,
                CONTENT_TYPE, CONTENT_LENGTH, MAX_FORWARDS, RETRY_AFTER, WARNING, SUPPORTED}) {
            CANONICAL.put(n.toLowerCase(Locale.ROOT), n);
        }
        COMPACT.values().forEach(n -> CANONICAL.putIfAbsent(n.toLowerCase(Locale.ROOT), n));
    }

    private SipHeaderNames() {
    }

    /** The compact forms, for tests and documentation. */
    public static Map<Character, String> compactForms() {
        return COMPACT;
    }

    /** Expands a compact form and canonicalises the case of a known name; others pass as they are. */
    public static String normalize(String name) {
        if (name.length() == 1) {
            String full = COMPACT.get(Character.toLowerCase(name.charAt(0)));
            if (full != null) {
                return full;
            }
        }
        String known = CANONICAL.get(name.toLowerCase(Locale.ROOT));
        return known != null ? known : name;
    }
}
