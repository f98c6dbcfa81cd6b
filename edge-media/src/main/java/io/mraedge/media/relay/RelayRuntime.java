package io.mraedge.media.relay;

import io.micrometer.core.instrument.MeterRegistry;
import io.mraedge.core.net.NetTransport;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * The machinery both relays share: the transport's worker loops, per-loop totals and idle
 * scanners, the socket factory, the set of open streams, and the meters.
 */
final class RelayRuntime {
    final EventLoopGroup workers;
    final MediaSockets sockets;
    private final Map<EventLoop, LoopTotals> totals;
    private final List<LoopTotals> totalsList;
    private final Map<EventLoop, IdleScanner> scanners;
    private final Set<RelayStream> streams = ConcurrentHashMap.newKeySet();
    private final MediaMeters meters;

    RelayRuntime(String role, NetTransport transport, MeterRegistry registry, LongSupplier nanoClock,
                 Duration idleTimeout, Duration setupTimeout, int maxDatagram, int recvBatch, IntSupplier portsFree) {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(nanoClock, "nanoClock");
        if (!transport.isNative()) {
            throw new IllegalStateException("the media relay needs the native epoll transport (SO_REUSEPORT "
                    + "groups of connected UDP sockets, recvmmsg/sendmmsg), but this process runs on "
                    + transport.describe() + "; run on Linux with netty-transport-native-epoll on the class path");
        }
        this.workers = transport.workers();
        this.sockets = new MediaSockets(maxDatagram, recvBatch);
        Map<EventLoop, LoopTotals> t = new IdentityHashMap<>();
        Map<EventLoop, IdleScanner> s = new IdentityHashMap<>();
        List<LoopTotals> list = new ArrayList<>();
        for (EventExecutor executor : workers) {
            EventLoop loop = (EventLoop) executor;
            LoopTotals loopTotals = new LoopTotals(loop);
            t.put(loop, loopTotals);
            list.add(loopTotals);
            s.put(loop, new IdleScanner(loop, nanoClock, idleTimeout, setupTimeout));
        }
        this.totals = t;
        this.totalsList = List.copyOf(list);
        this.scanners = s;
        this.meters = new MediaMeters(registry, role, totalsList, streams::size, portsFree);
        for (IdleScanner scanner : scanners.values()) {
            scanner.start();
        }
    }

    /**
     * The loop for a new stream: the caller's own, when it is one of the relay's (a SIP handler
     * on the same transport), so that opening the stream's sockets completes inline; else the
     * group's next.
     */
    EventLoop pickLoop() {
        EventExecutor current = ThreadExecutorMap.currentExecutor();
        if (current instanceof EventLoop loop && totals.containsKey(loop)) {
            return loop;
        }
        return workers.next();
    }

    LoopTotals totals(EventLoop loop) {
        return totals.get(loop);
    }

    IdleScanner scanner(EventLoop loop) {
        return scanners.get(loop);
    }

    void opened(RelayStream stream) {
        streams.add(stream);
    }

    void closed(RelayStream stream) {
        streams.remove(stream);
    }

    void portsExhausted() {
        meters.portsExhausted();
    }

    List<RelayStream> streams() {
        return List.copyOf(streams);
    }

    MediaTotals snapshot(int portsFree) {
        List<DirectionCounters> in = new ArrayList<>();
        List<DirectionCounters> out = new ArrayList<>();
        for (LoopTotals loopTotals : totalsList) {
            in.add(loopTotals.toInside);
            out.add(loopTotals.toOutside);
        }
        return new MediaTotals(StreamCounters.Flow.sum(in), StreamCounters.Flow.sum(out), streams.size(), portsFree,
                meters.portsExhaustedCount());
    }

    /** Closes every stream, stops the scanners and removes the meters. */
    void close() {
        for (RelayStream stream : streams()) {
            stream.close();
        }
        for (IdleScanner scanner : scanners.values()) {
            scanner.stop();
        }
        meters.close();
    }
}
