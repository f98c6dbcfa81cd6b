package io.mraedge.media.relay;

import io.netty.channel.EventLoop;

/**
 * The counts of everything that ran on one event loop, streams closed long ago included: the
 * parent of each stream's {@link DirectionCounters} there, and the counters of the relay's own
 * catch-alls on that loop. Written only by that loop.
 */
final class LoopTotals {
    final EventLoop loop;
    final DirectionCounters toInside = new DirectionCounters();
    final DirectionCounters toOutside = new DirectionCounters();

    LoopTotals(EventLoop loop) {
        this.loop = loop;
    }

    DirectionCounters of(MediaDirection direction) {
        return direction == MediaDirection.TO_INSIDE ? toInside : toOutside;
    }
}
