package io.mraedge.media.relay;

import java.util.EnumMap;
import java.util.Map;

/**
 * A snapshot of one stream's counts, each direction apart; see {@link DirectionCounters} for
 * how current it is.
 *
 * @param toInside  from the client toward the inside endpoint
 * @param toOutside from the inside endpoint toward the client
 */
public record StreamCounters(Flow toInside, Flow toOutside) {

    /** The counts of one direction. */
    public StreamCounters.Flow flow(MediaDirection direction) {
        return direction == MediaDirection.TO_INSIDE ? toInside : toOutside;
    }

    /**
     * One direction's counts.
     *
     * @param forwardedPackets datagrams written to the other leg
     * @param forwardedBytes   their payload bytes
     * @param droppedPackets   datagrams dropped, every reason
     * @param droppedBytes     their payload bytes
     * @param drops            dropped datagrams by reason (every reason present)
     */
    public record Flow(long forwardedPackets, long forwardedBytes, long droppedPackets, long droppedBytes,
                       Map<DropReason, Long> drops) {
        public Flow {
            drops = Map.copyOf(drops);
        }

        /** Dropped datagrams for {@code reason}. */
        public long dropped(DropReason reason) {
            return drops.getOrDefault(reason, 0L);
        }

        static Flow of(DirectionCounters c) {
            Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
            for (DropReason reason : DropReason.values()) {
                drops.put(reason, c.droppedPackets(reason));
            }
            return new Flow(c.forwardedPackets(), c.forwardedBytes(), c.droppedPackets(), c.droppedBytes(), drops);
        }

        static Flow sum(Iterable<DirectionCounters> all) {
            long fp = 0;
            long fb = 0;
            long dp = 0;
            long db = 0;
            Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
            for (DropReason reason : DropReason.values()) {
                drops.put(reason, 0L);
            }
            for (DirectionCounters c : all) {
                fp += c.forwardedPackets();
                fb += c.forwardedBytes();
                dp += c.droppedPackets();
                db += c.droppedBytes();
                for (DropReason reason : DropReason.values()) {
                    drops.merge(reason, c.droppedPackets(reason), Long::sum);
                }
            }
            return new Flow(fp, fb, dp, db, drops);
        }
    }
}
