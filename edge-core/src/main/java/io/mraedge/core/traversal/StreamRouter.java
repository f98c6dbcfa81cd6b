package io.mraedge.core.traversal;

import io.mraedge.core.routing.ConnectorSelector;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The edge's way to the inside for protocol modules: picks a connection with
 * {@link ConnectorSelector} and opens a traversal stream on it.
 */
public final class StreamRouter {
    private final ConnectorRegistry registry;
    private final String edgeName;
    private volatile java.util.function.Consumer<String> flowOpened = protocol -> { };

    public StreamRouter(ConnectorRegistry registry, String edgeName) {
        this.registry = registry;
        this.edgeName = edgeName;
    }

    /** Told the protocol of every byte flow opened (metrics). */
    public void onFlowOpened(java.util.function.Consumer<String> listener) {
        flowOpened = listener;
    }

    /**
     * The traversal connections as they are now, of every state (check
     * {@link TraversalConnection#state()}): for plugins that read what connectors report, such as
     * the domains each one serves.
     */
    public List<TraversalConnection> connections() {
        return registry.snapshot();
    }

    /** The connection routing would choose now for {@code kind}, if any. */
    public Optional<TraversalConnection> choose(String kind) {
        return ConnectorSelector.select(kind, registry.snapshot());
    }

    /**
     * Opens an extended-CONNECT byte flow (RFC 8441 §4) for {@code protocol}, e.g. {@code sip}.
     *
     * @param authority the routing target, e.g. an XMPP domain
     * @param client the client's address on the internet, sent as {@code mra-client-address}
     * @param handler installed on the stream before any frame arrives (auto-read off)
     */
    public Future<Http2StreamChannel> openFlow(String protocol, String authority, InetSocketAddress client,
                                               ChannelHandler handler) {
        return openFlow(protocol, authority, client, handler, connection -> true);
    }

    /**
     * As {@link #openFlow(String, String, InetSocketAddress, ChannelHandler)}, choosing only among
     * the connections that {@code eligible} accepts, e.g. those whose connector reported that it
     * serves {@code authority} (an XMPP domain).
     */
    public Future<Http2StreamChannel> openFlow(String protocol, String authority, InetSocketAddress client,
                                               ChannelHandler handler,
                                               Predicate<? super TraversalConnection> eligible) {
        List<TraversalConnection> candidates = registry.snapshot().stream().filter(eligible::test).toList();
        Optional<TraversalConnection> chosen = ConnectorSelector.select(protocol, candidates);
        if (chosen.isEmpty()) {
            return failed(new NoConnectorAvailableException("no connector is UP and out of maintenance for " + protocol));
        }
        TraversalConnection connection = chosen.get();
        if (!connection.connectProtocolEnabled()) {
            return failed(new NoConnectorAvailableException("connector " + connection.connectorName()
                    + " did not enable extended CONNECT"));
        }
        Http2Headers headers = new DefaultHttp2Headers()
                .method("CONNECT")
                .scheme("https")
                .authority(authority)
                .path("/")
                .set(Http2Headers.PseudoHeaderName.PROTOCOL.value(), protocol)
                .set(TraversalProtocol.EDGE, edgeName);
        if (client != null) {
            headers.set(TraversalProtocol.CLIENT_ADDRESS, format(client));
        }
        flowOpened.accept(protocol);
        return connection.openStream(headers, false, handler);
    }

    /**
     * Opens a request stream with the given headers (HTTP proxy or control request) on the
     * connection routing chooses for {@code kind}.
     */
    public Future<Http2StreamChannel> openRequest(String kind, Http2Headers headers, boolean endStream,
                                                  ChannelHandler handler) {
        Optional<TraversalConnection> chosen = ConnectorSelector.select(kind, registry.snapshot());
        if (chosen.isEmpty()) {
            return failed(new NoConnectorAvailableException("no connector is UP and out of maintenance for " + kind));
        }
        headers.set(TraversalProtocol.EDGE, edgeName);
        return chosen.get().openStream(headers, endStream, handler);
    }

    /** {@code 198.51.100.7:53211} or {@code [2001:db8::1]:53211}. */
    public static String format(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static Future<Http2StreamChannel> failed(Throwable cause) {
        return ImmediateEventExecutor.INSTANCE.newFailedFuture(cause);
    }
}
