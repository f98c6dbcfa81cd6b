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
import io.mraedge.media.relay.ConnectorMediaRelay;
import io.mraedge.media.relay.EdgeMediaConfig;
import io.mraedge.media.relay.EdgeMediaRelay;
import io.mraedge.sip.media.ConnectorSdpAnchor;
import io.mraedge.sip.media.EdgeSdpAnchor;
import io.mraedge.sip.media.MediaSection;
import io.mraedge.sip.media.MediaStatus;
import io.mraedge.sip.media.SdpAnchor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * SIP over TLS (5061) for both roles (ARCHITECTURE.md, "SIP"). The edge listens when its file
 * has a {@code sip:} section ({@code sip: {}} takes every default); the connector serves SIP
 * flows when its file has a {@code sip:} section naming the target, and answers 501 otherwise.
 * With a {@code media:} section as well, the role starts its media relay and anchors every
 * call's SDP in it ({@link io.mraedge.sip.media}); without one, SDP passes untouched.
 */
public final class SipPlugin implements ProtocolPlugin {
    private final SdpRewriter sdp;
    private final List<SipConnectorService> started = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final List<SdpAnchor<?>> anchors = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** The plugin as {@link java.util.ServiceLoader} makes it: media anchored when a role has a {@code media:} section. */
    public SipPlugin() {
        this(null);
    }

    /** With a given SDP rewriter for both roles (tests); null chooses by the {@code media:} section. */
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
                .withSection(Role.CONNECTOR, "sip", SipConnectorConfig::parse)
                .withSection(Role.EDGE, "media", MediaSection::parseEdge)
                .withSection(Role.CONNECTOR, "media", MediaSection::parseConnector);
    }

    @Override
    public List<EdgeListener> edgeListeners(EdgeContext edge) throws Exception {
        Optional<SipEdgeConfig> section = edge.config().section("sip", SipEdgeConfig.class);
        if (section.isEmpty()) {
            return List.of(); // as for XMPP: no section, no port; `sip: {}` takes every default
        }
        SipEdgeConfig config = section.get();
        ReloadableSslContext tls = edge.outsideTls(SipEdgeService.LISTENER, List.of());
        SipEdgeService service = new SipEdgeService(edge, config, edgeSdp(edge), System::currentTimeMillis);
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
        MeterRegistry registry = connector instanceof io.mraedge.core.admin.AdminTarget admin
                ? admin.metrics().registry() : null;
        SipConnectorService service = SipConnectorService.start(connector, config.get(), connectorSdp(connector, registry));
        if (registry != null) {
            service.bindMetrics(registry);
        }
        started.add(service);
        return List.of(service);
    }

    private SdpRewriter edgeSdp(EdgeContext edge) throws IOException {
        Optional<MediaSection> media = edge.config().section("media", MediaSection.class);
        if (sdp != null || media.isEmpty()) {
            return sdp != null ? sdp : SdpRewriter.IDENTITY;
        }
        EdgeMediaConfig config = media.get().edge();
        EdgeMediaRelay relay = EdgeMediaRelay.start(config, edge.transport(), edge.metrics().registry(), System::nanoTime);
        EdgeSdpAnchor anchor = new EdgeSdpAnchor(relay, media.get().sdpLimits(), media.get().maxStreamsPerFlow());
        edge.statusSection("media", () -> MediaStatus.document(relay.totals()));
        edge.closeWith(relay);
        anchors.add(anchor);
        return anchor;
    }

    private SdpRewriter connectorSdp(ConnectorContext connector, MeterRegistry registry) throws IOException {
        Optional<MediaSection> media = connector.config().section("media", MediaSection.class);
        if (sdp != null || media.isEmpty()) {
            return sdp != null ? sdp : SdpRewriter.IDENTITY;
        }
        ConnectorMediaRelay relay = ConnectorMediaRelay.start(media.get().connector(), connector.transport(),
                registry != null ? registry : new SimpleMeterRegistry(), System::nanoTime);
        connector.closeWith(relay);
        ConnectorSdpAnchor anchor = new ConnectorSdpAnchor(relay, media.get().sdpLimits(),
                media.get().maxStreamsPerFlow());
        anchors.add(anchor);
        return anchor;
    }

    /** The media anchors this plugin instance started, edge's and connector's (tests, lab). */
    public List<SdpAnchor<?>> anchors() {
        return List.copyOf(anchors);
    }

    /** The connector services this plugin instance started (tests, lab status). */
    public List<SipConnectorService> startedServices() {
        return List.copyOf(started);
    }
}
