package io.mraedge.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The forwarding handler alone, on an {@link EmbeddedChannel} pair, as the benchmark drives it. */
class MediaForwardingHandlerTest {
    private static final InetSocketAddress SENDER = new InetSocketAddress("127.0.0.2", 40000);
    private static final InetSocketAddress RECIPIENT = new InetSocketAddress("127.0.0.1", 36002);

    private static DatagramPacket packet(int size) {
        ByteBuf content = Unpooled.directBuffer(size);
        content.writeZero(size);
        return new DatagramPacket(content, RECIPIENT, SENDER);
    }

    @Test
    void forwardsTheSameBufferToThePeerAndFlushesPerBatch() {
        MediaLeg toB = new MediaLeg();
        DirectionCounters counters = new DirectionCounters();
        EmbeddedChannel b = new EmbeddedChannel();
        toB.attach(b);
        EmbeddedChannel a = new EmbeddedChannel(new MediaForwardingHandler(toB, counters));

        DatagramPacket first = packet(172);
        ByteBuf content = first.content();
        assertThat(a.writeInbound(first, packet(172), packet(100))).isFalse();

        ByteBuf sent = b.readOutbound();
        assertThat(sent).isSameAs(content);
        assertThat(sent.refCnt()).isEqualTo(1);
        sent.release();
        ByteBuf second = b.readOutbound();
        ByteBuf third = b.readOutbound();
        assertThat(second.readableBytes()).isEqualTo(172);
        assertThat(third.readableBytes()).isEqualTo(100);
        second.release();
        third.release();
        assertThat(counters.forwardedPackets()).isEqualTo(3);
        assertThat(counters.forwardedBytes()).isEqualTo(444);
        assertThat(a.finishAndReleaseAll()).isFalse();
        assertThat(b.finishAndReleaseAll()).isFalse();
    }

    @Test
    void dropsAndReleasesWhenThePeerIsAbsentClosedOrNotWritable() {
        MediaLeg toB = new MediaLeg();
        DirectionCounters parent = new DirectionCounters();
        DirectionCounters counters = new DirectionCounters(parent);
        EmbeddedChannel a = new EmbeddedChannel(new MediaForwardingHandler(toB, counters));

        DatagramPacket noPeer = packet(50);
        a.writeInbound(noPeer);
        assertThat(noPeer.refCnt()).isZero();
        assertThat(counters.droppedPackets(DropReason.NO_PEER)).isEqualTo(1);

        EmbeddedChannel closed = new EmbeddedChannel();
        closed.close();
        toB.attach(closed);
        DatagramPacket inactive = packet(50);
        a.writeInbound(inactive);
        assertThat(inactive.refCnt()).isZero();
        assertThat(counters.droppedPackets(DropReason.NO_PEER)).isEqualTo(2);

        EmbeddedChannel full = new EmbeddedChannel();
        full.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1, 2));
        full.write(Unpooled.wrappedBuffer(new byte[16])); // queued, unflushed: above the high mark
        assertThat(full.isWritable()).isFalse();
        toB.attach(full);
        DatagramPacket notWritable = packet(50);
        a.writeInbound(notWritable);
        assertThat(notWritable.refCnt()).isZero();
        assertThat(counters.droppedPackets(DropReason.NOT_WRITABLE)).isEqualTo(1);
        assertThat(counters.droppedBytes()).isEqualTo(150);
        assertThat(parent.droppedPackets()).isEqualTo(3);

        a.writeInbound("not a datagram");
        assertThat(counters.droppedPackets(DropReason.ERROR)).isEqualTo(1);
        a.pipeline().fireExceptionCaught(new java.net.PortUnreachableException("icmp"));
        assertThat(counters.droppedPackets(DropReason.ERROR)).isEqualTo(2);
        a.checkException();

        assertThat(a.finishAndReleaseAll()).isFalse();
        full.finishAndReleaseAll();
    }

    /**
     * Run on a FastThreadLocalThread, as event loops are: Netty's recyclers (the outbound buffer's
     * entries) pool only there, so elsewhere the peer channel's write path itself allocates.
     */
    @Test
    void forwardingAllocatesNothingPerDatagram() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread loopLike = new io.netty.util.concurrent.FastThreadLocalThread(() -> {
            try {
                measureForwardingAllocation();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "allocation-probe");
        loopLike.start();
        loopLike.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    private static void measureForwardingAllocation() {
        MediaLeg toB = new MediaLeg();
        EmbeddedChannel b = new EmbeddedChannel();
        toB.attach(b);
        DirectionCounters counters = new DirectionCounters(new DirectionCounters());
        EmbeddedChannel a = new EmbeddedChannel(new MediaForwardingHandler(toB, counters));
        // A buffer outside leak tracking (paranoid tracking allocates on every touch), reused:
        // retained once per round, released by the test after the peer "sent" it.
        ByteBuf payload = new io.netty.buffer.UnpooledByteBufAllocator(true, true).directBuffer(172).writeZero(172);
        DatagramPacket packet = new DatagramPacket(payload, RECIPIENT, SENDER);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        int rounds = 200_000;
        forwardRounds(a, b, packet, rounds); // warm-up: JIT, recyclers, the peer's queue
        long before = threads.getCurrentThreadAllocatedBytes();
        forwardRounds(a, b, packet, rounds);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(allocated).as("bytes allocated forwarding %d datagrams", rounds).isLessThan(rounds / 4);
        assertThat(counters.forwardedPackets()).isEqualTo(2L * rounds);
        payload.release();
        assertThat(a.finishAndReleaseAll()).isFalse();
        assertThat(b.finishAndReleaseAll()).isFalse();
    }

    private static void forwardRounds(EmbeddedChannel a, EmbeddedChannel b, DatagramPacket packet, int rounds) {
        io.netty.channel.ChannelPipeline pipeline = a.pipeline();
        for (int i = 0; i < rounds; i++) {
            packet.content().retain();
            pipeline.fireChannelRead(packet);
            pipeline.fireChannelReadComplete();
            ((ByteBuf) b.outboundMessages().poll()).release();
        }
    }

    @Test
    void aControlFilterTakesItsDatagrams() {
        MediaLeg toB = new MediaLeg();
        EmbeddedChannel b = new EmbeddedChannel();
        toB.attach(b);
        DirectionCounters counters = new DirectionCounters();
        ControlPacketFilter takeProbes = (ctx, packet) -> {
            if (ProbeCodec.isProbe(packet.content())) {
                packet.release();
                return true;
            }
            return false;
        };
        EmbeddedChannel a = new EmbeddedChannel(new MediaForwardingHandler(toB, counters, takeProbes));
        ByteBuf probe = ProbeCodec.encode(io.netty.buffer.UnpooledByteBufAllocator.DEFAULT,
                new RelayToken(1, 2), ProbeCodec.RTP);
        a.writeInbound(new DatagramPacket(probe, RECIPIENT, SENDER), packet(30));
        assertThat(probe.refCnt()).isZero();
        ByteBuf media = b.readOutbound();
        assertThat(media.readableBytes()).isEqualTo(30);
        media.release();
        assertThat((Object) b.readOutbound()).isNull();
        assertThat(counters.forwardedPackets()).isEqualTo(1);
        assertThat(a.finishAndReleaseAll()).isFalse();
        assertThat(b.finishAndReleaseAll()).isFalse();
    }
}
