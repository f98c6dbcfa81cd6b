package io.mraedge.media.relay;

import io.netty.channel.Channel;
import java.net.InetSocketAddress;

/**
 * The catch-all of a connector inside port: datagrams from the signalled inside endpoint that
 * the kernel queued here before the inside leg was connected are forwarded as if the leg had read
 * them; everything else is a stray, released and counted toward the outside.
 */
final class InsideCatchAllHandler extends CatchAllHandler {
    private final ConnectorComponent component;

    InsideCatchAllHandler(ConnectorComponent component) {
        super(component.stream.toOutside);
        this.component = component;
    }

    @Override
    MediaLeg forwardTo(InetSocketAddress sender) {
        Channel leg = component.inside.channel();
        return leg != null && sender.equals(leg.remoteAddress()) ? component.traversal : null;
    }
}
