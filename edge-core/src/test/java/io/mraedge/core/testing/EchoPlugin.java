package io.mraedge.core.testing;

import io.mraedge.core.maintenance.MaintainedService;
import io.mraedge.core.plugin.ConnectorContext;
import io.mraedge.core.plugin.EdgeContext;
import io.mraedge.core.plugin.EdgeListener;
import io.mraedge.core.plugin.ProtocolPlugin;
import io.mraedge.core.plugin.StreamKind;
import io.mraedge.core.plugin.StreamService;
import io.mraedge.core.traversal.FlowRelay;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A test-only protocol that exercises the plug-in point end to end: the edge listens on plain
 * TCP ({@value #LISTENER}), opens an extended-CONNECT {@code echo} flow for each connection and
 * relays it with {@link FlowRelay}; the connector's service writes every byte back, reading
 * only while its stream is writable.
 */
public final class EchoPlugin implements ProtocolPlugin {
    public static final String LISTENER = "echo";
    public static final String PROTOCOL = "echo";

    @Override
    public String name() {
        return PROTOCOL;
    }

    @Override
    public List<EdgeListener> edgeListeners(EdgeContext edge) {
        return List.of(new EdgeListener(LISTENER, new InetSocketAddress(edge.config().outsideAddress(), 0),
                new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.config().setAutoRead(false);
                        ch.pipeline().addLast("echo-edge", new EdgeSide(edge));
                    }
                }));
    }

    /**
     * Edge side of one connection: asks maintenance for a flow (refusing by closing, the echo
     * protocol's only way to say no), then opens the traversal flow and relays.
     */
    private static final class EdgeSide extends ChannelInboundHandlerAdapter {
        private final EdgeContext edge;

        EdgeSide(EdgeContext edge) {
            this.edge = edge;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            Channel ch = ctx.channel();
            MaintainedService.Flow flow = edge.maintenance().service(LISTENER).tryStartFlow();
            if (flow == null) {
                ch.close();
                return;
            }
            ch.closeFuture().addListener(f -> flow.close());
            ctx.pipeline().remove(this);
            edge.streams().openFlow(PROTOCOL, "echo.test", (InetSocketAddress) ch.remoteAddress(),
                            new ChannelInboundHandlerAdapter())
                    .addListener(f -> {
                        if (f.isSuccess()) {
                            Http2StreamChannel stream = (Http2StreamChannel) f.getNow();
                            ch.eventLoop().execute(() -> FlowRelay.bridge(ch, stream));
                        } else {
                            ch.close();
                        }
                    });
        }
    }

    @Override
    public List<StreamService> connectorServices(ConnectorContext connector) {
        return List.of(new EchoService());
    }

    /** Connector side: echoes DATA frames back on the same stream. */
    static final class EchoService implements StreamService {
        @Override
        public StreamKind kind() {
            return new StreamKind.ByteFlow(PROTOCOL);
        }

        @Override
        public void open(Http2StreamChannel stream, Http2Headers request) {
            stream.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")));
            stream.pipeline().addLast("echo", new ChannelInboundHandlerAdapter() {
                private boolean ended;

                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    if (msg instanceof Http2DataFrame data) {
                        ended |= data.isEndStream();
                        ctx.write(new DefaultHttp2DataFrame(data.content(), data.isEndStream()));
                    } else {
                        ReferenceCountUtil.release(msg);
                    }
                }

                @Override
                public void channelReadComplete(ChannelHandlerContext ctx) {
                    ctx.flush();
                    if (!ended && ctx.channel().isWritable()) {
                        ctx.read();
                    }
                }

                @Override
                public void channelWritabilityChanged(ChannelHandlerContext ctx) {
                    if (ctx.channel().isWritable() && !ended) {
                        ctx.read();
                    }
                }
            });
            stream.read();
        }
    }
}
