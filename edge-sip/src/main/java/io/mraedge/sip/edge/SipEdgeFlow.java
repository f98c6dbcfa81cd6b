package io.mraedge.sip.edge;

import io.mraedge.core.maintenance.MaintainedService;
import io.mraedge.core.maintenance.ServiceState;
import io.mraedge.core.protection.ProtectionCategory;
import io.mraedge.sip.MediaRefusal;
import io.mraedge.sip.SdpRewriter;
import io.mraedge.sip.SipMetricNames;
import io.mraedge.sip.TraversalByteAdapter;
import io.mraedge.sip.codec.CSeq;
import io.mraedge.sip.codec.SipDecoderException;
import io.mraedge.sip.codec.SipHeaderNames;
import io.mraedge.sip.codec.SipKeepalive;
import io.mraedge.sip.codec.SipMessage;
import io.mraedge.sip.codec.SipObjectDecoder;
import io.mraedge.sip.codec.SipObjectEncoder;
import io.mraedge.sip.codec.SipRequest;
import io.mraedge.sip.codec.SipResponse;
import io.mraedge.sip.codec.StunMessage;
import io.mraedge.sip.registration.FlowBindings;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's SIP/TLS flow on the edge, joined to one CONNECT {@code sip} traversal stream
 * (ARCHITECTURE.md, "SIP"). Runs the edge's SIP policy on every message:
 * <ul>
 *   <li>refusals: a malformed request gets 400/513, a malformed response is dropped; each counts
 *       for protection, and the flow closes when framing is lost;
 *   <li>keepalives: CRLFCRLF gets CRLF (RFC 5626 §4.4.1); a STUN binding goes to the connector,
 *       which answers only after its upstream answered a ping, and only while the stream is up;
 *   <li>maintenance: 503 with Retry-After for new dialogs and new registrations;
 *   <li>registrations: REGISTER transactions update the flow's {@link FlowBindings};
 *   <li>401/403 count as SIP authentication failures, other REGISTER failures as registration
 *       failures; a REGISTER 200 gets a load-imbalance Warning when this edge holds too large a
 *       share of the cluster's registrations.
 * </ul>
 *
 * <p>Threads: the client channel and the stream live on different event loops; everything
 * this class keeps is touched on the client's loop (stream events hop there).
 *
 * <p>Ownership: every message read is either written on (the encoder of the other side
 * releases it) or released here. Flow control: both sides have auto-read off; each side is read
 * only while the other is writable.
 */
final class SipEdgeFlow extends ChannelInboundHandlerAdapter {
    static final String NAME = "sip-edge-flow";
    /** Pipeline names on the traversal stream: adapter → decoder → encoder → inside handler. */
    static final String STREAM_DECODER = "sip-decoder";
    static final String STREAM_ENCODER = "sip-encoder";
    static final String STREAM_HANDLER = "sip-edge-stream";

    private static final Logger log = LoggerFactory.getLogger(SipEdgeFlow.class);
    private static final Set<String> DIALOG_CREATING = Set.of("INVITE", "SUBSCRIBE", "REFER");

    private final SipEdgeService service;
    private final SipObjectDecoder decoder;
    private final FlowBindings bindings = new FlowBindings();
    private final String flowId = Long.toHexString(ThreadLocalRandom.current().nextLong());
    private Channel client;
    private InetSocketAddress source;
    private Http2StreamChannel stream;
    private MaintainedService.Flow counted;
    private ScheduledFuture<?> expiryTimer;
    private ScheduledFuture<?> messageTimer;
    private boolean opening;
    /**
     * Messages that arrived between the handshake and the stream opening. Reading stops meanwhile
     * (auto-read is off and {@link #channelReadComplete} reads only once the stream is there), so
     * this holds at most what the last socket read carried; a pipelining client (sipp sends
     * REGISTERs back to back) easily puts dozens in one read. {@value #MAX_EARLY} is a safety net.
     */
    private java.util.ArrayDeque<Object> early;
    private static final int MAX_EARLY = 1024;

