package io.mraedge.media.relay;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * The catch-all of an edge outside port: it receives what no connected leg of the port takes.
 * Unlatched, the first datagram from a source the {@link LatchPolicy} accepts latches (a
 * connected leg to it becomes the outside leg) and is forwarded. Datagrams from the latched
 * source that the kernel queued here before the leg was connected are forwarded too. Everything
 * else is a stray: released and counted on the stream.
 *
 * <p>Buffer ownership: forwarded content passes to the inside leg; the rest is released here.
 */
final class OutsideLatchHandler extends CatchAllHandler {
    private final EdgeComponent component;

    OutsideLatchHandler(EdgeComponent component) {
        super(component.stream.toInside);
        this.component = component;
    }

    @Override
    MediaLeg forwardTo(InetSocketAddress sender) {
        Channel leg = component.outside.channel();
        if (leg == null && component.acceptable(sender)) {
            leg = component.latch(sender);
        }
        return leg != null && sender.equals(leg.remoteAddress()) ? component.inside : null;
    }
}
