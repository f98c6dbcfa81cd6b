package io.mraedge.core.traversal;

import io.mraedge.core.routing.RoutingCandidate;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's view of one traversal connection from a connector: its state, the connector's
 * last status report, the PING round-trip time, and the way to open streams on it.
 *
 * <p>States: {@code CONNECTING} (tunnel up, no status yet) → {@code UP} (first status report
 * arrived) → {@code DRAINING} (the connector sent GOAWAY) or {@code DOWN} (PINGs unanswered or
 * the socket closed). Only UP connections get new streams. Fields are written on the
 * connection's event loop and read anywhere.
 */
public final class TraversalConnection implements RoutingCandidate {
    /** Lifecycle of a traversal connection as the edge sees it. */
    public enum State { CONNECTING, UP, DRAINING, DOWN }

    private static final Logger log = LoggerFactory.getLogger(TraversalConnection.class);
    private static final AtomicLong IDS = new AtomicLong();

    private final long id = IDS.incrementAndGet();
    private final Channel channel;
    private final String identity;
    private final long openedAtMillis = System.currentTimeMillis();
    private final AtomicInteger activeStreams = new AtomicInteger();
    private volatile State state = State.CONNECTING;
    private volatile StatusReport report;
    private volatile long rttNanos = -1;
    private volatile boolean connectProtocol;
    private volatile String reason = "";
    private volatile Channel statusStream;

    private final TraversalStats stats;

    TraversalConnection(Channel channel, String identity, TraversalStats stats) {
        this.channel = channel;
        this.identity = identity;
        this.stats = stats;
    }

    public long id() {
        return id;
    }

    /** The certificate name through which the connector was allowed in. */
    public String identity() {
        return identity;
    }

    @Override
    public String connectorName() {
        StatusReport r = report;
        return r != null ? r.name() : identity;
    }

    public State state() {
        return state;
    }

    /** Why the connection left UP, or empty. */
    public String reason() {
        return reason;
    }

    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    /** Last PING round trip in nanoseconds, or -1 before the first answer. */
    public long rttNanos() {
        return rttNanos;
    }

    public StatusReport report() {
        return report;
    }

    public long openedAtMillis() {
        return openedAtMillis;
    }

    @Override
    public boolean acceptsStreams() {
        return state == State.UP && channel.isActive();
    }

    @Override
    public boolean inMaintenance() {
        StatusReport r = report;
        return r != null && r.maintenance();
    }

    @Override
    public long reportedLoad(String kind) {
        StatusReport r = report;
        return r == null ? 0 : r.load(kind);
    }

    @Override
    public int activeStreams() {
        return activeStreams.get();
    }

    /** Whether the connector advertised extended CONNECT (RFC 8441), which byte flows need. */
    public boolean connectProtocolEnabled() {
        return connectProtocol;
    }

    /**
     * Opens a stream, sends {@code headers}, and completes once they are written. {@code handler}
     * is installed on the stream before any frame arrives; the stream's auto-read is off.
     */
    public Future<Http2StreamChannel> openStream(Http2Headers headers, boolean endStream, ChannelHandler handler) {
        Promise<Http2StreamChannel> promise = channel.eventLoop().newPromise();
        new Http2StreamChannelBootstrap(channel)
                .option(ChannelOption.AUTO_READ, false)
                .handler(handler)
                .open()
                .addListener((Future<Http2StreamChannel> opened) -> {
                    if (!opened.isSuccess()) {
                        promise.tryFailure(opened.cause());
                        return;
                    }
                    Http2StreamChannel stream = opened.getNow();
                    activeStreams.incrementAndGet();
                    stats.streamOpened();
                    stream.closeFuture().addListener(f -> activeStreams.decrementAndGet());
                    stream.writeAndFlush(new DefaultHttp2HeadersFrame(headers, endStream)).addListener(w -> {
                        if (w.isSuccess()) {
                            promise.trySuccess(stream);
                        } else {
                            stream.close();
                            promise.tryFailure(w.cause());
                        }
                    });
                });
        return promise;
    }

    void onReport(StatusReport r) {
        StatusReport previous = report;
        report = r;
        if (state == State.CONNECTING) {
            state = State.UP;
            log.info("traversal: connector {} ({}) is UP via {}", r.name(), identity, channel.remoteAddress());
        }
        if (previous != null && previous.maintenance() != r.maintenance()) {
            log.info("traversal: connector {} {} maintenance", r.name(), r.maintenance() ? "entered" : "left");
        }
    }

    void onRtt(long nanos) {
        rttNanos = nanos;
        stats.rtt(nanos);
    }

    void onSettings(Boolean connectProtocolEnabled) {
        if (connectProtocolEnabled != null) {
            connectProtocol = connectProtocolEnabled;
        }
    }

    void markDraining(String why) {
        if (state == State.UP || state == State.CONNECTING) {
            state = State.DRAINING;
            reason = why;
            log.info("traversal: connection {} to connector {} is DRAINING: {}", id, connectorName(), why);
            // The status stream would never end by itself and would hold the drain open until its
            // timeout; a draining connector gets no new flows, so its reports are not needed.
            Channel status = statusStream;
            if (status != null) {
                status.close();
            }
        }
    }

    void statusStream(Channel stream) {
        statusStream = stream;
    }

    void markDown(String why) {
        State before = state;
        if (before == State.DOWN) {
            return;
        }
        state = State.DOWN;
        reason = why;
        if (before == State.DRAINING) {
            // The connector asked for this with GOAWAY: an orderly end, not a failure.
            log.info("traversal: drained connection {} to connector {} closed", id, connectorName());
        } else {
            log.warn("traversal: connection {} to connector {} is DOWN: {}", id, connectorName(), why);
        }
    }

    /** Closes the connection; its streams end. */
    public void close() {
        channel.close();
    }

    Channel channel() {
        return channel;
    }
}
