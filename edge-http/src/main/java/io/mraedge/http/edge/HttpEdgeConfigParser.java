package io.mraedge.http.edge;

import io.mraedge.core.config.ConfigReader;
import io.mraedge.http.allowlist.HostSyntax;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the edge's {@code http:} section into an {@link HttpEdgeConfig}. Keys and defaults are
 * documented on the records. The edge's own {@code public-name} is not visible to a section
 * parser, so defaults that derive from it ({@code cookie-domain}, {@code edge-config.public-name})
 * are resolved by {@link #resolve}.
 */
public final class HttpEdgeConfigParser {
    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9.-]+):([0-9]{1,5})");

    private HttpEdgeConfigParser() {
    }

    /** The section as written; {@code null} fields stand for "derive from the edge's public name". */
    public static Parsed parse(ConfigReader http) {
        int port = http.integer("listen-port", HttpEdgeConfig.DEFAULT_PORT, 0, 65_535);
        List<String> domains = serviceDomains(http);
        HttpLimits limits = limits(http.child("limits"));
        ConfigReader auth = http.child("auth");
        Path keyFile = auth.file("token-key-file");
        Duration refresh = auth.positiveDuration("credentials-refresh-interval", AuthSettings.DEFAULT_REFRESH_INTERVAL);
        Optional<String> cookieDomain = auth.optionalString("cookie-domain");
        cookieDomain.ifPresent(d -> {
            if (HostSyntax.canonical(d.startsWith(".") ? d.substring(1) : d).isEmpty()) {
                auth.problem("cookie-domain", "\"" + d + "\" is not a DNS name; write e.g. example.com");
            }
        });
        ConfigReader rate = auth.child("rate-control");
        int maxAuthorizations = rate.integer("max-authorizations", AuthSettings.DEFAULT_MAX_AUTHORIZATIONS, 1, 1_000_000);
        Duration period = rate.positiveDuration("period", AuthSettings.DEFAULT_RATE_PERIOD);
        rate.finish();
        Duration controlTimeout = auth.positiveDuration("control-timeout", AuthSettings.DEFAULT_VERIFY_TIMEOUT);
        auth.finish();
        ConfigReader inputs = http.child("edge-config");
        Optional<String> publicName = inputs.optionalString("public-name");
        publicName.ifPresent(n -> {
            if (HostSyntax.canonical(n).isEmpty()) {
                inputs.problem("public-name", "\"" + n + "\" is not a DNS name");
            }
        });
        int sip = inputs.integer("sip-tls-port", EdgePublicInputs.DEFAULT_SIP_TLS_PORT, 1, 65_535);
        int xmpp = inputs.integer("xmpp-port", EdgePublicInputs.DEFAULT_XMPP_PORT, 1, 65_535);
        int httpPort = inputs.integer("http-port", port == 0 ? HttpEdgeConfig.DEFAULT_PORT : port, 1, 65_535);
        List<String> turn = turnServers(inputs);
        inputs.finish();
        Duration responseTimeout = http.positiveDuration("response-timeout", HttpEdgeConfig.DEFAULT_RESPONSE_TIMEOUT);
        Duration retryAfter = http.positiveDuration("maintenance-retry-after", HttpEdgeConfig.DEFAULT_RETRY_AFTER);
        return http.finish(() -> new Parsed(port, domains, limits, keyFile, refresh, cookieDomain.orElse(null),
                maxAuthorizations, period, controlTimeout, publicName.orElse(null), sip, xmpp, httpPort, turn,
                responseTimeout, retryAfter));
    }

    /** The section as parsed, before the edge's public name fills in the derived defaults. */
    public record Parsed(int port, List<String> domains, HttpLimits limits, Path keyFile, Duration refresh,
                         String cookieDomain, int maxAuthorizations, Duration period, Duration controlTimeout,
                         String publicName, int sipPort, int xmppPort, int httpPort, List<String> turn,
                         Duration responseTimeout, Duration retryAfter) {
    }

    /** Fills in what derives from the edge's own {@code public-name}. */
    public static HttpEdgeConfig resolve(Parsed p, String edgePublicName) {
        String publicName = p.publicName() != null ? p.publicName() : edgePublicName;
        String cookieDomain = p.cookieDomain() != null ? stripDot(p.cookieDomain()) : parentDomain(publicName);
        AuthSettings auth = new AuthSettings(p.keyFile(), p.refresh(), cookieDomain.toLowerCase(Locale.ROOT),
                p.maxAuthorizations(), p.period(), p.controlTimeout());
        EdgePublicInputs inputs = new EdgePublicInputs(publicName, p.sipPort(), p.xmppPort(), p.httpPort(), p.turn());
        return new HttpEdgeConfig(p.port(), p.domains(), p.limits(), auth, inputs, p.responseTimeout(), p.retryAfter());
    }

    /** {@code expe1.example.com} → {@code example.com}; a one- or two-label name stays as it is. */
    static String parentDomain(String name) {
        String[] labels = name.split("\\.");
        return labels.length > 2 ? name.substring(name.indexOf('.') + 1) : name;
    }

    private static String stripDot(String d) {
        return d.startsWith(".") ? d.substring(1) : d;
    }

    private static List<String> serviceDomains(ConfigReader http) {
        List<String> domains = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String d : http.stringList("service-domains")) {
            Optional<String> canonical = HostSyntax.canonical(d).filter(c -> !HostSyntax.isIpv4(c));
            if (canonical.isEmpty()) {
                http.problem("service-domains", "\"" + d + "\" is not a DNS name; list domains such as example.com");
            } else if (!seen.add(canonical.get())) {
                http.problem("service-domains", "\"" + d + "\" is listed twice");
            } else {
                domains.add(canonical.get());
            }
        }
        return domains;
    }

    private static HttpLimits limits(ConfigReader limits) {
        int requestLine = (int) limits.size("max-request-line", HttpLimits.DEFAULT_MAX_REQUEST_LINE, 64, 1 << 20);
        int headerSize = (int) limits.size("max-header-size", HttpLimits.DEFAULT_MAX_HEADER_SIZE, 256, 1 << 20);
        int headerCount = limits.integer("max-header-count", HttpLimits.DEFAULT_MAX_HEADER_COUNT, 4, 10_000);
        long body = limits.size("max-body-size", HttpLimits.DEFAULT_MAX_BODY_SIZE, 0, 1L << 40);
        int segment = limits.integer("max-path-segment", HttpLimits.DEFAULT_MAX_PATH_SEGMENT, 1, 64 * 1024);
        Duration idle = limits.positiveDuration("idle-timeout", HttpLimits.DEFAULT_IDLE_TIMEOUT);
        int streams = limits.integer("h2-max-concurrent-streams", HttpLimits.DEFAULT_H2_MAX_CONCURRENT_STREAMS, 1, 10_000);
        int window = (int) limits.size("h2-stream-window", HttpLimits.DEFAULT_H2_STREAM_WINDOW, 65_535, Integer.MAX_VALUE);
        if (segment > requestLine) {
            limits.problem("max-path-segment", "must not exceed max-request-line (" + requestLine + ")");
        }
        return limits.finish(() -> new HttpLimits(requestLine, headerSize, headerCount, body, segment, idle, streams,
                window));
    }

    private static List<String> turnServers(ConfigReader inputs) {
        if (!inputs.has("turn-servers")) {
            inputs.optionalString("turn-servers");
            return List.of();
        }
        List<String> servers = inputs.stringList("turn-servers");
        for (String s : servers) {
            var m = HOST_PORT.matcher(s);
            if (!m.matches() || HostSyntax.canonical(m.group(1)).isEmpty() || Integer.parseInt(m.group(2)) < 1
                    || Integer.parseInt(m.group(2)) > 65_535) {
                inputs.problem("turn-servers", "\"" + s + "\" is not host:port, e.g. turn.example.com:3478");
            }
        }
        return servers;
    }
}
