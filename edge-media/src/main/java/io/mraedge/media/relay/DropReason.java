package io.mraedge.media.relay;

/** Why a relay dropped a datagram; the {@code reason} tag of the dropped media metrics. */
public enum DropReason {
    /**
     * The other leg is absent or closed: the edge has not latched onto the client yet, the
     * connector's probe is not acked yet, or the inside endpoint is not signalled yet.
     */
    NO_PEER("no-peer"),
    /** The other leg's write buffer is above its high-water mark; UDP is never queued without bound. */
    NOT_WRITABLE("not-writable"),
    /** From a source no leg is connected to, landing on a port's catch-all socket. */
    STRAY("stray"),
    /** A probe with a token no stream has, or for a port or component the stream does not own. */
    UNKNOWN_TOKEN("unknown-token"),
    /** A socket error (ICMP port unreachable on a connected leg, a failed send). */
    ERROR("error");

    /** {@code values().length}, without the array copy {@code values()} makes. */
    static final int COUNT = 5;

    private final String tag;

    DropReason(String tag) {
        this.tag = tag;
    }

    /** The metric tag value. */
    public String tag() {
        return tag;
    }
}
