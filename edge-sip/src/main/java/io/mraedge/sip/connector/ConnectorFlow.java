package io.mraedge.sip.connector;

import io.mraedge.sip.MediaRefusal;
import io.mraedge.sip.SdpRewriter;
import io.mraedge.sip.TraversalByteAdapter;
import io.mraedge.sip.codec.NameAddress;
import io.mraedge.sip.codec.SipHeaderNames;
import io.mraedge.sip.codec.SipKeepalive;
import io.mraedge.sip.codec.SipMessage;
import io.mraedge.sip.codec.SipObjectDecoder;
import io.mraedge.sip.codec.SipObjectEncoder;
import io.mraedge.sip.codec.SipRequest;
import io.mraedge.sip.codec.SipResponse;
import io.mraedge.sip.codec.StunMessage;
import io.mraedge.sip.codec.Via;
import io.mraedge.sip.registration.FlowBindings;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client flow on the connector: the traversal stream from the edge and one upstream
 * connection to Unified CM (or Kamailio), proxied as a stateless SIP proxy (RFC 3261 §16.11):
 * <ul>
 *   <li>client requests: the client's Via gets {@code received}/{@code rport} from
 *       {@code mra-client-address} (RFC 3581); REGISTER gets a Path (RFC 3327) and
 *       dialog-creating requests a Record-Route, both with this flow's token; our Via on top;
 *   <li>responses from upstream: our Via is removed and the rest goes to the client;
 *   <li>requests toward the client (on the upstream connection, or through the inside
 *       listener when the server follows the Path/Record-Route): our Route is popped, our Via
 *       added, and the client's response goes back to the connection the request came on;
 *   <li>STUN from the client: answered only after the upstream answered a CRLF ping within
 *       {@code stun-timeout}, so a success proves the whole path (the product's keepalive);
 *   <li>lifecycle: the stream ending closes the upstream connection, and the reverse.
 * </ul>
 *
 * <p>Threads: the upstream connection uses the stream's event loop, so all state is confined
 * to it; the inside listener hops here with {@link #deliverFromInside}. Flow control: auto-read
 * is off on both; each side is read only while the other is writable.
 *
 * <p>Ownership: every message is written on or released; the STUN request is released once
 * answered or timed out.
 */
final class ConnectorFlow {
    private static final Logger log = LoggerFactory.getLogger(ConnectorFlow.class);
    private static final Set<String> DIALOG_CREATING = Set.of("INVITE", "SUBSCRIBE", "REFER");
    private static final int MAX_PENDING_INBOUND = 64;
    private static final int MAX_PENDING_STUN = 8;
    /**
     * Messages the edge may send before the upstream connection is up. The edge writes the
     * client's first messages right behind the CONNECT headers, so they usually arrive while we
     * are still connecting. The stream is not read meanwhile, so this holds at most what its
     * last read delivered (a pipelining client puts dozens there); beyond this the flow closes.
     */
    private static final int MAX_EARLY = 1024;

    private final SipConnectorService service;
    private final long id;
    private final String token;
    private final String branchPrefix;
    private final Http2StreamChannel stream;
    private final InetSocketAddress client;
    private final String edge;
    private final FlowBindings bindings = new FlowBindings();
    private final Map<String, Channel> pendingInbound = new LinkedHashMap<>(8, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Channel> eldest) {
            return size() > MAX_PENDING_INBOUND;
        }
    };
    private final List<StunMessage> pendingStun = new ArrayList<>(1);
    private ScheduledFuture<?> stunTimer;
    private Channel upstream;
    /** True once the upstream connection is established; until then client messages wait in {@link #early}. */
    private boolean connected;
    private ArrayDeque<Object> early;

    ConnectorFlow(SipConnectorService service, long id, String token, Http2StreamChannel stream,
                  InetSocketAddress client, String edge) {
        this.service = service;
        this.id = id;
        this.token = token;
        this.branchPrefix = "z9hG4bK" + token + ".";
        this.stream = stream;
        this.client = client;
        this.edge = edge;
    }

    EventLoop eventLoop() {
        return stream.eventLoop();
    }

    /** Installs the stream handlers and connects upstream; answers the CONNECT once connected. */
    void start() {
        stream.pipeline().addLast(TraversalByteAdapter.NAME, new TraversalByteAdapter())
                .addLast("sip-decoder", new SipObjectDecoder(service.config().limits()))
                .addLast("sip-encoder", SipObjectEncoder.INSTANCE)
                .addLast("sip-connector-stream", new StreamSide());
        SipConnectorConfig cfg = service.config();
        ChannelFuture connect = new Bootstrap()
                .group(stream.eventLoop())
                .channel(service.connector().transport().socketChannel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (service.upstreamTls() != null) {
                            ch.pipeline().addLast("tls", service.upstreamTls().newHandler(ch.alloc(), cfg.serverName(),
                                    cfg.targetPort()));
                        }
                        ch.pipeline().addLast("sip-decoder", new SipObjectDecoder(cfg.limits()))
                                .addLast("sip-encoder", SipObjectEncoder.INSTANCE)
                                .addLast("sip-connector-upstream", new UpstreamSide());
                    }
                })
                .connect(cfg.targetHost(), cfg.targetPort());
        upstream = connect.channel();
        connect.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                releaseEarly();
                log.warn("sip: flow {} from {}: cannot reach {}:{}: {}", id, client, cfg.targetHost(), cfg.targetPort(),
                        f.cause().toString());
                stream.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("502"), true))
                        .addListener(ChannelFutureListener.CLOSE);
                return;
            }
            if (!stream.isActive()) {
                releaseEarly();
                upstream.close();
                return;
            }
            upstream.closeFuture().addListener(c -> endStream());
            stream.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200")));
            connected = true;
            if (early != null) {
                for (Object m; (m = early.poll()) != null; ) {
                    fromClient(m);
                }
                early = null;
                upstream.flush();
                stream.flush();
            }
            stream.read();
            upstream.read();
        });
    }

    void closeUpstream() {
        upstream.close();
    }

    private void endStream() {
        if (stream.isActive()) {
            stream.writeAndFlush(new DefaultHttp2DataFrame(true)).addListener(ChannelFutureListener.CLOSE);
        }
    }

    // ------------------------------------------------------------- client → inside

    private void fromClient(Object msg) {
        if (!connected) {
            holdUntilConnected(msg);
            return;
        }
        if (msg instanceof SipRequest r && r.decoderResult().isSuccess()) {
            clientRequest(r);
        } else if (msg instanceof SipResponse r && r.decoderResult().isSuccess()) {
            clientResponse(r);
        } else if (msg instanceof StunMessage stun) {
            stun(stun);
        } else {
            ReferenceCountUtil.release(msg); // the edge refused malformed input already
        }
    }

    /** Client messages that arrive while the upstream connection is being set up wait here (bounded). */
    private void holdUntilConnected(Object msg) {
        if (!stream.isActive()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (early != null && early.size() >= MAX_EARLY) {
            ReferenceCountUtil.release(msg);
            log.info("sip: flow {} from {}: more than {} messages before the upstream connection was up; closing",
                    id, client, MAX_EARLY);
            stream.close();
            return;
        }
        if (early == null) {
            early = new ArrayDeque<>(2);
        }
        early.add(msg);
    }

    private void releaseEarly() {
        if (early != null) {
            early.forEach(ReferenceCountUtil::release);
            early = null;
        }
    }

    private void clientRequest(SipRequest r) {
        if (!upstream.isActive() || !decrementMaxForwards(r, stream)) {
            r.release();
            return;
        }
        try {
            service.sdp().rewrite(r, SdpRewriter.Direction.TOWARD_INSIDE, token);
        } catch (MediaRefusal refusal) {
            log.info("sip: flow {}: refused {} from the client: {} {} ({})", id, r.startLine(), refusal.status(),
                    refusal.reason(), refusal.getMessage());
            stream.writeAndFlush(SipResponse.to(r, refusal.status(), refusal.reason(), null));
            r.release();
            return;
        }
        Via via = r.topVia();
        // RFC 3581 §4 / RFC 3261 §18.2.1: the address the request really came from, as the edge saw it.
        Via completed = via.with("received", client.getAddress().getHostAddress());
        if (via.rport() != null) {
            completed = completed.with("rport", Integer.toString(client.getPort()));
        }
        r.headers().replaceFirst(SipHeaderNames.VIA, completed.toString());
        popOwnRoute(r);
        if (r.isMethod("REGISTER")) {
            r.headers().addFirst(SipHeaderNames.PATH, service.routeUri(token, true)); // RFC 3327 §5.1
            bindings.requestSent(r);
        } else if (DIALOG_CREATING.contains(r.method()) && !r.inDialog()) {
            r.headers().addFirst(SipHeaderNames.RECORD_ROUTE, service.routeUri(token, false));
        }
        InetSocketAddress local = (InetSocketAddress) upstream.localAddress();
        // Stateless branch (RFC 3261 §16.11): derived from the client's, so a CANCEL matches its INVITE.
        r.headers().addFirst(SipHeaderNames.VIA, "SIP/2.0/" + (service.upstreamTls() != null ? "TLS" : "TCP") + " "
                + local.getAddress().getHostAddress() + ":" + local.getPort() + ";branch=" + branchPrefix
                + sanitize(via.branch()));
        upstream.write(r);
    }

    private void clientResponse(SipResponse r) {
        Via top = r.topVia();
        if (top == null || top.branch() == null || !top.branch().startsWith(branchPrefix)) {
            r.release();
            return;
        }
        r.headers().removeFirst(SipHeaderNames.VIA);
        Channel back = r.isFinal() ? pendingInbound.remove(top.branch()) : pendingInbound.get(top.branch());
        if (back == null) {
            back = upstream;
        }
        service.sdp().rewrite(r, SdpRewriter.Direction.TOWARD_INSIDE, token);
        back.writeAndFlush(r);
    }

    private void stun(StunMessage stun) {
        if (!stun.isBindingRequest() || !upstream.isActive() || pendingStun.size() >= MAX_PENDING_STUN) {
            stun.release();
            return;
        }
        pendingStun.add(stun);
        if (pendingStun.size() == 1) {
            // Ask the upstream too (RFC 5626 §4.4.1 ping); only its pong makes the answer a success.
            upstream.writeAndFlush(SipKeepalive.PING);
            stunTimer = eventLoop().schedule(this::stunTimedOut, service.config().stunTimeout().toMillis(),
                    TimeUnit.MILLISECONDS);
        }
    }

    private void stunTimedOut() {
        log.info("sip: flow {} from {}: upstream did not answer a keepalive within {}; STUN left unanswered", id, client,
                service.config().stunTimeout());
        pendingStun.forEach(StunMessage::release);
        pendingStun.clear();
    }

    private void upstreamPong() {
        if (pendingStun.isEmpty()) {
            return;
        }
        stunTimer.cancel(false);
        for (StunMessage s : pendingStun) {
            stream.write(s.bindingSuccess(stream.alloc(), client));
            s.release();
        }
        pendingStun.clear();
        stream.flush();
    }

    // ------------------------------------------------------------- inside → client

    private void fromUpstream(Object msg) {
        if (!stream.isActive()) { // the flow is over: its media is gone, and nothing may anchor anew
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof SipResponse r && r.decoderResult().isSuccess()) {
            Via top = r.topVia();
            if (top == null || top.branch() == null || !top.branch().startsWith(branchPrefix)) {
                r.release(); // not ours: a stateless proxy drops it (RFC 3261 §16.11)
                return;
            }
            r.headers().removeFirst(SipHeaderNames.VIA);
            if (r.cseq().method().equals("REGISTER")) {
                service.registrationsChanged(edge, bindings.responseReceived(r, System.currentTimeMillis()));
            }
            service.sdp().rewrite(r, SdpRewriter.Direction.TOWARD_CLIENT, token);
            stream.write(r);
        } else if (msg instanceof SipRequest r && r.decoderResult().isSuccess()) {
            fromInside(r, upstream);
        } else if (msg instanceof SipKeepalive k) {
            if (k == SipKeepalive.PING) {
                upstream.write(SipKeepalive.PONG);
            }
            upstreamPong(); // any CRLF from the server shows the connection is alive
        } else {
            if (msg instanceof SipMessage bad) {
                log.warn("sip: flow {}: dropped a malformed message from upstream: {}", id,
                        bad.decoderResult().cause().getMessage());
            }
            ReferenceCountUtil.release(msg);
        }
    }

    /** From the inside listener's loop: a request for this flow. */
    void deliverFromInside(SipRequest r, Channel from) {
        if (eventLoop().inEventLoop()) {
            fromInside(r, from);
            stream.flush();
        } else {
            eventLoop().execute(() -> deliverFromInside(r, from));
        }
    }

    private void fromInside(SipRequest r, Channel replyTo) {
        if (!stream.isActive() || !decrementMaxForwards(r, replyTo)) {
            r.release();
            return;
        }
        try {
            service.sdp().rewrite(r, SdpRewriter.Direction.TOWARD_CLIENT, token);
        } catch (MediaRefusal refusal) {
            log.info("sip: flow {}: refused {} from the inside: {} {} ({})", id, r.startLine(), refusal.status(),
                    refusal.reason(), refusal.getMessage());
            replyTo.writeAndFlush(SipResponse.to(r, refusal.status(), refusal.reason(), null));
            r.release();
            return;
        }
        popOwnRoute(r);
        if (DIALOG_CREATING.contains(r.method()) && !r.inDialog()) {
            // So that in-dialog requests from the inside find this flow again.
            r.headers().addFirst(SipHeaderNames.RECORD_ROUTE, service.routeUri(token, false));
        }
        Via their = r.topVia();
        String branch = branchPrefix + "i" + sanitize(their == null ? Long.toString(System.nanoTime()) : their.branch());
        if (!r.isMethod("ACK")) {
            pendingInbound.put(branch, replyTo);
        }
        r.headers().addFirst(SipHeaderNames.VIA, "SIP/2.0/TCP " + service.insideSentBy() + ";branch=" + branch);
        stream.write(r);
    }

    /** Removes the top Route when it is this connector's (a token of ours) (RFC 3261 §16.4). */
    private void popOwnRoute(SipRequest r) {
        String top = r.headers().first(SipHeaderNames.ROUTE);
        if (top != null && service.flow(NameAddress.parse(top).user()) != null) {
            r.headers().removeFirst(SipHeaderNames.ROUTE);
        }
    }

    /** RFC 3261 §16.6 step 3; answers 483 on {@code replyTo} when no hop is left. */
    private static boolean decrementMaxForwards(SipRequest r, Channel replyTo) {
        String mf = r.headers().get(SipHeaderNames.MAX_FORWARDS);
        if (mf == null) {
            r.headers().add(SipHeaderNames.MAX_FORWARDS, "70");
            return true;
        }
        int n;
        try {
            n = Integer.parseInt(mf.trim());
        } catch (NumberFormatException e) {
            n = 70;
        }
        if (n <= 0) {
            if (!r.isMethod("ACK")) {
                replyTo.writeAndFlush(SipResponse.to(r, 483, "Too Many Hops", null));
            }
            return false;
        }
        r.headers().set(SipHeaderNames.MAX_FORWARDS, Integer.toString(n - 1));
        return true;
    }

    private static String sanitize(String branch) {
        if (branch == null) {
            return "none";
        }
        StringBuilder sb = new StringBuilder(branch.length());
        for (int i = 0; i < branch.length(); i++) {
            char c = branch.charAt(i);
            sb.append(Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_' ? c : '_');
        }
        return sb.toString();
    }

    private void ended() {
        releaseEarly();
        service.registrationsChanged(edge, bindings.clear());
        pendingStun.forEach(StunMessage::release);
        pendingStun.clear();
        if (stunTimer != null) {
            stunTimer.cancel(false);
        }
    }

    /** On the stream: messages from the client. */
    private final class StreamSide extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            fromClient(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (!connected) {
                return; // read again once the upstream is up (start())
            }
            upstream.flush();
            stream.flush();
            if (upstream.isWritable() || !upstream.isActive()) {
                ctx.read();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && upstream.isActive()) {
                upstream.read();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            upstream.close();
            ended();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("sip: flow {}: stream failed: {}", id, cause.toString());
            ctx.close();
        }
    }

    /** On the upstream connection: messages from Unified CM. */
    private final class UpstreamSide extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            fromUpstream(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            stream.flush();
            upstream.flush();
            if (stream.isWritable() || !stream.isActive()) {
                ctx.read();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable()) {
                stream.read();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("sip: flow {}: upstream failed: {}", id, cause.toString());
            ctx.close();
        }
    }
}
