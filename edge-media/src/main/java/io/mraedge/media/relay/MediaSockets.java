package io.mraedge.media.relay;

import io.mraedge.core.net.NetTransport;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;

/**
 * Opens the relay's UDP sockets: epoll datagram channels with SO_REUSEPORT (a port's catch-all
 * and its connected legs form one reuseport group; Linux delivers a 4-tuple to the connected
 * member and everything else to the unconnected one), the pooled allocator, and recvmmsg reads:
 * {@code MAX_DATAGRAM_PAYLOAD_SIZE} = max-datagram and a fixed read buffer of max-datagram x
 * recv-batch, each datagram a retained slice of it.
 *
 * <p>Every method runs on the event loop it is given, so that registering, binding and
 * connecting complete before it returns (Netty runs them inline on the loop's own thread): a
 * leg created while a catch-all handles a datagram is connected before the next datagram.
 *
 * <p>Pipeline of every channel: one handler, named {@link #HANDLER}.
 */
final class MediaSockets {
    static final String HANDLER = "media";

    private final int maxDatagram;
    private final FixedRecvByteBufAllocator recvAllocator;

    MediaSockets(int maxDatagram, int recvBatch) {
        this.maxDatagram = maxDatagram;
        this.recvAllocator = new FixedRecvByteBufAllocator(maxDatagram * recvBatch);
    }

    /**
     * An unconnected channel bound to {@code local}: a catch-all, the first socket of its port's
     * reuseport group. SO_REUSEPORT would let it join a group another socket of this user already
     * holds there (another relay process, say) and silently split that port's traffic, so the
     * port is first bound once without SO_REUSEPORT, which fails while anyone holds it.
     */
    Channel bind(EventLoop loop, InetSocketAddress local, ChannelHandler handler) throws IOException {
        requireUnused(local);
        EpollDatagramChannel channel = open(loop, local, handler);
        return await(channel, channel.bind(local), "bind " + local);
    }

    private static void requireUnused(InetSocketAddress local) throws IOException {
        try (java.nio.channels.DatagramChannel probe = java.nio.channels.DatagramChannel.open(
                local.getAddress() instanceof Inet4Address ? java.net.StandardProtocolFamily.INET
                        : java.net.StandardProtocolFamily.INET6)) {
            probe.bind(local);
        } catch (java.net.BindException e) {
            throw new java.net.BindException(local + " is held by another socket (another relay or process?)");
        }
    }

    /** A channel bound to {@code local}, in that port's reuseport group, and connected to {@code remote}: a leg. */
    Channel connect(EventLoop loop, InetSocketAddress local, InetSocketAddress remote, ChannelHandler handler)
            throws IOException {
        EpollDatagramChannel channel = open(loop, local, handler, true);
        return await(channel, channel.connect(remote, local), "connect " + local + " to " + remote);
    }

    /**
     * A channel on an ephemeral port of {@code local}'s address, connected to {@code remote}. No
     * SO_REUSEPORT: the kernel's ephemeral search skips ports held by reuseport sockets only when
     * the new socket is not one itself, and a leg must not join another stream's port.
     */
    Channel connectEphemeral(EventLoop loop, InetSocketAddress local, InetSocketAddress remote,
                             ChannelHandler handler) throws IOException {
        EpollDatagramChannel channel = open(loop, local, handler, false);
        return await(channel, channel.connect(remote, local), "connect " + local + " to " + remote);
    }

    private EpollDatagramChannel open(EventLoop loop, InetSocketAddress local, ChannelHandler handler)
            throws IOException {
        return open(loop, local, handler, true);
    }

    private EpollDatagramChannel open(EventLoop loop, InetSocketAddress local, ChannelHandler handler,
                                      boolean reusePort) throws IOException {
        if (!loop.inEventLoop()) {
            throw new IllegalStateException("media sockets are opened on their event loop");
        }
        EpollDatagramChannel channel = new EpollDatagramChannel(local.getAddress() instanceof Inet4Address
                ? SocketProtocolFamily.INET : SocketProtocolFamily.INET6);
        try {
            channel.config().setOption(EpollChannelOption.SO_REUSEPORT, reusePort);
            channel.config().setOption(ChannelOption.ALLOCATOR, NetTransport.ALLOCATOR);
            channel.config().setOption(ChannelOption.RCVBUF_ALLOCATOR, recvAllocator);
            channel.config().setOption(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, maxDatagram);
            channel.pipeline().addLast(HANDLER, handler);
        } catch (RuntimeException e) {
            channel.unsafe().closeForcibly();
            throw new IOException("cannot configure a media socket: " + e.getMessage(), e);
        }
        ChannelFuture registered = loop.register(channel);
        if (!registered.isSuccess()) {
            channel.unsafe().closeForcibly();
            throw new IOException("cannot register a media socket", registered.cause());
        }
        return channel;
    }

    private static Channel await(Channel channel, ChannelFuture future, String what) throws IOException {
        // On the channel's own loop both operations complete inline.
        if (future.isDone() && future.isSuccess()) {
            return channel;
        }
        channel.close();
        Throwable cause = future.cause();
        throw new IOException("cannot " + what + (cause == null ? "" : ": " + cause.getMessage()), cause);
    }
}
