package io.mraedge.http.connector;

import java.util.Objects;

/**
 * An inside server as the proxy reaches it: scheme, host (as named in the URL and checked in
 * its certificate) and port. The pool keeps idle connections per origin.
 */
public record Origin(String scheme, String host, int port) {
    public Origin {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
    }

    public boolean tls() {
        return "https".equals(scheme);
    }

    /** The {@code Host} header (RFC 9110 §7.2): the port only when it is not the scheme's default. */
    public String hostHeader() {
        boolean defaultPort = tls() ? port == 443 : port == 80;
        return defaultPort ? host : host + ":" + port;
    }

    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port;
    }
}
