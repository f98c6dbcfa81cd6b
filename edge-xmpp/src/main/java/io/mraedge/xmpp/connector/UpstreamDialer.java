package io.mraedge.xmpp.connector;

import io.mraedge.core.net.NetTransport;
import io.mraedge.core.traversal.FlowRelay;
import io.mraedge.xmpp.XmppProtocol;
import io.mraedge.xmpp.codec.StreamHeader;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects one XMPP flow to IM&P: tries the domain's servers in order, each with
 * {@link UpstreamNegotiationHandler} (stream, STARTTLS or direct TLS, header replay); the first
 * that succeeds is answered {@code 200} on the stream and relayed with {@link FlowRelay}. When
 * all fail the stream gets {@code 502}, which the edge turns into
 * {@code <remote-connection-failed/>}.
 *
 * <p>Everything runs on the stream's event loop, and the upstream channel is registered on it
 * too (one loop per proxy pair, auto-read off).
 *
 * <p>Ownership: holds the client's header and the bytes after it until the relay starts, gives
 * each attempt retained duplicates, and releases its own references at the end either way.
 */
final class UpstreamDialer {
    private static final Logger log = LoggerFactory.getLogger(UpstreamDialer.class);

    private final XmppStreamService service;
    private final Http2StreamChannel stream;
    private final XmppDomainRoute route;
    private final List<ImpServer> servers;
    private final String client;
    private final List<String> failures = new ArrayList<>();
    private StreamHeader header;
    private ByteBuf headerBytes;
    private ByteBuf after;
    private Channel upstream;
    private boolean finished;

    UpstreamDialer(XmppStreamService service, Http2StreamChannel stream, XmppDomainRoute route, List<ImpServer> servers,
                   String client) {
        this.service = service;
        this.stream = stream;
        this.route = route;
        this.servers = servers;
        this.client = client;
        stream.closeFuture().addListener(f -> stream.eventLoop().execute(this::streamClosed));
    }

    /** The header has been read; takes ownership of {@code headerBytes} and {@code after} (nullable). */
    void start(StreamHeader header, ByteBuf headerBytes, ByteBuf after) {
        this.header = header;
        this.headerBytes = headerBytes;
        this.after = after;
        if (finished) {
            release();
            return;
        }
        attempt(0);
    }

    private void attempt(int index) {
        if (finished) {
            return;
        }
        if (index >= servers.size()) {
            refuse("no IM&P server reachable: " + String.join("; ", failures));
            return;
        }
        ImpServer server = servers.get(index);
        ImpResolver.resolve(server, stream.eventLoop()).addListener((Future<InetSocketAddress> resolved) -> {
            if (!resolved.isSuccess()) {
                failed(index, server, "cannot resolve: " + resolved.cause().getMessage());
                return;
            }
            connect(index, server, resolved.getNow());
        });
    }

    private void connect(int index, ImpServer server, InetSocketAddress address) {
        if (finished) {
            return;
        }
        UpstreamSettings settings = service.upstream();
        Promise<Channel> negotiated = stream.eventLoop().newPromise();
        ByteBuf replay = after == null ? headerBytes.retainedDuplicate()
                : io.netty.buffer.Unpooled.wrappedBuffer(headerBytes.retainedDuplicate(), after.retainedDuplicate());
        UpstreamNegotiationHandler negotiation = new UpstreamNegotiationHandler(service, route, server, header, replay,
                negotiated);
        ChannelFuture connecting = new Bootstrap()
                .group(stream.eventLoop())
                .channel(service.transport().socketChannel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOCATOR, NetTransport.ALLOCATOR)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, settings.connectTimeout().toMillis()))
                .handler(negotiation)
                .connect(address);
        upstream = connecting.channel();
        connecting.addListener(f -> {
            if (!f.isSuccess()) {
                negotiated.tryFailure(f.cause());
            }
        });
        negotiated.addListener((Future<Channel> done) -> {
            if (done.isSuccess() && !finished) {
                relay(done.getNow(), server);
            } else {
                connecting.channel().close();
                failed(index, server, done.isSuccess() ? "the flow ended" : describe(done.cause()));
            }
        });
    }

    private void relay(Channel channel, ImpServer server) {
        finished = true;
        release();
        log.debug("xmpp: {} flow for {} from {} relayed to {}", service.flowProtocol(), route.domain(), client, server);
        XmppStreamService.answer(stream, XmppProtocol.STATUS_OK, false);
        FlowRelay.bridge(channel, stream);
    }

    private void failed(int index, ImpServer server, String why) {
        if (finished) {
            return;
        }
        log.warn("xmpp: {} flow for {} from {}: IM&P {} failed: {}", service.flowProtocol(), route.domain(), client,
                server, why);
        failures.add(server + ": " + why);
        attempt(index + 1);
    }

    /** Answers {@code 502} and ends the stream. */
    void refuse(String why) {
        if (finished) {
            return;
        }
        finished = true;
        release();
        log.warn("xmpp: {} flow for {} from {} refused ({}): {}", service.flowProtocol(), route.domain(), client,
                XmppProtocol.STATUS_UPSTREAM_FAILED, why);
        XmppStreamService.answer(stream, XmppProtocol.STATUS_UPSTREAM_FAILED, true);
        stream.close();
    }

    private void streamClosed() {
        if (!finished) {
            finished = true;
            release();
            if (upstream != null) {
                upstream.close();
            }
        }
    }

    private void release() {
        ReferenceCountUtil.release(headerBytes);
        ReferenceCountUtil.release(after);
        headerBytes = null;
        after = null;
    }

    private static String describe(Throwable cause) {
        Throwable root = cause;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
