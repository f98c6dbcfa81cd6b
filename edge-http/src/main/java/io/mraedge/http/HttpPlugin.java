package io.mraedge.http;

import com.github.benmanes.caffeine.cache.Ticker;
import io.mraedge.core.config.ConfigLoader;
import io.mraedge.core.config.Role;
import io.mraedge.core.plugin.ConnectorContext;
import io.mraedge.core.plugin.EdgeContext;
import io.mraedge.core.plugin.EdgeListener;
import io.mraedge.core.plugin.ProtocolPlugin;
import io.mraedge.core.plugin.StreamService;
import io.mraedge.http.connector.HttpConnectorConfig;
import io.mraedge.http.connector.HttpConnectorConfigParser;
import io.mraedge.http.connector.HttpConnectorServices;
import io.mraedge.http.edge.HttpEdgeConfig;
import io.mraedge.http.edge.HttpEdgeConfigParser;
import io.mraedge.http.edge.HttpsListener;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTPS 8443 (ARCHITECTURE.md, "HTTP (8443)"): on the edge, the listener for get_edge_config and
 * the UDS/TFTP proxy with X-Auth tokens and the allow list; on the connector, the pooled proxy
 * to the UC nodes, credential verification and the get_edge_config document.
 *
 * <p>Configuration: an {@code http:} section in either role's file ({@link HttpEdgeConfig},
 * {@link HttpConnectorConfig}). A role without the section runs without HTTP.
 */
public final class HttpPlugin implements ProtocolPlugin {
    /** The config section's key in both roles. */
    public static final String SECTION = "http";

    private static final Logger log = LoggerFactory.getLogger(HttpPlugin.class);

    private final Clock clock;
    private final Ticker ticker;

    /** The plugin ServiceLoader finds: system time. */
    public HttpPlugin() {
        this(Clock.systemUTC(), Ticker.systemTicker());
    }

    /** With injected time, for tests of token expiry, rate control and credential caching. */
    public HttpPlugin(Clock clock, Ticker ticker) {
        this.clock = clock;
        this.ticker = ticker;
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public ConfigLoader extendConfig(ConfigLoader loader) {
        return loader
                .withSection(Role.EDGE, SECTION, HttpEdgeConfigParser::parse)
                .withSection(Role.CONNECTOR, SECTION, HttpConnectorConfigParser::parse);
    }

    @Override
    public List<EdgeListener> edgeListeners(EdgeContext edge) throws Exception {
        Optional<HttpEdgeConfigParser.Parsed> parsed = edge.config().section(SECTION, HttpEdgeConfigParser.Parsed.class);
        if (parsed.isEmpty()) {
            log.info("edge {}: no http section; HTTPS 8443 is off", edge.config().name());
            return List.of();
        }
        HttpEdgeConfig config = HttpEdgeConfigParser.resolve(parsed.get(), edge.config().publicName());
        return List.of(new HttpsListener(edge, config, clock, ticker).listener());
    }

    @Override
    public List<StreamService> connectorServices(ConnectorContext connector) throws Exception {
        Optional<HttpConnectorConfig> config = connector.config().section(SECTION, HttpConnectorConfig.class);
        if (config.isEmpty()) {
            log.info("connector {}: no http section; HTTP proxy is off", connector.config().name());
            return List.of();
        }
        return HttpConnectorServices.create(connector, config.get(), ticker).services();
    }
}
