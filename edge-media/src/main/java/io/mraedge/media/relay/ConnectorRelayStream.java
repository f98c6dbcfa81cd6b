package io.mraedge.media.relay;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * The connector's {@link ConnectorStream}: its components live on {@link #loop}, and so does its
 * probe schedule (probe-interval doubling up to 1 s until every component is acked, then
 * keepalive).
 */
final class ConnectorRelayStream extends RelayStream implements ConnectorStream {
    final ConnectorMediaRelay relay;
    private final ConnectorComponent rtp;
    private volatile ConnectorComponent rtcp;
    private volatile RelayToken token;
    private volatile InetSocketAddress traversalLocal;
    private final Runnable probeTick = this::probeTick;
    // Loop-confined probe schedule.
    private ScheduledFuture<?> probeTask;
    private long backoffNanos;

    ConnectorRelayStream(ConnectorMediaRelay relay, EventLoop loop, int insidePort, boolean withRtcp) {
        super(relay.runtime, loop);
        this.relay = relay;
        this.rtp = new ConnectorComponent(this, ProbeCodec.RTP, insidePort);
        this.rtcp = withRtcp ? new ConnectorComponent(this, ProbeCodec.RTCP, insidePort + 1) : null;
    }

    RelayToken token() {
        return token;
    }

    @Override
    public int insidePort() {
        return rtp.insidePort;
    }

    @Override
    public OptionalInt insideRtcpPort() {
        ConnectorComponent c = rtcp;
        return c == null ? OptionalInt.empty() : OptionalInt.of(c.insidePort);
    }

    @Override
    public InetSocketAddress traversalLocal() {
        InetSocketAddress local = traversalLocal;
        if (local == null) {
            throw new IllegalStateException("no traversal leg yet: call edge(...) first");
        }
        return local;
    }

    @Override
    public void edge(InetSocketAddress rtpAddress, InetSocketAddress rtcpAddress, String tokenHex) {
        Objects.requireNonNull(rtpAddress, "rtp");
        RelayToken newToken = RelayToken.parse(tokenHex);
        LoopCalls.run(loop, () -> {
            if (!isOpen()) {
                return;
            }
            if (!newToken.equals(token)) {
                token = newToken;
                rtp.unack();
                if (rtcp != null) {
                    rtcp.unack();
                }
            }
            rtp.edge(rtpAddress);
            ConnectorComponent c = rtcp;
            if (c != null) {
                c.edge(EdgeRelayStream.rtcpOf(rtpAddress, rtcpAddress));
            }
            Channel leg = rtp.traversalChannel();
            if (leg != null) {
                traversalLocal = (InetSocketAddress) leg.localAddress();
            }
            if (!edgeAcknowledged()) {
                restartProbing();
            }
        });
    }

    @Override
    public void inside(InetSocketAddress rtpAddress, InetSocketAddress rtcpAddress) {
        Objects.requireNonNull(rtpAddress, "rtp");
        LoopCalls.run(loop, () -> {
            rtp.insideEndpoint(rtpAddress);
            ConnectorComponent c = rtcp;
            if (c != null) {
                c.insideEndpoint(EdgeRelayStream.rtcpOf(rtpAddress, rtcpAddress));
            }
        });
    }

    @Override
    RelayComponent rtpComponent() {
        return rtp;
    }

    @Override
    RelayComponent rtcpComponent() {
        return rtcp;
    }

    @Override
    RelayComponent takeRtcp() {
        ConnectorComponent c = rtcp;
        rtcp = null;
        return c;
    }

    @Override
    public boolean edgeAcknowledged() {
        ConnectorComponent c = rtcp;
        return rtp.acked() && (c == null || c.acked());
    }

    private void restartProbing() {
        if (probeTask != null) {
            probeTask.cancel(false);
        }
        backoffNanos = relay.config().probeInterval().toNanos();
        probeTick();
    }

    private void probeTick() {
        if (!isOpen()) {
            return;
        }
        RelayToken t = token;
        rtp.sendProbe(t);
        ConnectorComponent c = rtcp;
        if (c != null) {
            c.sendProbe(t);
        }
        long delay;
        if (edgeAcknowledged()) {
            delay = relay.config().keepalive().toNanos();
        } else {
            delay = backoffNanos;
            long ceiling = Math.max(ConnectorMediaConfig.MAX_PROBE_INTERVAL.toNanos(),
                    relay.config().probeInterval().toNanos());
            backoffNanos = Math.min(ceiling, backoffNanos * 2);
        }
        probeTask = loop.schedule(probeTick, delay, TimeUnit.NANOSECONDS);
    }

    @Override
    void teardown() {
        if (probeTask != null) {
            probeTask.cancel(false);
        }
        closeComponents();
    }

    @Override
    public String toString() {
        return "ConnectorStream[inside " + rtp.insidePort + "]";
    }
}
