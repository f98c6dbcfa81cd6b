package io.mraedge.core.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;

/**
 * Counts the TLS handshakes of one listener by outcome ({@link MetricNames#TLS_HANDSHAKES}).
 * Added near the head of each accepted connection's pipeline, it waits for the connection to
 * become active, attaches to the {@link SslHandler}'s handshake future (wherever the protocol
 * put it), and removes itself; it never sees or holds a message.
 */
@ChannelHandler.Sharable
public final class TlsHandshakeCounter extends ChannelInboundHandlerAdapter {
    /** Pipeline name. */
    public static final String NAME = "tls-handshake-counter";

    private final Counter success;
    private final Counter failure;

    public TlsHandshakeCounter(MeterRegistry registry, String listener) {
        this.success = registry.counter(MetricNames.TLS_HANDSHAKES, MetricNames.TAG_LISTENER, listener,
                MetricNames.TAG_RESULT, "success");
        this.failure = registry.counter(MetricNames.TLS_HANDSHAKES, MetricNames.TAG_LISTENER, listener,
                MetricNames.TAG_RESULT, "failure");
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl != null) {
            ssl.handshakeFuture().addListener(f -> (f.isSuccess() ? success : failure).increment());
        }
        ctx.pipeline().remove(this);
        ctx.fireChannelActive();
    }
}
