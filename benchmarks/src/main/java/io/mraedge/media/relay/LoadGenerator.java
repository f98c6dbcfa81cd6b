package io.mraedge.media.relay;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The driver's traffic engine: one epoll event loop thread owns every socket and all state, so
 * nothing is shared or locked. Side A of every session uses one of {@code shared} sockets on
 * 127.0.0.10 and side B one of {@code shared} sockets on 127.0.0.11 (the targets tell sessions
 * apart by their own per-session ports), or, when the target demands it, a socket of its own on
 * 127.0.0.11. Sends are batched per socket per tick, so Netty writes them with sendmmsg; reads
 * use recvmmsg.
 *
 * <p>Pacing is open loop: global slot g is due at g / (rate x sessions) seconds after the start
 * and sends one packet each way for session g mod sessions, so each session sends {@code rate}
 * packets/s per direction, evenly spread. A 1 ms tick sends what is due, at most {@code maxBurst}
 * slots per tick; with an unbounded rate that makes the open-loop maximum-rate mode. Each tick,
 * read and record is bounded; the run is bounded by the caller's durations.
 */
final class LoadGenerator implements AutoCloseable {
    static final String A_IP = "127.0.0.10";
    static final String B_IP = "127.0.0.11";
    private static final AttributeKey<Integer> SESSION = AttributeKey.valueOf("load-session");
    private static final int PHASES = 3;

    private final EventLoopGroup group;
    private final EventLoop loop;
    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private final int shared;
    private final Receiver receiver = new Receiver();
    private final List<Channel> channels = new ArrayList<>(); // by channel id: shared A, shared B, per-session B
    private int sessions;
    private int[] aChannel;
    private int[] bChannel;

    // Loop-thread state of one run.
    private InetSocketAddress[] aTo;
    private InetSocketAddress[] bTo;
    private byte[][] tokens;
    private boolean[] dirty;
    private int[] dirtyList;
    private int dirtyCount;
    private long[][] sent;
    private long[][] received;
    private int[][] sentMeasured;
    private int[][] receivedMeasured;
    private boolean[][] seen;
    private boolean[] acked;
    private LatencyHistogram[] latency;
    private long unknown;
    private long skipped;
    private long slot;
    private int seqCounter;
    private long startNanos;
    private long measureStartNanos;
    private long measureEndNanos;
    private long maxLagSlots;
    private volatile int phase;
    private volatile int flowing;
    private volatile int ackedCount;

