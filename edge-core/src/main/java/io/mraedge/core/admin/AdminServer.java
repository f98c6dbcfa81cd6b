package io.mraedge.core.admin;

import io.mraedge.core.net.NetTransport;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP server of a role (loopback or the inside interface, never the outside):
 * plain HTTP/1.1 with keep-alive, routes by method and exact path.
 *
 * <p>Pipeline: {@value #CODEC} → {@value #AGGREGATOR} (requests up to {@value #MAX_REQUEST}
 * bytes; admin requests are tiny) → {@value #ROUTER}.
 */
public final class AdminServer implements AutoCloseable {
    public static final String CODEC = "http";
    public static final String AGGREGATOR = "aggregator";
    public static final String ROUTER = "router";
    static final int MAX_REQUEST = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

    private final Map<String, AdminRoute> routes = new TreeMap<>();
    private Channel channel;

    /**
     * Adds a route; {@code method} such as {@code GET}, {@code path} exact, e.g. {@code /status},
     * or a prefix ending in {@code /*}, e.g. {@code /bans/*}, which matches any one non-empty
     * segment after it.
     */
    public AdminServer route(String method, String path, AdminRoute route) {
        routes.put(method + " " + path, route);
        return this;
    }

    private AdminRoute find(String method, String path) {
        AdminRoute exact = routes.get(method + " " + path);
        if (exact != null) {
            return exact;
        }
        int slash = path.lastIndexOf('/');
        if (slash > 0 && slash < path.length() - 1) {
            return routes.get(method + " " + path.substring(0, slash) + "/*");
        }
        return null;
    }

    private boolean knowsPath(String path) {
        int slash = path.lastIndexOf('/');
        String wildcard = slash > 0 ? path.substring(0, slash) + "/*" : null;
        return routes.keySet().stream().anyMatch(k -> k.endsWith(" " + path) || (wildcard != null && k.endsWith(" " + wildcard)));
    }

    /** Binds; returns the bound address. */
    public InetSocketAddress start(NetTransport transport, InetSocketAddress bind, String roleName)
            throws InterruptedException {
        Router router = new Router();
        channel = transport.serverBootstrap()
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline()
                                .addLast(CODEC, new HttpServerCodec())
                                .addLast(AGGREGATOR, new HttpObjectAggregator(MAX_REQUEST))
                                .addLast(ROUTER, router);
                    }
                })
                .bind(bind).sync().channel();
        InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
        log.info("{}: admin on http://{}:{}/status", roleName, bound.getHostString(), bound.getPort());
        return bound;
    }

    public InetSocketAddress localAddress() {
        return channel == null ? null : (InetSocketAddress) channel.localAddress();
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
    }

    @ChannelHandler.Sharable
    private final class Router extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            AdminResponse answer;
            if (!request.decoderResult().isSuccess()) {
                answer = AdminResponse.text(400, "bad request");
            } else {
                String path = new QueryStringDecoder(request.uri()).path();
                AdminRoute route = find(request.method().name(), path);
                if (route != null) {
                    answer = safely(route, request);
                } else if (knowsPath(path)) {
                    answer = AdminResponse.text(405, "method not allowed");
                } else {
                    answer = AdminResponse.text(404, "not found: " + path);
                }
            }
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(answer.status()), Unpooled.wrappedBuffer(answer.body()));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
            if (answer.status() == 401) {
                response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"mra-edge admin\"");
            }
            response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            HttpUtil.setContentLength(response, answer.body().length);
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(response, keepAlive);
            var f = ctx.writeAndFlush(response);
            if (!keepAlive) {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        }

        private AdminResponse safely(AdminRoute route, FullHttpRequest request) {
            try {
                return route.handle(request);
            } catch (RuntimeException e) {
                log.error("admin {} {} failed", request.method(), request.uri(), e);
                return AdminResponse.text(500, "internal error: " + e.getClass().getSimpleName());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("admin connection {}: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
