package io.mraedge.http.edge;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.DefaultHttp2ResetFrame;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last handler of a client connection (HTTP/1.1) or of one h2 stream: turns each request into an
 * {@link EdgeExchange} and feeds it the request body and the channel's events. One exchange at a
 * time; on HTTP/1.1 a pipelined request that arrives while one runs waits in a queue (bounded by
 * what one read delivers, since the channel is read again only when the exchange wants more).
 *
 * <p>Auto-read is off: the channel is read when idle (the next request), and otherwise only
 * when the exchange asks. Ownership: a message passed to the exchange is the exchange's;
 * queued messages are released if the channel closes first.
 */
final class EdgeRequestHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(EdgeRequestHandler.class);

    /** How long an answered connection may go on sending before it is closed. */
    static final long LINGER_SECONDS = 5;

    private final HttpsListener https;
    private final boolean http2;
    private final ArrayDeque<Object> pipelined = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private EdgeExchange exchange;
    private boolean closed;

    EdgeRequestHandler(HttpsListener https, boolean http2) {
        this.https = https;
        this.http2 = http2;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ctx.channel().config().setAutoRead(false);
        if (ctx.channel().isActive()) {
            ctx.read();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        ctx.read();
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (closed) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (exchange != null && exchange.requestComplete() || exchange == null && !pipelined.isEmpty()) {
            pipelined.add(msg);
            return;
        }
        if (exchange != null) {
            if (msg instanceof HttpContent content) {
                exchange.onContent(content);
            } else {
                ReferenceCountUtil.release(msg);
            }
            return;
        }
        if (msg instanceof HttpRequest request) {
            InetSocketAddress client = clientAddress();
            exchange = new EdgeExchange(https, this, ctx, request, http2, client);
            exchange.begin();
        } else {
            // The rest of a request that was answered and whose connection is closing.
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.onReadComplete();
        } else if (!closed && pipelined.isEmpty()) {
            ctx.read();
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (exchange != null) {
            exchange.onWritabilityChanged();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        closed = true;
        if (exchange != null) {
            exchange.onClosed();
        }
        releasePipelined();
        ctx.fireChannelInactive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            log.debug("{}: idle for {}; closing", ctx.channel(), https.config().limits().idleTimeout());
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

    /**
     * The exchange ended and its last write completed: go on with the next request, or close.
     *
     * @param keepOpen         false closes the connection (HTTP/1.1) or resets the stream if it is
     *                         still open (h2)
     * @param responseComplete on h2, a stream still open after a complete response is reset with
     *                         NO_ERROR (the client may stop sending: RFC 9113 §8.1), else CANCEL
     */
    void exchangeDone(EdgeExchange done, boolean keepOpen, boolean responseComplete) {
        if (exchange != done) {
            return;
        }
        exchange = null;
        if (!keepOpen) {
            closed = true;
            releasePipelined();
            if (http2 && responseComplete && ctx.channel().isActive()) {
                ctx.writeAndFlush(new DefaultHttp2ResetFrame(Http2Error.NO_ERROR)).addListener(f -> ctx.close());
            } else if (!http2 && responseComplete && !done.requestComplete() && ctx.channel().isActive()) {
                lingeringClose();
            } else {
                ctx.close();
            }
            return;
        }
        if (http2) {
            return; // the stream ended with the response
        }
        while (!pipelined.isEmpty() && exchange == null && !closed) {
            channelRead(ctx, pipelined.poll());
        }
        if (exchange == null && !closed) {
            ctx.read();
        } else if (exchange != null) {
            exchange.onReadComplete();
        }
    }

    /**
     * Closes an HTTP/1.1 connection whose client is still sending a body we answered early (413,
     * 401…): closing with unread data would make the kernel send RST, and the client could lose
     * the answer before reading it. Instead the rest is read and dropped for at most
     * {@value #LINGER_SECONDS} s, or until the client closes (nginx's lingering close).
     */
    private void lingeringClose() {
        ctx.channel().config().setAutoRead(true);
        ctx.executor().schedule(() -> {
            ctx.close();
        }, LINGER_SECONDS, TimeUnit.SECONDS);
    }

    private InetSocketAddress clientAddress() {
        var channel = http2 ? ctx.channel().parent() : ctx.channel();
        return (InetSocketAddress) channel.remoteAddress();
    }

    /** Port of the listener the client connected to, for bans per source and port. */
    int listenerPort() {
        var channel = http2 ? ctx.channel().parent() : ctx.channel();
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    private void releasePipelined() {
        Object m;
        while ((m = pipelined.poll()) != null) {
            ReferenceCountUtil.release(m);
        }
    }
}