    LoadGenerator(int sharedSockets) {
        this.shared = sharedSockets;
        this.group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("load", true), EpollIoHandler.newFactory());
        this.loop = group.next();
    }

    /**
     * Binds the sockets of {@code n} sessions and returns each session's side A and side B address
     * (two lists). Closes the sockets of an earlier batch first.
     */
    List<List<InetSocketAddress>> bind(int n, boolean perSessionB) throws InterruptedException {
        closeChannels();
        sessions = n;
        aChannel = new int[n];
        bChannel = new int[n];
        for (int k = 0; k < shared; k++) {
            channels.add(bindOne(A_IP, true, -1));
        }
        for (int k = 0; k < shared; k++) {
            channels.add(bindOne(B_IP, true, -1));
        }
        List<InetSocketAddress> a = new ArrayList<>(n);
        List<InetSocketAddress> b = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            aChannel[i] = i % shared;
            if (perSessionB) {
                bChannel[i] = channels.size();
                channels.add(bindOne(B_IP, false, i));
            } else {
                bChannel[i] = shared + i % shared;
            }
            a.add((InetSocketAddress) channels.get(aChannel[i]).localAddress());
            b.add((InetSocketAddress) channels.get(bChannel[i]).localAddress());
        }
        return List.of(a, b);
    }

    private Channel bindOne(String ip, boolean sharedSocket, int session) throws InterruptedException {
        Bootstrap bs = new Bootstrap().group(loop).channel(EpollDatagramChannel.class)
                .option(ChannelOption.ALLOCATOR, alloc)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(256 << 10, 512 << 10))
                .handler(receiver);
        if (sharedSocket) {
            bs.option(ChannelOption.SO_RCVBUF, 4 << 20).option(ChannelOption.SO_SNDBUF, 4 << 20)
                    .option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, 2048)
                    .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(2048 * 32));
        }
        Channel ch = bs.bind(new InetSocketAddress(ip, 0)).sync().channel();
        ch.attr(SESSION).set(session);
        return ch;
    }

    /**
     * Sends the MRA probe from each session's side B until acked, for at most {@code maxMillis};
     * returns how many sessions were acked. A no-op (all acked) when no session has a token.
     */
    int probe(List<MediaTarget.Wiring> wirings, long maxMillis) throws Exception {
        loop.submit(() -> prepare(wirings)).sync();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        int withToken = (int) wirings.stream().filter(w -> w.probeToken() != null).count();
        while (ackedCount < withToken && System.nanoTime() < deadline) {
            loop.submit(this::sendProbes).sync();
            Thread.sleep(100);
        }
        return withToken == 0 ? sessions : ackedCount;
    }

    /**
     * One run: warm-up until every session flows both ways (at least {@code minWarmupMillis}, at
     * most {@code maxWarmupMillis}), then {@code measureMillis} of measured traffic, then
     * {@code drainMillis} with sending stopped. {@code atMeasureStart}/{@code atMeasureEnd} run
     * on the calling thread at the phase switches (CPU snapshots). {@code rate} &lt;= 0 means
     * unbounded (open-loop maximum: {@code maxBurst} slots per tick).
     */
    TrafficResult run(List<MediaTarget.Wiring> wirings, int rate, int maxBurst, long minWarmupMillis, long maxWarmupMillis,
            long measureMillis, long drainMillis, Runnable atMeasureStart, Runnable atMeasureEnd) throws Exception {
        if (aTo == null || aTo.length != sessions) {
            loop.submit(() -> prepare(wirings)).sync();
        }
        double slotsPerNano = rate <= 0 ? Double.MAX_VALUE : rate * (double) sessions / 1e9;
        ScheduledFuture<?> ticker = loop.submit(() -> {
            startNanos = System.nanoTime();
            return loop.scheduleAtFixedRate(() -> tick(slotsPerNano, maxBurst), 0, 1, TimeUnit.MILLISECONDS);
        }).get();
        long warmStart = System.nanoTime();
        Thread.sleep(minWarmupMillis);
        long deadline = warmStart + TimeUnit.MILLISECONDS.toNanos(maxWarmupMillis);
        while (flowing < sessions && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        int flowingAtStart = flowing;
        long warmupMillis = (System.nanoTime() - warmStart) / 1_000_000;
        atMeasureStart.run();
        phase = 1;
        Thread.sleep(measureMillis);
        phase = 2;
        atMeasureEnd.run();
        Thread.sleep(drainMillis);
        ticker.cancel(false);
        return loop.submit(() -> result(flowingAtStart, warmupMillis, slotsPerNano)).get();
    }

    private void prepare(List<MediaTarget.Wiring> wirings) {
        int n = sessions;
        aTo = new InetSocketAddress[n];
        bTo = new InetSocketAddress[n];
        tokens = new byte[n][];
        for (int i = 0; i < n; i++) {
            aTo[i] = wirings.get(i).aSendsTo();
            bTo[i] = wirings.get(i).bSendsTo();
            tokens[i] = wirings.get(i).probeToken();
        }
        dirty = new boolean[channels.size()];
        dirtyList = new int[channels.size()];
        dirtyCount = 0;
        sent = new long[PHASES][2];
        received = new long[PHASES][2];
        sentMeasured = new int[2][n];
        receivedMeasured = new int[2][n];
        seen = new boolean[2][n];
        acked = new boolean[n];
        latency = new LatencyHistogram[] {new LatencyHistogram(), new LatencyHistogram()};
        unknown = 0;
        skipped = 0;
        slot = 0;
        seqCounter = 0;
        measureStartNanos = 0;
        measureEndNanos = 0;
        maxLagSlots = 0;
        phase = 0;
        flowing = 0;
        ackedCount = 0;
    }

    /** Up to {@code max} session indexes that have not yet received in both directions (and, with a token, were not acked). */
    String notFlowing(int max) throws Exception {
        return loop.submit(() -> {
            StringBuilder sb = new StringBuilder();
            int shown = 0;
            for (int i = 0; i < sessions && shown < max; i++) {
                if (seen == null || !seen[0][i] || !seen[1][i] || (tokens[i] != null && !acked[i])) {
                    sb.append(i).append(seen != null && seen[0][i] ? "" : "a").append(seen != null && seen[1][i] ? "" : "b")
                            .append(tokens[i] != null && !acked[i] ? "p" : "").append(' ');
                    shown++;
                }
            }
            return sb.toString().trim();
        }).get();
    }

    private void sendProbes() {
        for (int i = 0; i < sessions; i++) {
            if (tokens[i] != null && !acked[i]) {
                write(bChannel[i], LoadPacket.probe(alloc, tokens[i]), bTo[i]);
            }
        }
        flushDirty();
    }

    private void tick(double slotsPerNano, int maxBurst) {
        int ph = phase;
        long now = System.nanoTime();
        if (ph == 2) {
            if (measureEndNanos == 0) {
                measureEndNanos = now;
            }
            return;
        }
        if (ph == 1 && measureStartNanos == 0) {
            measureStartNanos = now;
        }
        double dueExact = (now - startNanos) * slotsPerNano;
        long due = dueExact >= Long.MAX_VALUE / 2 ? Long.MAX_VALUE : (long) dueExact;
        int budget = maxBurst;
        while (slot < due && budget-- > 0) {
            int s = (int) (slot % sessions);
            int seq = (int) (slot / sessions);
            sendLoad(aChannel[s], aTo[s], s, 0, ph, seq);
            sendLoad(bChannel[s], bTo[s], s, 1, ph, seq);
            slot++;
        }
        if (due != Long.MAX_VALUE && ph == 1) {
            maxLagSlots = Math.max(maxLagSlots, due - slot);
        }
        flushDirty();
    }

    /**
     * One load packet, unless the socket's outbound buffer is over its high-water mark: then the
     * packet is not sent and counted as skipped (the driver, not the target, could not keep up).
     */
    private void sendLoad(int channelId, InetSocketAddress to, int s, int dir, int ph, int seq) {
        if (!channels.get(channelId).isWritable()) {
            skipped++;
            return;
        }
        write(channelId, LoadPacket.encode(alloc, s, dir, ph, seq), to);
        sent[ph][dir]++;
        if (ph == 1) {
            sentMeasured[dir][s]++;
        }
    }

    private void write(int channelId, ByteBuf buf, InetSocketAddress to) {
        Channel ch = channels.get(channelId);
        ch.write(new DatagramPacket(buf, to), ch.voidPromise());
        if (!dirty[channelId]) {
            dirty[channelId] = true;
            dirtyList[dirtyCount++] = channelId;
        }
    }

    private void flushDirty() {
        for (int i = 0; i < dirtyCount; i++) {
            int id = dirtyList[i];
            dirty[id] = false;
            channels.get(id).flush();
        }
        dirtyCount = 0;
    }

    private void onPacket(Channel ch, ByteBuf b) {
        if (received == null) {
            unknown++;
            return;
        }
        if (LoadPacket.isLoad(b)) {
            long now = System.nanoTime();
            int s = LoadPacket.session(b);
            int dir = LoadPacket.direction(b);
            int ph = LoadPacket.phase(b);
            if (s < 0 || s >= sessions || dir < 0 || dir > 1 || ph < 0 || ph > 1) {
                unknown++;
                return;
            }
            received[ph][dir]++;
            if (ph == 1) {
                receivedMeasured[dir][s]++;
                latency[dir].record(now - LoadPacket.sentNanos(b));
            }
            if (!seen[dir][s]) {
                seen[dir][s] = true;
                if (seen[1 - dir][s]) {
                    flowing = flowing + 1; // single writer: the loop thread
                }
            }
        } else if (LoadPacket.isProbe(b)) {
            Integer s = ch.attr(SESSION).get();
            if (s != null && s >= 0 && s < sessions && !acked[s]) {
                acked[s] = true;
                ackedCount = ackedCount + 1;
            }
        } else {
            unknown++;
        }
    }

    private TrafficResult result(int flowingAtStart, long warmupMillis, double slotsPerNano) {
        long sessionsWithLoss = 0;
        for (int s = 0; s < sessions; s++) {
            if (receivedMeasured[0][s] < sentMeasured[0][s] || receivedMeasured[1][s] < sentMeasured[1][s]) {
                sessionsWithLoss++;
            }
        }
        LatencyHistogram both = new LatencyHistogram();
        both.add(latency[0]);
        both.add(latency[1]);
        long end = measureEndNanos == 0 ? System.nanoTime() : measureEndNanos;
        // Paced runs: the measured window is the schedule's (slots sent / slot rate), so that a
        // driver stall, which sends the overdue slots late, does not shorten it. Unpaced: wall time.
        double seconds = slotsPerNano < Double.MAX_VALUE && slotsPerNano > 0
                ? Math.max(sent[1][0], sent[1][1]) / (slotsPerNano * 1e9) : (end - measureStartNanos) / 1e9;
        TrafficResult r = new TrafficResult(sessions, seconds, sent[1].clone(), received[1].clone(),
                both, latency[0], latency[1], sessionsWithLoss, flowingAtStart, warmupMillis, maxLagSlots, unknown, skipped);
        aTo = null; // the next run prepares afresh
        return r;
    }

    @ChannelHandler.Sharable
    private final class Receiver extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            DatagramPacket p = (DatagramPacket) msg;
            try {
                onPacket(ctx.channel(), p.content());
            } finally {
                p.release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP port unreachable on an unconnected socket, mostly: count, keep the socket.
            unknown++;
        }
    }

    private void closeChannels() throws InterruptedException {
        for (Channel ch : channels) {
            ch.close().sync();
        }
        channels.clear();
    }

    @Override
    public void close() throws InterruptedException {
        closeChannels();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).sync();
    }

    /** What one run measured, traffic only (CPU is the caller's). Latencies are of measured-phase packets. */
    record TrafficResult(int sessions, double seconds, long[] sent, long[] received, LatencyHistogram latency,
            LatencyHistogram latencyAtoB, LatencyHistogram latencyBtoA, long sessionsWithLoss, int flowingAtStart,
            long warmupMillis, long maxLagSlots, long unknown, long skipped) {
        long sentTotal() {
            return sent[0] + sent[1];
        }

        long receivedTotal() {
            return received[0] + received[1];
        }

        double lossPercent(int dir) {
            return sent[dir] == 0 ? 0 : 100.0 * (sent[dir] - Math.min(sent[dir], received[dir])) / sent[dir];
        }

        double lossPercent() {
            long s = sentTotal();
            return s == 0 ? 0 : 100.0 * (s - Math.min(s, receivedTotal())) / s;
        }
    }
}
