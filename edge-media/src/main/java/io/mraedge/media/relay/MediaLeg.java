package io.mraedge.media.relay;

import io.netty.channel.Channel;

/**
 * One side of a component: the connected channel that currently sends to and receives from one
 * peer (the client, the connector's traversal leg, the inside endpoint), or none. The channel is
 * replaced when the edge re-latches or a connector re-probes; the {@link MediaForwardingHandler}
 * of the other side looks it up for every datagram, so a replacement takes effect at once.
 *
 * <p>Set on the component's event loop; read by its forwarding handlers on that loop (and, for
 * diagnostics, by other threads: the field is volatile).
 */
public final class MediaLeg {
    private volatile Channel channel;

    /** The channel datagrams for this side are written to, or {@code null} when there is none. */
    public Channel channel() {
        return channel;
    }

    /** Makes {@code channel} (nullable) this side's channel; the caller closes the previous one. */
    public void attach(Channel channel) {
        this.channel = channel;
    }

    /** Forgets the channel and returns it (nullable), for the caller to close. */
    Channel detach() {
        Channel previous = channel;
        channel = null;
        return previous;
    }

    @Override
    public String toString() {
        Channel c = channel;
        return c == null ? "MediaLeg[none]" : "MediaLeg[" + c.localAddress() + " <-> " + c.remoteAddress() + "]";
    }
}
