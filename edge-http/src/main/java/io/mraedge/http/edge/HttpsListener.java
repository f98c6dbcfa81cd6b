package io.mraedge.http.edge;

import com.github.benmanes.caffeine.cache.Ticker;
import io.mraedge.core.maintenance.MaintainedService;
import io.mraedge.core.plugin.EdgeContext;
import io.mraedge.core.plugin.EdgeListener;
import io.mraedge.core.tls.ReloadableSslContext;
import io.mraedge.http.auth.AuthorizationRateLimiter;
import io.mraedge.http.auth.TokenKeys;
import io.mraedge.http.auth.XAuthTokens;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.List;

/**
 * The edge's HTTPS listener (ARCHITECTURE.md, "HTTP (8443)") and everything its requests share:
 * the URL parser, the limits, the connectors' allow lists, the authenticator with the cluster's
 * token key and the authorization rate control. {@link #listener()} is what the plugin gives
 * the edge to bind; {@link HttpsInitializer} builds each connection's pipeline.
 */
public final class HttpsListener {
    /** The listener's name in logs, status, metrics and maintenance. */
    public static final String NAME = "https";
    /** ALPN protocols offered, in preference order. */
    public static final List<String> ALPN = List.of("h2", "http/1.1");

    private final EdgeContext edge;
    private final HttpEdgeConfig config;
    private final MraTargetParser parser;
    private final RequestChecks checks;
    private final ConnectorAllowLists allowLists = new ConnectorAllowLists();
    private final EdgeAuthenticator authenticator;
    private final ReloadableSslContext tls;
    private volatile MaintainedService service;

    /**
     * @param clock  time for tokens (tests pass a fixed or moving clock)
     * @param ticker time for rate control
     */
    public HttpsListener(EdgeContext edge, HttpEdgeConfig config, Clock clock, Ticker ticker) throws IOException {
        this.edge = edge;
        this.config = config;
        this.parser = new MraTargetParser(config.serviceDomains(), config.limits().maxPathSegment());
        this.checks = new RequestChecks(config.limits());
        XAuthTokens tokens = new XAuthTokens(TokenKeys.read(config.auth().tokenKeyFile()),
                config.auth().credentialsRefreshInterval(), clock);
        AuthorizationRateLimiter rate = new AuthorizationRateLimiter(config.auth().maxAuthorizations(),
                config.auth().ratePeriod(), ticker);
        this.authenticator = new EdgeAuthenticator(tokens, rate, edge.streams(), config.auth());
        this.tls = edge.outsideTls(NAME, ALPN);
    }

    /** The listener to bind on the outside address. */
    public EdgeListener listener() {
        InetSocketAddress bind = new InetSocketAddress(edge.config().outsideAddress(), config.listenPort());
        return new EdgeListener(NAME, bind, new HttpsInitializer(this, tls));
    }

    public HttpEdgeConfig config() {
        return config;
    }

    EdgeContext edge() {
        return edge;
    }

    MraTargetParser parser() {
        return parser;
    }

    RequestChecks checks() {
        return checks;
    }

    ConnectorAllowLists allowLists() {
        return allowLists;
    }

    EdgeAuthenticator authenticator() {
        return authenticator;
    }

    /** A new request's maintenance handle, or null in maintenance (then answer 503). */
    MaintainedService.Flow startFlow() {
        MaintainedService s = service;
        if (s == null) {
            // Registered by the edge when it binds the listener, after the plugin built it.
            s = edge.maintenance().service(NAME);
            service = s;
        }
        return s == null ? null : s.tryStartFlow();
    }
}
