package io.mraedge.core.admin;

import io.mraedge.core.protection.Ban;
import io.mraedge.core.protection.IntrusionProtection;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes of a role's admin server:
 * <ul>
 *   <li>{@code GET /}: the status page (HTML, no JavaScript);
 *   <li>{@code GET /status}: the status document (JSON);
 *   <li>{@code GET /metrics}: Prometheus text;
 *   <li>{@code POST /maintenance?enabled=true|false}: maintenance mode on or off;
 *   <li>{@code GET /bans}, {@code DELETE /bans/{address}}: bans, where the node has protection.
 * </ul>
 * Write endpoints require the bearer token when one is configured.
 */
public final class AdminApi {
    private static final Logger log = LoggerFactory.getLogger(AdminApi.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private AdminApi() {
    }

    /** A server with every route of {@code target}; bind it with {@link AdminServer#start}. */
    public static AdminServer server(AdminTarget target, AdminToken token) {
        AdminServer server = new AdminServer()
                .route("GET", "/", request -> new AdminResponse(200, StatusPage.CONTENT_TYPE,
                        StatusPage.render(target.statusDocument()).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .route("GET", "/status", request -> AdminResponse.json(200, target.statusDocument()))
                .route("GET", "/metrics", request -> new AdminResponse(200, PROMETHEUS_TEXT,
                        target.metrics().scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .route("POST", "/maintenance", token.guard(request -> maintenance(target, request)));
        target.protection().ifPresent(protection -> server
                .route("GET", "/bans", request -> AdminResponse.json(200, bans(protection)))
                .route("DELETE", "/bans/*", token.guard(request -> lift(protection, request))));
        return server;
    }

    private static AdminResponse maintenance(AdminTarget target, FullHttpRequest request) {
        List<String> values = new QueryStringDecoder(request.uri()).parameters().get("enabled");
        String value = values == null || values.isEmpty() ? "" : values.get(0);
        if (!value.equals("true") && !value.equals("false")) {
            return AdminResponse.json(400, Map.of("error", "say enabled=true or enabled=false"));
        }
        boolean on = Boolean.parseBoolean(value);
        log.info("admin: maintenance {} requested by {}", on ? "on" : "off", request.headers().get("user-agent"));
        target.maintenance().set(on);
        return AdminResponse.json(200, Map.of("maintenance", target.maintenance().enabled(),
                "services", target.maintenance().describe()));
    }

    private static List<Map<String, Object>> bans(IntrusionProtection protection) {
        return protection.bans().stream().map(AdminApi::describe).toList();
    }

    static Map<String, Object> describe(Ban ban) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", ban.source().getHostAddress());
        m.put("port", ban.port());
        m.put("category", ban.category().yamlKey());
        m.put("since", ban.since().toString());
        m.put("until", ban.until().toString());
        return m;
    }

    private static AdminResponse lift(IntrusionProtection protection, FullHttpRequest request) {
        String path = new QueryStringDecoder(request.uri()).path();
        String literal = path.substring(path.lastIndexOf('/') + 1);
        InetAddress address;
        try {
            address = ipLiteral(literal);
        } catch (UnknownHostException | IllegalArgumentException e) {
            return AdminResponse.json(400, Map.of("error", "'" + literal + "' is not an IP address"));
        }
        int lifted = protection.lift(address);
        log.info("admin: lifted {} ban(s) of {}", lifted, address.getHostAddress());
        return AdminResponse.json(lifted > 0 ? 200 : 404, Map.of("address", address.getHostAddress(), "lifted", lifted));
    }

    /** Parses an IPv4 or IPv6 literal (brackets allowed) without ever asking DNS. */
    static InetAddress ipLiteral(String s) throws UnknownHostException {
        String literal = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
        boolean v4 = literal.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = literal.indexOf(':') >= 0 && literal.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException(s);
        }
        return InetAddress.getByName(literal);
    }
}
