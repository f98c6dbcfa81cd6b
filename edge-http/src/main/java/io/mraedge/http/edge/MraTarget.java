package io.mraedge.http.edge;

import java.util.List;
import java.util.Objects;

/**
 * What a request to the edge's 8443 asks for, as {@link MraTargetParser} read it from the
 * request-target (mra-facts.md, "Discovery and edge configuration").
 */
public sealed interface MraTarget {
    /** The service domain the request is for, in lower case; always a configured one. */
    String domain();

    /** {@code /{b64(domain)}/get_edge_config[/]?service_name=…}. */
    record EdgeConfig(String domain, List<String> serviceNames) implements MraTarget {
        public EdgeConfig {
            Objects.requireNonNull(domain);
            serviceNames = List.copyOf(serviceNames);
        }
    }

    /**
     * A request for an inside server, from either URL shape.
     *
     * @param path the path as sent (percent-encoding kept), starting with {@code /}
     * @param query the query without {@code ?}, or null when there is none
     */
    record Proxy(String domain, String scheme, String host, int port, String path, String query) implements MraTarget {
        public Proxy {
            Objects.requireNonNull(domain);
            Objects.requireNonNull(scheme);
            Objects.requireNonNull(host);
            Objects.requireNonNull(path);
        }

        /** {@code :authority} of the upstream request: {@code host:port}. */
        public String authority() {
            return host + ":" + port;
        }

        /** {@code :path} of the upstream request: path and query. */
        public String pathAndQuery() {
            return query == null ? path : path + "?" + query;
        }
    }

    /**
     * {@code /{b64(domain)}/authorize}, {@code get_edge_sso} or {@code fedlet}: the OAuth and
     * SAML flows that are passed to Unified CM.
     */
    record Sso(String domain, String endpoint) implements MraTarget {
    }
}
