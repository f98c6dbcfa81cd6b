package io.mraedge.media.sdp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * IP address literals as SDP writes them: strict parsing (no DNS, no legacy forms such as
 * {@code 10.1} or octal octets) and RFC 5952 text for IPv6.
 */
final class IpLiteral {

    private IpLiteral() {
    }

    /**
     * RFC 8866 §9 {@code IP4-address}: four decimal octets, no leading zeros.
     *
     * @return the 4 bytes, or null when {@code b[from, to)} is not such a literal
     */
    static byte[] parseIpv4(byte[] b, int from, int to) {
        byte[] out = new byte[4];
        int i = from;
        for (int octet = 0; octet < 4; octet++) {
            if (octet > 0) {
                if (i >= to || b[i] != '.') {
                    return null;
                }
                i++;
            }
            int start = i;
            int value = 0;
            while (i < to && i - start < 3 && b[i] >= '0' && b[i] <= '9') {
                value = value * 10 + (b[i] - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || value > 255 || (digits > 1 && b[start] == '0')) {
                return null;
            }
            out[octet] = (byte) value;
        }
        return i == to ? out : null;
    }

    /**
     * RFC 4291 §2.2 text forms: eight groups, {@code ::} once, an IPv4 tail. No zone index
     * (RFC 8866 has none).
     *
     * @return the 16 bytes, or null when {@code b[from, to)} is not such a literal
     */
    static byte[] parseIpv6(byte[] b, int from, int to) {
        if (to - from < 2 || to - from > 45) {
            return null;
        }
        byte[] out = new byte[16];
        int groups = 0;
        int gap = -1;
        int i = from;
        if (b[i] == ':') {
            if (b[i + 1] != ':') {
                return null;
            }
            gap = 0;
            i += 2;
        }
        while (i < to) {
            if (groups == 8) {
                return null;
            }
            int start = i;
            int value = 0;
            while (i < to && i - start < 4 && hexValue(b[i]) >= 0) {
                value = (value << 4) | hexValue(b[i]);
                i++;
            }
            if (i < to && b[i] == '.') {
                byte[] v4 = groups <= 6 ? parseIpv4(b, start, to) : null;
                if (v4 == null) {
                    return null;
                }
                System.arraycopy(v4, 0, out, groups * 2, 4);
                groups += 2;
                break;
            }
            if (i == start) {
                return null;
            }
            out[groups * 2] = (byte) (value >> 8);
            out[groups * 2 + 1] = (byte) value;
            groups++;
            if (i == to) {
                break;
            }
            if (b[i] != ':' || i + 1 == to) {
                return null;
            }
            i++;
            if (b[i] == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = groups;
                i++;
            }
        }
        if (gap < 0) {
            return groups == 8 ? out : null;
        }
        if (groups == 8) {
            return null; // "::" stands for at least one group
        }
        int tailBytes = (groups - gap) * 2;
        System.arraycopy(out, gap * 2, out, 16 - tailBytes, tailBytes);
        Arrays.fill(out, gap * 2, 16 - tailBytes, (byte) 0);
        return out;
    }

    /**
     * A domain name as RFC 8866 §9 {@code FQDN} allows in c=: letters, digits, '-' and '.', at
     * least one letter (so that a mistyped literal such as {@code 999.1.1.1} is not taken for a
     * name).
     */
    static boolean isDomainName(byte[] b, int from, int to) {
        if (to - from < 1 || to - from > 253 || b[from] == '.' || b[from] == '-') {
            return false;
        }
        boolean letter = false;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            letter |= alpha;
            if (!alpha && !(c >= '0' && c <= '9') && c != '-' && c != '.') {
                return false;
            }
        }
        return letter;
    }

    /** IPv4 dotted quad, or IPv6 in RFC 5952 §4 form (lower case, longest zero run as "::"). */
    static String format(InetAddress address) {
        byte[] raw = address.getAddress();
        if (address instanceof Inet4Address) {
            return (raw[0] & 0xff) + "." + (raw[1] & 0xff) + "." + (raw[2] & 0xff) + "." + (raw[3] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952 §4.2.2: a single zero group is not shortened
        for (int g = 0; g < 8; ) {
            int end = g;
            while (end < 8 && group(raw, end) == 0) {
                end++;
            }
            if (end - g > bestLength) {
                bestStart = g;
                bestLength = end - g;
            }
            g = end == g ? g + 1 : end;
        }
        StringBuilder text = new StringBuilder(39);
        for (int g = 0; g < 8; g++) {
            if (g == bestStart) {
                text.append("::");
                g += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(group(raw, g)));
        }
        return text.toString();
    }

    /** ASCII bytes of a string; any other character becomes a byte no literal accepts. */
    static byte[] ascii(String text) {
        byte[] out = new byte[text.length()];
        for (int i = 0; i < out.length; i++) {
            char c = text.charAt(i);
            out[i] = c < 0x80 ? (byte) c : 0;
        }
        return out;
    }

    private static int group(byte[] raw, int g) {
        return ((raw[g * 2] & 0xff) << 8) | (raw[g * 2 + 1] & 0xff);
    }

    private static int hexValue(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
