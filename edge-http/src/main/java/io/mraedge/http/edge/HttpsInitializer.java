package io.mraedge.http.edge;

import io.mraedge.core.tls.ReloadableSslContext;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the pipeline of a connection to the edge's 8443. The order, once (the edge's
 * AcceptGate and handshake counter come first and remove themselves):
 * <pre>
 * {@value #TLS} → {@value #IDLE} → {@value #ALPN}, which replaces itself after the handshake with
 *   http/1.1: {@value #HTTP_CODEC} → {@value #EXPECT_CONTINUE} → {@value #REQUEST}
 *   h2:       {@value #H2_CODEC} → {@value #H2_MULTIPLEX} → {@value #H2_ERRORS}, and on each stream
 *             {@value #H2_TO_HTTP} → {@value #REQUEST}
 * </pre>
 * A client that offers no ALPN gets HTTP/1.1. The h2 header-list limit advertised is twice the
 * configured header size, as a hard bound; the exact limit is checked per request, so that a
 * violation gets 431 and counts as a protocol violation.
 */
final class HttpsInitializer extends ChannelInitializer<Channel> {
    static final String TLS = "tls";
    static final String IDLE = "idle";
    static final String ALPN = "alpn";
    static final String HTTP_CODEC = "http-codec";
    static final String EXPECT_CONTINUE = "expect-continue";
    static final String H2_CODEC = "h2-codec";
    static final String H2_MULTIPLEX = "h2-multiplex";
    static final String H2_TO_HTTP = "h2-to-http";
    static final String REQUEST = "request";
    static final String H2_ERRORS = "h2-errors";

    private static final Logger log = LoggerFactory.getLogger(HttpsInitializer.class);

    private final HttpsListener https;
    private final ReloadableSslContext tls;

    HttpsInitializer(HttpsListener https, ReloadableSslContext tls) {
        this.https = https;
        this.tls = tls;
    }

    @Override
    protected void initChannel(Channel ch) {
        HttpLimits limits = https.config().limits();
        ch.pipeline()
                .addLast(TLS, tls.current().newHandler(ch.alloc()))
                .addLast(IDLE, new IdleStateHandler(0, 0, limits.idleTimeout().toNanos(), TimeUnit.NANOSECONDS))
                .addLast(ALPN, new Negotiation());
    }

    private final class Negotiation extends ApplicationProtocolNegotiationHandler {
        Negotiation() {
            super(ApplicationProtocolNames.HTTP_1_1);
        }

        @Override
        protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
            HttpLimits limits = https.config().limits();
            ChannelPipeline p = ctx.pipeline();
            if (ApplicationProtocolNames.HTTP_2.equals(protocol)) {
                Http2Settings settings = Http2Settings.defaultSettings()
                        .maxConcurrentStreams(limits.h2MaxConcurrentStreams())
                        .initialWindowSize(limits.h2StreamWindow())
                        .maxHeaderListSize(2L * limits.maxHeaderSize());
                p.addLast(H2_CODEC, Http2FrameCodecBuilder.forServer()
                        .initialSettings(settings)
                        .validateHeaders(true)
                        .build());
                p.addLast(H2_MULTIPLEX, new Http2MultiplexHandler(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel stream) {
                        stream.config().setAutoRead(false);
                        stream.pipeline()
                                .addLast(H2_TO_HTTP, new Http2StreamFrameToHttpObjectCodec(true))
                                .addLast(REQUEST, new EdgeRequestHandler(https, true));
                    }
                }));
                p.addLast(H2_ERRORS, ConnectionErrors.INSTANCE);
                // The multiplexer reads the connection; streams are read on demand.
                ctx.channel().config().setAutoRead(true);
            } else if (ApplicationProtocolNames.HTTP_1_1.equals(protocol)) {
                p.addLast(HTTP_CODEC, new HttpServerCodec(limits.decoderConfig()))
                        .addLast(EXPECT_CONTINUE, new HttpServerExpectContinueHandler())
                        .addLast(REQUEST, new EdgeRequestHandler(https, false));
            } else {
                log.debug("{}: ALPN chose {}, which is not offered; closing", ctx.channel(), protocol);
                ctx.close();
            }
        }

        @Override
        protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("{}: TLS handshake failed: {}", ctx.channel(), cause.toString());
            ctx.close();
        }
    }

    /**
     * Last handler of an h2 connection: the idle timeout closes it (the HTTP/2 codec sends GOAWAY
     * first), and a socket error (a reset by the client) closes it quietly.
     */
    @ChannelHandler.Sharable
    private static final class ConnectionErrors extends ChannelInboundHandlerAdapter {
        static final ConnectionErrors INSTANCE = new ConnectionErrors();

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent) {
                log.debug("{}: idle; closing", ctx.channel());
                ctx.close();
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("{}: {}; closing", ctx.channel(), cause.toString());
            ctx.close();
        }
    }
}
