package io.mraedge.sip;

import io.mraedge.core.config.ConfigLoader;
import io.mraedge.core.config.Role;
import io.mraedge.core.plugin.ConnectorContext;
import io.mraedge.core.plugin.EdgeContext;
import io.mraedge.core.plugin.EdgeListener;
import io.mraedge.core.plugin.ProtocolPlugin;
import io.mraedge.core.plugin.StreamService;
import io.mraedge.core.tls.ReloadableSslContext;
import io.mraedge.sip.connector.SipConnectorConfig;
import io.mraedge.sip.connector.SipConnectorService;
import io.mraedge.sip.edge.SipEdgeConfig;
import io.mraedge.sip.edge.SipEdgeInitializer;
import io.mraedge.sip.edge.SipEdgeService;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * SIP over TLS (5061) for both roles (ARCHITECTURE.md, "SIP"). The edge listens when its file
 * has a {@code sip:} section ({@code sip: {}} takes every default); the connector serves SIP
 * flows when its file has a {@code sip:} section naming the target, and answers 501 otherwise.
 */
public final class SipPlugin implements ProtocolPlugin {
    private final SdpRewriter sdp;
    private final List<SipConnectorService> started = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The plugin as {@link java.util.ServiceLoader} makes it: SDP passes untouched. */
    public SipPlugin() {
        this(SdpRewriter.IDENTITY);
    }

    /** With a media module's SDP rewriter. */
    public SipPlugin(SdpRewriter sdp) {
        this.sdp = sdp;
    }

    @Override
    public String name() {
        return "sip";
    }

    @Override
    public ConfigLoader extendConfig(ConfigLoader loader) {
        return loader.withSection(Role.EDGE, "sip", SipEdgeConfig::parse)
                .withSection(Role.CONNECTOR, "sip", SipConnectorConfig::parse);
    }

    @Override
    public List<EdgeListener> edgeListeners(EdgeContext edge) throws Exception {
        Optional<SipEdgeConfig> section = edge.config().section("sip", SipEdgeConfig.class);
        if (section.isEmpty()) {
            return List.of(); // as for XMPP: no section, no port; `sip: {}` takes every default
        }
        SipEdgeConfig config = section.get();
        ReloadableSslContext tls = edge.outsideTls(SipEdgeService.LISTENER, List.of());
        SipEdgeService service = new SipEdgeService(edge, config, sdp, System::currentTimeMillis);
        return List.of(new EdgeListener(SipEdgeService.LISTENER,
                new InetSocketAddress(edge.config().outsideAddress(), config.listenPort()),
                new SipEdgeInitializer(service, tls)));
    }

    @Override
    public List<StreamService> connectorServices(ConnectorContext connector) throws Exception {
        Optional<SipConnectorConfig> config = connector.config().section("sip", SipConnectorConfig.class);
        if (config.isEmpty()) {
            return List.of();
        }
        SipConnectorService service = SipConnectorService.start(connector, config.get(), sdp);
        if (connector instanceof io.mraedge.core.admin.AdminTarget admin) {
            service.bindMetrics(admin.metrics().registry());
        }
        started.add(service);
        return List.of(service);
    }

    /** The connector services this plugin instance started (tests, lab status). */
    public List<SipConnectorService> startedServices() {
        return List.copyOf(started);
    }
}
