package io.mraedge.core.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises IP address literals and DNS names in config values without touching DNS: loading a
 * config file must not hang on a resolver, and a literal that happens to look like a name must
 * not be looked up by accident.
 */
final class HostSyntax {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    // RFC 1123 §2.1 host names: labels of letters, digits and hyphens, no hyphen at either end.
    private static final Pattern DNS_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    /** 0.0.0.0, every IPv4 interface. */
    static final InetAddress ANY_IPV4 = ipLiteral("0.0.0.0").orElseThrow();

    private HostSyntax() {
    }

    /** An IPv4 dotted quad or an IPv6 literal (with or without brackets), never a name. */
    static Optional<InetAddress> ipLiteral(String text) {
        Matcher v4 = IPV4.matcher(text);
        try {
            if (v4.matches()) {
                byte[] octets = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(v4.group(i + 1));
                    if (octet > 255) {
                        return Optional.empty();
                    }
                    octets[i] = (byte) octet;
                }
                return Optional.of(InetAddress.getByAddress(octets));
            }
            if (text.contains(":")) {
                // In brackets, InetAddress treats the text as an IPv6 literal and never asks DNS.
                String bracketed = text.startsWith("[") ? text : "[" + text + "]";
                return Optional.of(InetAddress.getByName(bracketed));
            }
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** A DNS host name (RFC 1123), optionally fully qualified with a trailing dot. */
    static boolean isDnsName(String text) {
        String name = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        if (name.isEmpty() || name.length() > 253) {
            return false;
        }
        for (String label : name.split("\\.", -1)) {
            if (!DNS_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        // An all-numeric name such as 10.0.0.300 is a mistyped address, not a host name.
        return !name.matches("[0-9.]+");
    }
}