    SipEdgeFlow(SipEdgeService service, SipObjectDecoder decoder) {
        this.service = service;
        this.decoder = decoder;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        client = ctx.channel();
        source = (InetSocketAddress) client.remoteAddress();
        service.sdp().flowOpened(flowId, source);
        MaintainedService maintained = service.maintained();
        // The listener was open, so the connection is accepted. Counting it keeps the service
        // DRAINING in maintenance until the last flow ends; per-message policy decides the rest.
        counted = maintained != null ? maintained.continueFlow() : null;
        ctx.fireChannelActive();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                ctx.channel().config().setAutoRead(false);
                openStream();
            } else {
                ctx.close();
            }
        }
        ctx.fireUserEventTriggered(evt);
    }

    /** Opens the traversal stream on the connection routing chooses (adaptive routing). */
    private void openStream() {
        if (opening) {
            return;
        }
        opening = true;
        service.edge().streams().openFlow("sip", service.edge().config().publicName(), source,
                new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(TraversalByteAdapter.NAME, new TraversalByteAdapter())
                                .addLast(STREAM_DECODER, new SipObjectDecoder(service.config().limits()))
                                .addLast(STREAM_ENCODER, SipObjectEncoder.INSTANCE)
                                .addLast(STREAM_HANDLER, new StreamSide());
                    }
                }).addListener((Future<Http2StreamChannel> f) -> client.eventLoop().execute(() -> streamOpened(f)));
    }

    private void streamOpened(Future<Http2StreamChannel> f) {
        if (!f.isSuccess()) {
            log.info("sip: no way to the inside for {}: {}", source, f.cause().toString());
            client.close();
            return;
        }
        stream = f.getNow();
        if (!client.isActive()) {
            stream.close();
            return;
        }
        stream.closeFuture().addListener(c -> client.close());
        if (early != null) {
            ChannelHandlerContext ctx = client.pipeline().context(this);
            for (Object m; (m = early.poll()) != null; ) {
                channelRead(ctx, m);
            }
            early = null;
            ctx.flush();
            stream.flush();
        }
        stream.read();
        client.read();
    }

    // ---------------------------------------------------------------- client → inside

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (stream == null && opening && client.isActive()) {
            if (early == null) {
                early = new java.util.ArrayDeque<>(4);
            }
            if (early.size() >= MAX_EARLY) {
                log.info("sip: {} sent more than {} messages before its traversal stream opened; closing", source,
                        MAX_EARLY);
                ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
            early.add(msg);
            return;
        }
        if (msg instanceof SipKeepalive k) {
            if (k == SipKeepalive.PING) {
                ctx.write(SipKeepalive.PONG); // RFC 5626 §4.4.1: answer CRLFCRLF with CRLF
            }
        } else if (msg instanceof StunMessage stun) {
            relayStun(stun);
        } else if (msg instanceof SipMessage m) {
            if (m.decoderResult().isFailure()) {
                refuse(ctx, m);
            } else if (m instanceof SipRequest r) {
                fromClient(ctx, r);
            } else {
                toInside(m);
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void relayStun(StunMessage stun) {
        // RFC 5626 §4.4.2 as the product uses it: a success answer means the whole path is up.
        // The connector answers after its upstream answered a ping; a dead stream gets nothing.
        if (stun.isBindingRequest() && stream != null && stream.isActive() && stream.parent().isActive()) {
            stream.write(stun);
            service.edge().metrics().counter(SipMetricNames.STUN, "result", "relayed").increment();
        } else {
            stun.release();
            service.edge().metrics().counter(SipMetricNames.STUN, "result", "unanswered").increment();
        }
    }

    private void fromClient(ChannelHandlerContext ctx, SipRequest r) {
        if (maintenanceRefuses(r)) {
            SipResponse busy = SipResponse.to(r, 503, "Service Unavailable", flowId);
            busy.headers().add(SipHeaderNames.RETRY_AFTER, Long.toString(service.config().retryAfter().toSeconds()));
            r.release();
            reply(ctx, busy);
            return;
        }
        if (r.isMethod("REGISTER")) {
            bindings.requestSent(r);
        }
        toInside(r);
    }

    /** Maintenance: new registrations and new dialogs get 503; refreshes and in-dialog requests pass. */
    private boolean maintenanceRefuses(SipRequest r) {
        MaintainedService maintained = service.maintained();
        if (maintained == null || maintained.state() == ServiceState.ACTIVE) {
            return false;
        }
        if (r.isMethod("REGISTER")) {
            return !bindings.refreshes(r);
        }
        return DIALOG_CREATING.contains(r.method()) && !r.inDialog();
    }

    private void toInside(SipMessage m) {
        if (stream == null || !stream.isActive()) {
            m.release();
            return;
        }
        try {
            service.sdp().rewrite(m, SdpRewriter.Direction.TOWARD_INSIDE, flowId);
        } catch (MediaRefusal refusal) {
            log.info("sip: refused {} from {}: {} {} ({})", m.startLine(), source, refusal.status(), refusal.reason(),
                    refusal.getMessage());
            ChannelHandlerContext ctx = client.pipeline().context(this);
            reply(ctx, SipResponse.to(m, refusal.status(), refusal.reason(), flowId));
            m.release();
            return;
        }
        stream.write(m);
    }

    private void refuse(ChannelHandlerContext ctx, SipMessage m) {
        SipDecoderException e = (SipDecoderException) m.decoderResult().cause();
        log.info("sip: refused a malformed {} from {} ({}): {}", m instanceof SipResponse ? "response" : "request",
                source, e.status(), e.getMessage());
        service.edge().refused(ProtectionCategory.SIP_REGISTRATION_FAILURE, source, localPort());
        boolean isAck = m instanceof SipRequest r && r.isMethod("ACK");
        if (m instanceof SipRequest && !isAck) {
            reply(ctx, SipResponse.to(m, e.status(), e.reason(), flowId));
        }
        m.release();
        if (!e.recoverable()) {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void reply(ChannelHandlerContext ctx, SipResponse response) {
        service.edge().metrics().counter(SipMetricNames.LOCAL_REPLIES, "status", Integer.toString(response.status()))
                .increment();
        ctx.write(response);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ctx.flush();
        if (stream != null) {
            stream.flush();
            if (stream.isWritable()) {
                ctx.read();
            }
        }
        watchIncompleteMessage(ctx);
        ctx.fireChannelReadComplete();
    }

    /** A message started must finish within {@code message-timeout}, else the flow is closed. */
    private void watchIncompleteMessage(ChannelHandlerContext ctx) {
        if (!decoder.midMessage() || messageTimer != null) {
            return;
        }
        messageTimer = ctx.executor().schedule(() -> {
            messageTimer = null;
            if (decoder.midMessage() && client.isActive()) {
                log.info("sip: {} left a message incomplete for {}; closing", source, service.config().messageTimeout());
                service.edge().refused(ProtectionCategory.SIP_REGISTRATION_FAILURE, source, localPort());
                client.close();
            }
        }, service.config().messageTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (ctx.channel().isWritable() && stream != null) {
            stream.read();
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (early != null) {
            early.forEach(ReferenceCountUtil::release);
            early = null;
        }
        service.registrations().add(bindings.clear());
        service.sdp().flowClosed(flowId);
        cancel(expiryTimer);
        cancel(messageTimer);
        if (stream != null) {
            stream.close();
        }
        if (counted != null) {
            counted.close();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        log.debug("sip: flow from {} failed: {}", source, cause.toString());
        ctx.close();
    }

    // ---------------------------------------------------------------- inside → client

    /** Runs on the client's loop: a message the connector sent toward the client. */
    private void fromInside(Object msg) {
        if (!client.isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof SipResponse resp && resp.decoderResult().isSuccess()) {
            onResponse(resp);
            service.sdp().rewrite(resp, SdpRewriter.Direction.TOWARD_CLIENT, flowId);
            client.write(resp);
        } else if (msg instanceof SipRequest req && req.decoderResult().isSuccess()) {
            try {
                service.sdp().rewrite(req, SdpRewriter.Direction.TOWARD_CLIENT, flowId);
            } catch (MediaRefusal refusal) {
                log.info("sip: refused {} from the inside for {}: {} {} ({})", req.startLine(), source,
                        refusal.status(), refusal.reason(), refusal.getMessage());
                if (stream != null && stream.isActive()) {
                    stream.writeAndFlush(SipResponse.to(req, refusal.status(), refusal.reason(), flowId));
                }
                req.release();
                return;
            }
            client.write(req);
        } else if (msg instanceof StunMessage stun) {
            client.write(stun);
        } else {
            if (msg instanceof SipMessage bad) {
                log.warn("sip: dropped a malformed message from the connector for {}: {}", source,
                        bad.decoderResult().cause().getMessage());
            }
            ReferenceCountUtil.release(msg);
        }
    }

    private void onResponse(SipResponse resp) {
        CSeq cseq = resp.cseq();
        int status = resp.status();
        if (cseq.method().equals("REGISTER") || cseq.method().equals("INVITE")) {
            if (status == 401 || status == 403) {
                service.edge().refused(ProtectionCategory.SIP_AUTH_FAILURE, source, localPort());
            } else if (status >= 300 && status != 407 && cseq.method().equals("REGISTER")) {
                service.edge().refused(ProtectionCategory.SIP_REGISTRATION_FAILURE, source, localPort());
            }
        }
        if (!cseq.method().equals("REGISTER")) {
            return;
        }
        service.registrations().add(bindings.responseReceived(resp, service.now()));
        scheduleExpiry();
        if (status >= 200 && status < 300 && bindings.size() > 0) {
            int share = service.clusterShare();
            if (share > service.config().imbalancePercent()) {
                // The product's hint: a client may choose a less loaded edge for its next registration.
                resp.headers().add(SipHeaderNames.WARNING, "399 " + service.edge().config().publicName()
                        + " \"Registration load imbalance: this edge holds " + share
                        + "% of the cluster's registrations\"");
            }
        }
    }

    private void scheduleExpiry() {
        cancel(expiryTimer);
        expiryTimer = null;
        long next = bindings.nextExpiryMillis();
        if (next < 0) {
            return;
        }
        long delay = Math.max(0, next - service.now()) + 1;
        expiryTimer = client.eventLoop().schedule(() -> {
            service.registrations().add(bindings.expire(service.now()));
            scheduleExpiry();
        }, delay, TimeUnit.MILLISECONDS);
    }

    private int localPort() {
        return ((InetSocketAddress) client.localAddress()).getPort();
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    /** Last handler of the traversal stream: hands messages to the client's loop. */
    private final class StreamSide extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (client.eventLoop().inEventLoop()) {
                fromInside(msg);
            } else {
                client.eventLoop().execute(() -> fromInside(msg));
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            Channel streamChannel = ctx.channel();
            client.eventLoop().execute(() -> {
                client.flush();
                if (client.isWritable() || !client.isActive()) {
                    streamChannel.read();
                }
            });
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                client.read();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            client.eventLoop().execute(() -> client.writeAndFlush(Unpooled.EMPTY_BUFFER)
                    .addListener(ChannelFutureListener.CLOSE));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("sip: stream for {} failed: {}", source, cause.toString());
            ctx.close();
        }
    }
}
