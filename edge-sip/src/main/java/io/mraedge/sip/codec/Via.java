package io.mraedge.sip.codec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Via value (RFC 3261 §20.42): {@code SIP/2.0/TLS host:port;branch=…;rport;received=…}.
 *
 * @param protocol e.g. {@code SIP/2.0/TLS}
 * @param host     the sent-by host
 * @param port     the sent-by port, or -1
 * @param params   parameters in order; names lower-case, flags map to ""
 */
public record Via(String protocol, String host, int port, Map<String, String> params) {
    public Via {
        params = new LinkedHashMap<>(params);
    }

    /** Parses one Via value; throws {@link IllegalArgumentException} when it is not one. */
    public static Via parse(String value) {
        String v = value.trim();
        int semi = v.indexOf(';');
        String head = semi < 0 ? v : v.substring(0, semi);
        Map<String, String> params = semi < 0 ? Map.of() : SipSyntax.params(v.substring(semi + 1));
        String[] parts = head.trim().split("\\s+");
        if (parts.length != 2 || !parts[0].toUpperCase(java.util.Locale.ROOT).startsWith("SIP/2.0/")) {
            throw new IllegalArgumentException("not a Via: " + value);
        }
        String sentBy = parts[1];
        String host = sentBy;
        int port = -1;
        int colon = sentBy.lastIndexOf(':');
        if (colon > 0 && sentBy.indexOf(']') < colon) {
            host = sentBy.substring(0, colon);
            try {
                port = Integer.parseInt(sentBy.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad Via port: " + value);
            }
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("Via without a host: " + value);
        }
        return new Via(parts[0], host, port, params);
    }

    public String branch() {
        return params.get("branch");
    }

    public String received() {
        return params.get("received");
    }

    /** The rport value, "" when asked for without a value (RFC 3581), null when absent. */
    public String rport() {
        return params.get("rport");
    }

    /** A copy with {@code name=value} set (value "" for a flag). */
    public Via with(String name, String value) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.put(name, value);
        return new Via(protocol, host, port, p);
    }

    @Override
    public String toString() {
        return protocol + " " + host + (port >= 0 ? ":" + port : "") + SipSyntax.formatParams(params);
    }
}
