package io.mraedge.xmpp.connector;

import io.mraedge.xmpp.codec.XmppDomain;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Reads an IM&P server as written in the connector's file: {@code host}, {@code host:port},
 * {@code 10.0.0.5:5222} or {@code [2001:db8::5]:5222}. Never touches DNS.
 */
final class HostPortSyntax {
    private HostPortSyntax() {
    }

    /** @throws IllegalArgumentException saying what is wrong and what to write instead */
    static ImpServer parse(String text, int defaultPort) {
        String t = text.trim();
        String host;
        String port = null;
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("\"" + text + "\" is not host:port");
            }
            host = t.substring(1, close);
            if (close + 1 < t.length()) {
                if (t.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("\"" + text + "\" is not host:port");
                }
                port = t.substring(close + 2);
            }
            if (!isIpv6(host)) {
                throw new IllegalArgumentException("\"" + host + "\" is not an IPv6 address; only those go in brackets");
            }
        } else {
            int colon = t.indexOf(':');
            if (colon != t.lastIndexOf(':')) {
                throw new IllegalArgumentException("\"" + text + "\": write IPv6 addresses in brackets, e.g. [2001:db8::5]:5222");
            }
            host = colon < 0 ? t : t.substring(0, colon);
            port = colon < 0 ? null : t.substring(colon + 1);
            if (XmppDomain.normalize(host).isEmpty()) {
                throw new IllegalArgumentException("\"" + host + "\" is not a host name or IP address");
            }
        }
        int number = defaultPort;
        if (port != null) {
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65_535) {
                throw new IllegalArgumentException("\"" + port + "\" is not a port (1-65535)");
            }
            number = Integer.parseInt(port);
        }
        return new ImpServer(host, number);
    }

    private static boolean isIpv6(String host) {
        if (!host.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName("[" + host + "]") != null;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
