package io.mraedge.sip.edge;

import io.mraedge.core.tls.ReloadableSslContext;
import io.mraedge.sip.codec.SipObjectDecoder;
import io.mraedge.sip.codec.SipObjectEncoder;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;

/**
 * Builds the pipeline of an accepted SIP/TLS connection on the edge. The order, once
 * (after the edge's own accept gate and handshake counter, which remove themselves):
 * <pre>
 *   {@value #TLS} → {@value #FLUSH} → {@value #DECODER} → {@value #ENCODER} → {@value SipEdgeFlow#NAME}
 * </pre>
 * Auto-read is on for the TLS handshake; the flow handler turns it off once the handshake is
 * done, and from then on reads only while its traversal stream is writable.
 */
public final class SipEdgeInitializer extends ChannelInitializer<Channel> {
    public static final String TLS = "tls";
    public static final String FLUSH = "flush-consolidation";
    public static final String DECODER = "sip-decoder";
    public static final String ENCODER = "sip-encoder";

    private final SipEdgeService service;
    private final ReloadableSslContext tls;

    public SipEdgeInitializer(SipEdgeService service, ReloadableSslContext tls) {
        this.service = service;
        this.tls = tls;
    }

    @Override
    protected void initChannel(Channel ch) {
        SipObjectDecoder decoder = new SipObjectDecoder(service.config().limits());
        ChannelPipeline p = ch.pipeline();
        p.addLast(TLS, tls.current().newHandler(ch.alloc()));
        p.addLast(FLUSH, new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
        p.addLast(DECODER, decoder);
        p.addLast(ENCODER, SipObjectEncoder.INSTANCE);
        p.addLast(SipEdgeFlow.NAME, new SipEdgeFlow(service, decoder));
    }
}
