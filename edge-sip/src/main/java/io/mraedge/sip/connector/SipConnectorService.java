package io.mraedge.sip.connector;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.Gauge;
import io.mraedge.core.plugin.ConnectorContext;
import io.mraedge.core.plugin.StreamKind;
import io.mraedge.core.plugin.StreamService;
import io.mraedge.core.tls.TlsContexts;
import io.mraedge.core.traversal.TraversalProtocol;
import io.mraedge.sip.SdpRewriter;
import io.mraedge.sip.SipMetricNames;
import io.mraedge.sip.codec.SipObjectDecoder;
import io.mraedge.sip.codec.SipObjectEncoder;
import io.mraedge.sip.registration.RegistrationCounter;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's SIP side: serves CONNECT {@code sip} streams (one {@link ConnectorFlow} and
 * one upstream connection each), runs the inside listener where requests for clients arrive
 * through Path/Record-Route, and reports registrations (total and per edge) in the status
 * section {@code sip}: {@code {"registrations": N, "per-edge": {"edge-1": N}}}.
 */
public final class SipConnectorService implements StreamService {
    private static final Logger log = LoggerFactory.getLogger(SipConnectorService.class);

    private final ConnectorContext connector;
    private final SipConnectorConfig config;
    private final SdpRewriter sdp;
    private final FlowTokens tokens;
    private final SslContext upstreamTls;
    private final Map<Long, ConnectorFlow> flows = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final RegistrationCounter registrations = new RegistrationCounter();
    private final Map<String, AtomicLong> perEdge = new ConcurrentHashMap<>();
    private Channel insideServer;
    private int insidePort;

    private SipConnectorService(ConnectorContext connector, SipConnectorConfig config, SdpRewriter sdp,
                                FlowTokens tokens, SslContext upstreamTls) {
        this.connector = connector;
        this.config = config;
        this.sdp = sdp;
        this.tokens = tokens;
        this.upstreamTls = upstreamTls;
    }

    /** Builds the service and binds its inside listener on the connector's loops. */
    public static SipConnectorService start(ConnectorContext connector, SipConnectorConfig config, SdpRewriter sdp)
            throws IOException, InterruptedException {
        FlowTokens tokens = config.flowTokenSecretFile().isPresent()
                ? new FlowTokens(Files.readAllBytes(config.flowTokenSecretFile().get())) : FlowTokens.random();
        SslContext tls = null;
        if (config.tls()) {
            TlsContexts.requireBoringSsl();
            tls = SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL).protocols(TlsContexts.PROTOCOLS)
                    .trustManager(TlsContexts.pkixTrustManager(config.ca().orElseThrow()))
                    .endpointIdentificationAlgorithm("HTTPS").build();
        }
        SipConnectorService service = new SipConnectorService(connector, config, sdp, tokens, tls);
        service.bindInside();
        connector.status().section("sip", service::statusSection);
        service.registrations.onChange(connector.status()::changed);
        return service;
    }

    private void bindInside() throws InterruptedException {
        insideServer = connector.transport().serverBootstrap()
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("sip-decoder", new SipObjectDecoder(config.limits()))
                                .addLast("sip-encoder", SipObjectEncoder.INSTANCE)
                                .addLast(InsideHandler.NAME, new InsideHandler(SipConnectorService.this));
                    }
                })
                .bind(config.insideListen()).sync().channel();
        insidePort = ((InetSocketAddress) insideServer.localAddress()).getPort();
        log.info("connector {}: SIP toward {}:{} over {}; inside listener on {}", connector.config().name(),
                config.targetHost(), config.targetPort(), config.tls() ? "TLS" : "TCP", insideServer.localAddress());
    }

    /** Registers the connector's registration gauges (the connector's metrics registry). */
    public void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
        Gauge.builder(SipMetricNames.REGISTRATIONS_CURRENT, registrations, RegistrationCounter::current).register(registry);
        Gauge.builder(SipMetricNames.REGISTRATIONS_PEAK, registrations, RegistrationCounter::peak).register(registry);
    }

    @Override
    public StreamKind kind() {
        return new StreamKind.ByteFlow("sip");
    }

    @Override
    public void open(Http2StreamChannel stream, Http2Headers request) {
        CharSequence client = request.get(TraversalProtocol.CLIENT_ADDRESS);
        CharSequence edge = request.get(TraversalProtocol.EDGE);
        long id = ids.incrementAndGet();
        String token = tokens.token(id);
        ConnectorFlow flow = new ConnectorFlow(this, id, token, stream, parseAddress(client),
                edge == null ? "unknown" : edge.toString());
        flows.put(id, flow);
        stream.closeFuture().addListener(f -> {
            flows.remove(id);
            sdp.flowClosed(token);
        });
        flow.start();
    }

    /** The flow a token names, or null when it is forged, stale or gone. */
    ConnectorFlow flow(String token) {
        long id = tokens.verify(token);
        return id < 0 ? null : flows.get(id);
    }

    void registrationsChanged(String edge, int delta) {
        if (delta != 0) {
            perEdge.computeIfAbsent(edge, e -> new AtomicLong()).addAndGet(delta);
            registrations.add(delta);
        }
    }

    public RegistrationCounter registrations() {
        return registrations;
    }

    /** Flows open now (tests). */
    public int flowCount() {
        return flows.size();
    }

    /** The inside listener's bound address. */
    public InetSocketAddress insideAddress() {
        return (InetSocketAddress) insideServer.localAddress();
    }

    /** Closes every flow's upstream connection (tests: "the connector's upstream is cut"). */
    public void closeUpstreams() {
        flows.values().forEach(ConnectorFlow::closeUpstream);
    }

    /** Path/Record-Route URI for a flow: the token as user part, the inside listener as host. */
    String routeUri(String token, boolean outbound) {
        return "<sip:" + token + "@" + config.insideAddress() + ":" + insidePort + ";transport=tcp;lr"
                + (outbound ? ";ob" : "") + ">";
    }

    String insideSentBy() {
        return config.insideAddress() + ":" + insidePort;
    }

    SipConnectorConfig config() {
        return config;
    }

    ConnectorContext connector() {
        return connector;
    }

    SslContext upstreamTls() {
        return upstreamTls;
    }

    SdpRewriter sdp() {
        return sdp;
    }

    private ObjectNode statusSection() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("registrations", registrations.current());
        ObjectNode edges = n.putObject("per-edge");
        perEdge.forEach((k, v) -> edges.put(k, v.get()));
        return n;
    }

    private static InetSocketAddress parseAddress(CharSequence text) {
        if (text == null) {
            return new InetSocketAddress("0.0.0.0", 0);
        }
        String s = text.toString();
        int colon = s.lastIndexOf(':');
        String host = s.substring(0, colon).replace("[", "").replace("]", "");
        return new InetSocketAddress(host, Integer.parseInt(s.substring(colon + 1)));
    }
}
