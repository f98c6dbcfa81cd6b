package io.mraedge.media.relay;

/**
 * Packet and byte counts of one direction of one stream (or of a whole event loop): plain
 * {@code long}s, written only by the event loop the stream lives on, so that counting a packet
 * is a few additions and never an allocation or an atomic. Other threads (metrics scrapes,
 * {@link EdgeStream#counters()}) read them without synchronisation and may see values a few
 * packets old.
 *
 * <p>A stream's counters add to their {@code parent} too, the totals of the stream's event loop,
 * so that the relay's totals stay monotonic when streams close.
 */
public final class DirectionCounters {
    private final DirectionCounters parent;
    private long forwardedPackets;
    private long forwardedBytes;
    private final long[] droppedPackets = new long[DropReason.COUNT];
    private final long[] droppedBytes = new long[DropReason.COUNT];

    /** Counters of their own, e.g. for a benchmark or a test of {@link MediaForwardingHandler}. */
    public DirectionCounters() {
        this(null);
    }

    /** Counters that also add to {@code parent} (nullable). */
    public DirectionCounters(DirectionCounters parent) {
        this.parent = parent;
    }

    /** Counts one forwarded datagram of {@code bytes} payload bytes. */
    public void forwarded(int bytes) {
        forwardedPackets++;
        forwardedBytes += bytes;
        if (parent != null) {
            parent.forwarded(bytes);
        }
    }

    /** Counts one dropped datagram. */
    public void dropped(DropReason reason, int bytes) {
        int i = reason.ordinal();
        droppedPackets[i]++;
        droppedBytes[i] += bytes;
        if (parent != null) {
            parent.dropped(reason, bytes);
        }
    }

    public long forwardedPackets() {
        return forwardedPackets;
    }

    public long forwardedBytes() {
        return forwardedBytes;
    }

    public long droppedPackets(DropReason reason) {
        return droppedPackets[reason.ordinal()];
    }

    public long droppedBytes(DropReason reason) {
        return droppedBytes[reason.ordinal()];
    }

    /** Dropped datagrams, every reason. */
    public long droppedPackets() {
        long sum = 0;
        for (long n : droppedPackets) {
            sum += n;
        }
        return sum;
    }

    /** Dropped bytes, every reason. */
    public long droppedBytes() {
        long sum = 0;
        for (long n : droppedBytes) {
            sum += n;
        }
        return sum;
    }

    /**
     * Media datagrams that reached a leg of the stream, forwarded or not: what idle expiry calls
     * activity. Strays and probes are not media and do not keep a stream alive.
     */
    long media() {
        return forwardedPackets + droppedPackets[DropReason.NO_PEER.ordinal()]
                + droppedPackets[DropReason.NOT_WRITABLE.ordinal()];
    }

    /** An immutable copy. */
    public StreamCounters.Flow snapshot() {
        return StreamCounters.Flow.of(this);
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
