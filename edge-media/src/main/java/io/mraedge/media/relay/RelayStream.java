package io.mraedge.media.relay;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What edge and connector streams share: the event loop every socket of the stream lives on,
 * both directions' counters, idle tracking, and closing exactly once, by the owner or by expiry.
 */
abstract class RelayStream {
    private static final Logger LOG = LoggerFactory.getLogger(RelayStream.class);

    final EventLoop loop;
    final DirectionCounters toInside;
    final DirectionCounters toOutside;
    private final RelayRuntime runtime;
    private final IdleScanner scanner;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Runnable onExpired;
    private volatile boolean expired;
    private final AtomicBoolean notified = new AtomicBoolean();
    // Loop-confined idle state (IdleScanner).
    int scanIndex = -1;
    private long seenMedia;
    private long lastMediaNanos;

    RelayStream(RelayRuntime runtime, EventLoop loop) {
        this.runtime = runtime;
        this.loop = loop;
        LoopTotals totals = runtime.totals(loop);
        this.toInside = new DirectionCounters(totals.toInside);
        this.toOutside = new DirectionCounters(totals.toOutside);
        this.scanner = runtime.scanner(loop);
    }

    /** Starts idle tracking; on the loop, once the stream's sockets are open. */
    final void track() {
        lastMediaNanos = scanner.now();
        seenMedia = 0;
        scanner.add(this);
        runtime.opened(this);
    }

    /**
     * Whether no media moved for {@code idleNanos}, or, when none ever did, for {@code setupNanos}:
     * the SDP that would re-anchor an expired stream may never come while a call rings, so a
     * stream waiting for its first packet is given the longer setup timeout. Called by the
     * scanner on the loop.
     */
    final boolean idle(long now, long idleNanos, long setupNanos) {
        long media = toInside.media() + toOutside.media();
        if (media != seenMedia) {
            seenMedia = media;
            lastMediaNanos = now;
            return false;
        }
        return now - lastMediaNanos >= (media == 0 ? setupNanos : idleNanos);
    }

    /** Closes the stream for idleness and tells the owner; on the loop. */
    final void expire() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        expired = true;
        finish();
        Runnable callback = onExpired;
        if (callback != null) {
            notifyExpired(callback);
        }
    }

    public final void onExpired(Runnable callback) {
        this.onExpired = callback;
        if (expired && callback != null) {
            // Registered after the fact: tell the owner anyway, on the loop as always.
            loop.execute(() -> notifyExpired(callback));
        }
    }

    private void notifyExpired(Runnable callback) {
        if (!notified.compareAndSet(false, true)) {
            return;
        }
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.warn("media stream expiry callback failed", e);
        }
    }

    public final boolean isOpen() {
        return !closed.get();
    }

    public final StreamCounters counters() {
        return new StreamCounters(toInside.snapshot(), toOutside.snapshot());
    }

    /** Idempotent; see {@link LoopCalls#run} for when the ports are free again. */
    public final void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LoopCalls.run(loop, () -> {
            scanner.remove(this);
            finish();
        });
    }

    private void finish() {
        try {
            teardown();
        } finally {
            runtime.closed(this);
        }
    }

    /** Closes every socket of the stream, then frees its ports; on the loop. */
    abstract void teardown();

    /** The RTP component. */
    abstract RelayComponent rtpComponent();

    /** The RTCP component, or null (rtcp-mux, or dropped). */
    abstract RelayComponent rtcpComponent();

    /** Forgets the RTCP component and returns it (null when there was none); on the loop. */
    abstract RelayComponent takeRtcp();

    /** Binds the components' ports and starts idle tracking; on the loop. */
    final void open() throws IOException {
        RelayComponent rtp = rtpComponent();
        RelayComponent rtcp = rtcpComponent();
        try {
            rtp.open();
            if (rtcp != null) {
                rtcp.open();
            }
        } catch (IOException | RuntimeException e) { // whatever failed, nothing stays bound or taken
            rtp.close();
            if (rtcp != null) {
                rtcp.close();
            }
            throw e;
        }
        track();
    }

    /** rtcp-mux is agreed: closes the RTCP component and frees its port. */
    public final void dropRtcp() {
        LoopCalls.run(loop, () -> {
            RelayComponent c = takeRtcp();
            if (c != null) {
                c.close();
            }
        });
    }

    /** Closes both components; on the loop (from {@link #teardown}). */
    final void closeComponents() {
        rtpComponent().close();
        RelayComponent c = rtcpComponent();
        if (c != null) {
            c.close();
        }
    }

    /** Closes {@code channel} (nullable) on the loop; a datagram channel closes at once. */
    static void closeQuietly(Channel channel) {
        if (channel != null) {
            channel.close();
        }
    }
}
