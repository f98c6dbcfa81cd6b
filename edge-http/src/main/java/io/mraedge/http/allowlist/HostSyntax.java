package io.mraedge.http.allowlist;

import java.util.Locale;
import java.util.Optional;

/**
 * The host forms an inside server may be named by, in a proxied URL or in a rule: an RFC 1123
 * DNS name or a canonical IPv4 dotted quad, in lower case. Everything else is an "odd host form"
 * and is refused, never normalised: IPv6 literals and brackets, userinfo ({@code @}), ports,
 * percent-encoding, trailing dots, and the numeric spellings that {@code inet_aton} would turn
 * into an address ({@code 2130706433}, {@code 0x7f.1}, {@code 127.1}, {@code 0177.0.0.1}),
 * which exist mainly to slip a loopback or metadata address past a naive name check.
 */
public final class HostSyntax {
    /** RFC 1035 §2.3.4: 253 characters in a name's text form. */
    public static final int MAX_NAME_LENGTH = 253;

    private static final int MAX_LABEL = 63;

    private HostSyntax() {
    }

    /**
     * The host in canonical (lower-case) form, or empty when {@code text} is not a DNS name or
     * canonical dotted quad. Upper-case letters are accepted and folded, since DNS is
     * case-insensitive (RFC 4343).
     */
    public static Optional<String> canonical(String text) {
        if (text == null || text.isEmpty() || text.length() > MAX_NAME_LENGTH) {
            return Optional.empty();
        }
        String host = text.toLowerCase(Locale.ROOT);
        String[] labels = host.split("\\.", -1);
        boolean numeric = true;
        for (String label : labels) {
            boolean part = isNumericPart(label);
            if (!isLabel(label) && !part) {
                return Optional.empty();
            }
            numeric &= part;
        }
        if (numeric) {
            return isCanonicalDottedQuad(labels) ? Optional.of(host) : Optional.empty();
        }
        for (String label : labels) {
            if (!isLabel(label)) {
                return Optional.empty();
            }
        }
        return Optional.of(host);
    }

    /** RFC 1123 §2.1: 1-63 lower-case letters, digits and hyphens, no hyphen at either end. */
    private static boolean isLabel(String label) {
        int n = label.length();
        if (n == 0 || n > MAX_LABEL || label.charAt(0) == '-' || label.charAt(n - 1) == '-') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = label.charAt(i);
            if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-') {
                return false;
            }
        }
        return true;
    }

    /** What inet_aton accepts as a part: decimal, octal (leading 0) or hex ({@code 0x}). */
    private static boolean isNumericPart(String label) {
        int n = label.length();
        if (n == 0) {
            return false;
        }
        if (n >= 2 && label.charAt(0) == '0' && label.charAt(1) == 'x') {
            for (int i = 2; i < n; i++) {
                if (Character.digit(label.charAt(i), 16) < 0) {
                    return false;
                }
            }
            return true;
        }
        for (int i = 0; i < n; i++) {
            char c = label.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** True for a canonical IPv4 dotted quad such as {@code 10.0.0.1}. */
    public static boolean isIpv4(String host) {
        String[] labels = host.split("\\.", -1);
        for (String label : labels) {
            if (!isNumericPart(label)) {
                return false;
            }
        }
        return isCanonicalDottedQuad(labels);
    }

    /** Four decimal octets 0-255 without leading zeros. */
    private static boolean isCanonicalDottedQuad(String[] labels) {
        if (labels.length != 4) {
            return false;
        }
        for (String label : labels) {
            int n = label.length();
            if (n == 0 || n > 3 || (n > 1 && label.charAt(0) == '0')) {
                return false;
            }
            for (int i = 0; i < n; i++) {
                if (label.charAt(i) < '0' || label.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(label) > 255) {
                return false;
            }
        }
        return true;
    }
}
