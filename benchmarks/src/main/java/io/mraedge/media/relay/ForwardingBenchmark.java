package io.mraedge.media.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.net.InetSocketAddress;
import java.util.Queue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the media hot path costs per datagram: {@link MediaForwardingHandler} on channel A of an
 * {@link EmbeddedChannel} pair forwards each {@link DatagramPacket} read on A to channel B (its
 * content, the same buffer, void promise) and flushes B on read-complete; the benchmark then
 * drains B's outbound queue and releases what it finds. Run with {@code -prof gc}: the figures
 * are ns/packet and {@code gc.alloc.rate.norm} (bytes per packet; the handler path should be
 * ≈0).
 *
 * <p><b>One op</b> (every method, so that they compare): retain the reused packet's content (the
 * "read" hands A one reference), {@code fireChannelRead} + {@code fireChannelReadComplete} on A's
 * pipeline (a read batch of one datagram, hence one flush per datagram: the worst case for
 * the per-batch flush), poll B's outbound queue and release what was sent. The packet, its
 * content and its addresses are built once per trial, so the only per-op allocations are those
 * of the path under test. Methods:
 * <ul>
 *   <li>{@code forward}: the real {@link MediaForwardingHandler} with {@link DirectionCounters}.
 *   <li>{@code baselineBareWrite}: the same write without the handler's policy (no peer,
 *       activity or writability checks, no counters): the floor of any zero-copy forwarding
 *       through B's outbound buffer. <b>Report {@code forward} as a ratio to this.</b>
 *   <li>{@code baselineCopy}: forwards {@code content().copy()} from the packet's allocator and
 *       releases the original: what zero-copy saves (time, and for {@code unpooled-heap} the
 *       copy's bytes per packet).
 *   <li>{@code baselineReadRelease}: A's handler only releases the packet and writes nothing:
 *       the cost of the pipeline dispatch and ref-counting alone, without B.
 * </ul>
 *
 * <p><b>Params:</b> {@code payload} 172 (G.711, 20 ms: 160 bytes + RTP header) and 1200 (a video
 * packet); {@code allocator} where the packet buffer comes from, {@code pooled-direct} (the epoll
 * transport's reads) or {@code unpooled-heap}. The zero-copy path never looks at the bytes, so
 * both matter only to {@code baselineCopy}, where they decide the copy's cost.
 *
 * <p><b>Why the JMH worker threads are {@link FastThreadLocalThread}s:</b> event loops run on
 * them, and Netty's recyclers (the {@code ChannelOutboundBuffer} entry B takes per write) pool
 * only there; on JMH's ordinary worker threads every write would allocate an entry, which the
 * relay never does. Rather than hand each batch of packets to another thread (the hand-over
 * would be in every op's time, and {@code -prof gc} would have to find the other thread's
 * allocations), the benchmark runs on JMH's own worker thread and makes that thread a
 * {@link FastThreadLocalThread}: JMH 1.37 builds its worker pool from
 * {@code -Djmh.executor=CUSTOM -Djmh.executor.class=<an ExecutorService with an (int, String)
 * constructor>}, here {@link LoopThreadExecutor} (Netty's {@link DefaultThreadFactory}, as event
 * loop groups use). {@code @Fork} passes both to the forked JVM; {@link #setUp} refuses to run
 * on any other thread, so a run that lost them (e.g. {@code -f 0}, or {@code -jvmArgsAppend} on
 * the command line, which replaces the annotation's; {@code -jvmArgs} does not) fails instead of
 * measuring the wrong thing. (Measured with that check lifted, on JMH's own threads: 64 B/op for
 * {@code forward} and {@code baselineBareWrite} alike, the outbound buffer's entry.) The
 * fork also disables leak detection, so that no buffer is a sampled leak-aware wrapper: one run
 * is like the next. (The relay runs at Netty's default, {@code simple}, which samples only
 * allocations; the zero-copy path allocates none.)
 *
 * <p>Uses only the relay's public API ({@link MediaLeg}, {@link DirectionCounters},
 * {@link MediaForwardingHandler}'s constructor); sharing the package would also give access to
 * package-private members on the class path (one class loader, jars not sealed), but nothing
 * here needs it.
 *
 * <p>{@code java -cp benchmarks/target/classes:<dependencies> org.openjdk.jmh.Main ForwardingBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {
        "-Djmh.executor=CUSTOM",
        "-Djmh.executor.class=io.mraedge.media.relay.ForwardingBenchmark$LoopThreadExecutor",
        "-Dio.netty.leakDetection.level=disabled"})
public class ForwardingBenchmark {
    private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.2", 40000);
    private static final InetSocketAddress RECIPIENT = new InetSocketAddress("127.0.0.1", 36002);

    /** Datagram payload bytes: 172 is G.711 at 20 ms (160 + 12 RTP header), 1200 a video packet. */
    @Param({"172", "1200"})
    public int payload;

    /** Where the packet buffer (and {@code baselineCopy}'s copy) comes from. */
    @Param({"pooled-direct", "unpooled-heap"})
    public String allocator;

    private DatagramPacket packet;
    private DirectionCounters counters;
    private final Pair forward = new Pair();
    private final Pair bareWrite = new Pair();
    private final Pair copy = new Pair();
    private final Pair readRelease = new Pair();

    @Setup
    public void setUp() {
        if (!(Thread.currentThread() instanceof FastThreadLocalThread)) {
            throw new IllegalStateException("JMH worker " + Thread.currentThread()
                    + " is not a FastThreadLocalThread: run forked with -Djmh.executor=CUSTOM"
                    + " -Djmh.executor.class=" + LoopThreadExecutor.class.getName());
        }
        ByteBufAllocator alloc = switch (allocator) {
            case "pooled-direct" -> PooledByteBufAllocator.DEFAULT;
            case "unpooled-heap" -> UnpooledByteBufAllocator.DEFAULT;
            default -> throw new IllegalArgumentException("allocator: " + allocator);
        };
        ByteBuf content = allocator.equals("pooled-direct") ? alloc.directBuffer(payload) : alloc.heapBuffer(payload);
        content.writeZero(payload);
        packet = new DatagramPacket(content, RECIPIENT, SENDER);

        counters = new DirectionCounters(new DirectionCounters()); // a stream's, adding to its loop's
        MediaLeg toB = new MediaLeg();
        forward.open(toB, new MediaForwardingHandler(toB, counters));
        bareWrite.open(null, new BareWriteHandler(bareWrite.b));
        copy.open(null, new CopyForwardHandler(copy.b));
        readRelease.open(null, new ReadReleaseHandler());
    }

    @TearDown
    public void tearDown() {
        try {
            if (packet.refCnt() != 1) {
                throw new IllegalStateException("packet refCnt " + packet.refCnt() + ", expected 1");
            }
            if (counters.droppedPackets() != 0) {
                throw new IllegalStateException("dropped: " + counters);
            }
        } finally {
            ReferenceCountUtil.release(packet);
            forward.close();
            bareWrite.close();
            copy.close();
            readRelease.close();
        }
    }

    @Benchmark
    public int forward() {
        return forward.roundTrip(packet);
    }

    @Benchmark
    public int baselineBareWrite() {
        return bareWrite.roundTrip(packet);
    }

    @Benchmark
    public int baselineCopy() {
        return copy.roundTrip(packet);
    }

    @Benchmark
    public int baselineReadRelease() {
        return readRelease.roundTrip(packet);
    }

    /** Channel A (with the handler under test) and channel B (the peer it writes to). */
    private static final class Pair {
        final EmbeddedChannel b = new EmbeddedChannel();
        private EmbeddedChannel a;
        private ChannelPipeline in;
        private Queue<Object> out;

        void open(MediaLeg peer, ChannelHandler handler) {
            if (peer != null) {
                peer.attach(b);
            }
            a = new EmbeddedChannel(handler);
            in = a.pipeline();
            out = b.outboundMessages();
        }

        /** One datagram read on A, one read-complete, B drained; returns the bytes B "sent". */
        int roundTrip(DatagramPacket packet) {
            packet.content().retain(); // the reference this read hands to A; the path releases it
            in.fireChannelRead(packet);
            in.fireChannelReadComplete();
            ByteBuf sent = (ByteBuf) out.poll();
            if (sent == null) {
                return 0;
            }
            int bytes = sent.readableBytes();
            sent.release(); // what B's transport does once the datagram is sent
            return bytes;
        }

        void close() {
            if (a != null) {
                a.finishAndReleaseAll();
            }
            if (b.finishAndReleaseAll()) {
                throw new IllegalStateException("B still held messages");
            }
        }
    }

    /** Zero-copy forwarding with none of the relay's checks or counting: the floor. */
    private static final class BareWriteHandler extends ChannelInboundHandlerAdapter {
        private final Channel peer;

        BareWriteHandler(Channel peer) {
            this.peer = peer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            peer.write(((DatagramPacket) msg).content(), peer.voidPromise()); // passes the reference on
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            peer.flush();
        }
    }

    /** Forwards a copy of the content and releases the datagram: what zero-copy avoids. */
    private static final class CopyForwardHandler extends ChannelInboundHandlerAdapter {
        private final Channel peer;

        CopyForwardHandler(Channel peer) {
            this.peer = peer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            DatagramPacket packet = (DatagramPacket) msg;
            ByteBuf copy;
            try {
                copy = packet.content().copy(); // same allocator and kind (direct/heap) as the read
            } finally {
                packet.release();
            }
            peer.write(copy, peer.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            peer.flush();
        }
    }

    /** Releases every datagram and writes nothing: the pipeline's own cost. */
    private static final class ReadReleaseHandler extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            // nothing to flush
        }
    }

    /**
     * JMH's worker pool for this benchmark ({@code -Djmh.executor=CUSTOM}): a fixed pool of
     * {@link FastThreadLocalThread}s from Netty's {@link DefaultThreadFactory}, like an event loop
     * group's threads. JMH instantiates it reflectively with {@code (maxThreads, prefix)}.
     */
    public static final class LoopThreadExecutor extends ThreadPoolExecutor {
        public LoopThreadExecutor(int maxThreads, String prefix) {
            super(maxThreads, maxThreads, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                    new DefaultThreadFactory(prefix, true));
        }
    }
}
