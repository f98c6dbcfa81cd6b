package io.mraedge.core.traversal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits for the traversal TLS handshake, insists on ALPN {@code mra-traversal/1}, then removes
 * itself and lets the role build the HTTP/2 pipeline. Handshake failures (unknown CA, a name
 * not on the list, no client certificate) are logged with the peer address and reported to
 * {@code onFailure}, which is where protection counts them.
 */
final class AlpnGuard extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(AlpnGuard.class);

    private final String side;
    private final BiConsumer<ChannelHandlerContext, SslHandler> onReady;
    private final BiConsumer<ChannelHandlerContext, Throwable> onFailure;

    AlpnGuard(String side, BiConsumer<ChannelHandlerContext, SslHandler> onReady,
              BiConsumer<ChannelHandlerContext, Throwable> onFailure) {
        this.side = side;
        this.onReady = onReady;
        this.onFailure = onFailure;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (!(evt instanceof SslHandshakeCompletionEvent done)) {
            ctx.fireUserEventTriggered(evt);
            return;
        }
        if (!done.isSuccess()) {
            log.warn("{}: traversal TLS handshake with {} failed: {}", side, ctx.channel().remoteAddress(),
                    rootMessage(done.cause()));
            onFailure.accept(ctx, done.cause());
            ctx.close();
            return;
        }
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        String alpn = ssl.applicationProtocol();
        if (!TraversalProtocol.ALPN_ID.equals(alpn)) {
            log.warn("{}: {} negotiated ALPN '{}', not {}; closing", side, ctx.channel().remoteAddress(), alpn,
                    TraversalProtocol.ALPN_ID);
            onFailure.accept(ctx, new IllegalStateException("ALPN " + alpn));
            ctx.close();
            return;
        }
        ctx.pipeline().remove(this);
        onReady.accept(ctx, ssl);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // Handshake errors also surface here; the completion event above reports them once.
        log.debug("{}: {} error before the tunnel was up: {}", side, ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }

    static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String msg = c.getMessage();
        return msg == null ? c.getClass().getSimpleName() : msg;
    }
}
