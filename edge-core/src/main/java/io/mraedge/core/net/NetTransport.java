package io.mraedge.core.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The event loops and channel classes one role runs on: epoll when the native library loads
 * (Linux), NIO otherwise. Every listener and client of a role shares one instance, so that a
 * proxy pair can live on one event loop.
 *
 * <p>All channels use the pooled allocator ({@link #ALLOCATOR}), so that its metrics describe
 * the whole process's buffer memory.
 */
public final class NetTransport implements AutoCloseable {
    /** The allocator every channel of the project uses. */
    public static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

    private final boolean epoll;
    private final EventLoopGroup acceptors;
    private final EventLoopGroup workers;

    private NetTransport(boolean epoll, EventLoopGroup acceptors, EventLoopGroup workers) {
        this.epoll = epoll;
        this.acceptors = acceptors;
        this.workers = workers;
    }

    /**
     * Creates the loops of one role.
     *
     * @param name thread-name prefix, e.g. {@code "edge"}
     * @param workerThreads worker loops; 0 means Netty's default (2 x cores)
     * @param preferNative use epoll when available
     */
    public static NetTransport create(String name, int workerThreads, boolean preferNative) {
        boolean useEpoll = preferNative && Epoll.isAvailable();
        IoHandlerFactory factory = useEpoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        EventLoopGroup acceptors = new MultiThreadIoEventLoopGroup(1,
                new DefaultThreadFactory(name + "-accept", true), factory);
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(workerThreads,
                new DefaultThreadFactory(name + "-io", true), factory);
        return new NetTransport(useEpoll, acceptors, workers);
    }

    /** Epoll when available, with Netty's default number of worker loops. */
    public static NetTransport create(String name) {
        return create(name, 0, true);
    }

    public boolean isNative() {
        return epoll;
    }

    public EventLoopGroup acceptors() {
        return acceptors;
    }

    public EventLoopGroup workers() {
        return workers;
    }

    public Class<? extends ServerChannel> serverChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends SocketChannel> socketChannel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public Class<? extends DatagramChannel> datagramChannel() {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    /**
     * A server bootstrap on these loops with the project's common options: backlog 1024,
     * SO_REUSEADDR, the pooled allocator and TCP_NODELAY on accepted connections. The caller adds
     * its child handler and binds.
     */
    public ServerBootstrap serverBootstrap() {
        return new ServerBootstrap()
                .group(acceptors, workers)
                .channel(serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.ALLOCATOR, ALLOCATOR)
                .childOption(ChannelOption.TCP_NODELAY, true);
    }

    /**
     * The option that bounds how long sent data may stay unacknowledged before the kernel drops
     * the connection (TCP_USER_TIMEOUT, RFC 5482), or {@code null} where the transport has none.
     */
    public ChannelOption<Integer> tcpUserTimeoutOption() {
        return epoll ? EpollChannelOption.TCP_USER_TIMEOUT : null;
    }

    /** TCP_USER_TIMEOUT in the unit the kernel takes (milliseconds), saturated to an int. */
    public static int tcpUserTimeoutMillis(Duration timeout) {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /** Human-readable transport name for logs and status. */
    public String describe() {
        return epoll ? "epoll" : "nio";
    }

    /** Stops both groups and waits up to {@code timeout} for them. */
    public void shutdown(Duration timeout) {
        Future<?> a = acceptors.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
        Future<?> w = workers.shutdownGracefully(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
        a.awaitUninterruptibly(timeout.toMillis());
        w.awaitUninterruptibly(timeout.toMillis());
    }

    @Override
    public void close() {
        shutdown(Duration.ofSeconds(5));
    }
}
