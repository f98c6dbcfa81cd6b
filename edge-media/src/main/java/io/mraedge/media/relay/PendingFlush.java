package io.mraedge.media.relay;

import io.netty.channel.Channel;

/**
 * The channel a read batch has written to and not flushed yet: written datagrams wait in its
 * outbound buffer until the batch ends ({@link #flush}, from {@code channelReadComplete}), so that
 * the epoll transport sends them with one {@code sendmmsg}. Writing to another channel flushes
 * the first. Loop-confined, one per handler; nothing is allocated per datagram.
 */
final class PendingFlush {
    private Channel channel;

    /** {@code out} was written to (null: nothing was). */
    void wrote(Channel out) {
        if (out == null) {
            return;
        }
        if (channel != null && channel != out) {
            channel.flush();
        }
        channel = out;
    }

    /** Flushes what the batch wrote. */
    void flush() {
        Channel out = channel;
        if (out != null) {
            channel = null;
            out.flush();
        }
    }
}
