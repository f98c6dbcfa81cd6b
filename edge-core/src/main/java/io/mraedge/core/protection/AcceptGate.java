package io.mraedge.core.protection;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first handler of every accepted connection on an outside listener (and the traversal
 * listener): it closes connections from sources that {@link IntrusionProtection} has banned on
 * the local port, or that exceed the {@link ConnectionRateLimiter}, before a single byte is read
 * or written, and otherwise removes itself, so an admitted connection pays for it once.
 *
 * <p>Add it first, under {@link #NAME}, in the listener's child initializer; one instance serves
 * every connection of a listener. The check runs in {@code channelRegistered} (for accepted
 * connections the socket is already connected then), so a refused connection never reaches
 * {@code channelActive}, auto-read never starts, and TLS never sees it; a gate added to a
 * pipeline that is registered but not yet active checks in {@code channelActive} instead.
 *
 * <p>A refusal is silent: the socket is closed with no byte written (the kernel has completed the
 * TCP handshake already, so the peer sees a plain close). Refusals are counted by
 * {@link Verdict} and logged at DEBUG only, because a flood must not flood the log; the ban
 * itself was logged once when it was made. Handles no messages, so releases nothing.
 */
@ChannelHandler.Sharable
public final class AcceptGate extends ChannelInboundHandlerAdapter {

    /** The pipeline name of this handler. */
    public static final String NAME = "accept-gate";

    private static final Logger log = LoggerFactory.getLogger(AcceptGate.class);

    /** What the gate decides about one new connection. */
    public enum Verdict {
        ADMIT, BANNED, RATE_LIMITED
    }

    private final IntrusionProtection protection;
    private final ConnectionRateLimiter rateLimiter;
    private final String listenerName;
    private final LongAdder banned = new LongAdder();
    private final LongAdder rateLimited = new LongAdder();

    /**
     * @param protection   whose bans apply
     * @param rateLimiter  the new-connection limit, or {@code null} for a listener without one
     *                     (the traversal listener)
     * @param listenerName for logs, e.g. {@code "https"}
     */
    public AcceptGate(IntrusionProtection protection, ConnectionRateLimiter rateLimiter, String listenerName) {
        this.protection = Objects.requireNonNull(protection, "protection");
        this.rateLimiter = rateLimiter;
        this.listenerName = Objects.requireNonNull(listenerName, "listenerName");
    }

    @Override
    public void channelRegistered(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive() || admit(ctx)) {
            ctx.fireChannelRegistered();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (admit(ctx)) {
            ctx.fireChannelActive();
        }
    }

    /**
     * Decides about a connection from {@code remote} to {@code local}; a connection that is
     * admitted is counted by the rate limiter. Addresses that are not IP socket addresses are
     * admitted, since there is no source to judge.
     */
    public Verdict check(SocketAddress remote, SocketAddress local) {
        if (!(remote instanceof InetSocketAddress source) || source.getAddress() == null
                || !(local instanceof InetSocketAddress listener)) {
            return Verdict.ADMIT;
        }
        // Banned first: a banned source must not use up its rate-limit tokens as well.
        if (protection.isBanned(source.getAddress(), listener.getPort())) {
            return Verdict.BANNED;
        }
        if (rateLimiter != null && !rateLimiter.tryAcquire(source.getAddress())) {
            return Verdict.RATE_LIMITED;
        }
        return Verdict.ADMIT;
    }

    /** Connections refused since start, for any reason. */
    public long dropped() {
        return banned.sum() + rateLimited.sum();
    }

    /** Connections refused since start for {@code reason}; {@link Verdict#ADMIT} gives 0. */
    public long dropped(Verdict reason) {
        return switch (reason) {
            case BANNED -> banned.sum();
            case RATE_LIMITED -> rateLimited.sum();
            case ADMIT -> 0;
        };
    }

    public String listenerName() {
        return listenerName;
    }

    /**
     * Decides about a just-accepted connection and closes it when refused (counted, DEBUG log).
     * Listeners call this first in their child initializer, so that a dropped connection gets no
     * handler at all: no TLS engine, no handshake event, nothing that could count it twice.
     *
     * @return true when the connection may proceed
     */
    public boolean admit(Channel ch) {
        Verdict verdict = check(ch.remoteAddress(), ch.localAddress());
        if (verdict == Verdict.ADMIT) {
            return true;
        }
        (verdict == Verdict.BANNED ? banned : rateLimited).increment();
        if (log.isDebugEnabled()) {
            log.debug("{}: dropped connection from {} ({})", listenerName, ch.remoteAddress(), verdict);
        }
        ch.close();
        return false;
    }

    /** Removes the gate and returns true, or closes the connection and returns false. */
    private boolean admit(ChannelHandlerContext ctx) {
        if (admit(ctx.channel())) {
            // The removed context still links to the next handler, so the caller's fire* goes on.
            ctx.pipeline().remove(this);
            return true;
        }
        return false;
    }
}
