package io.mraedge.core.config;

import java.util.Objects;

/**
 * A {@code host:port} value as written in a config file: {@code edge.example.int:7001},
 * {@code 10.0.0.1:7001}, {@code [2001:db8::1]:7001}. The host is a DNS name or an IP literal
 * (IPv6 without its brackets); it is not resolved here.
 *
 * @param host DNS name or IP literal, without brackets
 * @param port 0-65535; the caller decides whether 0 ("any port") makes sense
 */
record HostPort(String host, int port) {

    /** No default: the port must be written. */
    static final int NO_DEFAULT_PORT = -1;

    HostPort {
        Objects.requireNonNull(host, "host");
    }

    /**
     * Parses {@code text}.
     *
     * @param defaultPort the port when the text has none, or {@link #NO_DEFAULT_PORT}
     * @param minPort     the lowest acceptable port: 0 for listeners ("any"), 1 for peers
     */
    static HostPort parse(String text, int defaultPort, int minPort) throws InvalidValueException {
        String trimmed = text.trim();
        String host;
        String port;
        if (trimmed.startsWith("[")) {
            int close = trimmed.indexOf(']');
            if (close < 0 || (close + 1 < trimmed.length() && trimmed.charAt(close + 1) != ':')) {
                throw notHostPort(text, "");
            }
            host = trimmed.substring(1, close);
            port = close + 1 < trimmed.length() ? trimmed.substring(close + 2) : null;
            if (!host.contains(":") || HostSyntax.ipLiteral(host).isEmpty()) {
                throw notHostPort(text, "; only IPv6 addresses go in brackets");
            }
        } else {
            int colon = trimmed.indexOf(':');
            if (colon != trimmed.lastIndexOf(':')) {
                throw notHostPort(text, "; write IPv6 addresses in brackets, e.g. [2001:db8::1]:7001");
            }
            host = colon < 0 ? trimmed : trimmed.substring(0, colon);
            port = colon < 0 ? null : trimmed.substring(colon + 1);
            if (HostSyntax.ipLiteral(host).isEmpty() && !HostSyntax.isDnsName(host)) {
                throw notHostPort(text, "");
            }
        }
        if (port == null) {
            if (defaultPort == NO_DEFAULT_PORT) {
                throw notHostPort(text, "");
            }
            return new HostPort(host, defaultPort);
        }
        return new HostPort(host, portNumber(text, port, minPort));
    }

    private static int portNumber(String text, String port, int minPort) throws InvalidValueException {
        if (!port.matches("\\d{1,9}")) {
            throw notHostPort(text, "");
        }
        int number = Integer.parseInt(port);
        if (number < minPort || number > 65_535) {
            throw new InvalidValueException("port must be between " + minPort + " and 65535, got " + number);
        }
        return number;
    }

    private static InvalidValueException notHostPort(String text, String advice) {
        return new InvalidValueException(YamlNode.quote(text) + " is not host:port" + advice);
    }
}
