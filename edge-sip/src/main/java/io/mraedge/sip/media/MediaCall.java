package io.mraedge.sip.media;

import io.mraedge.sip.SdpRewriter.Direction;
import java.util.HashMap;
import java.util.Map;

/**
 * One call's media on one node: a relay stream per anchored m-line index, and what each side
 * last said about rtcp-mux. Guarded by its own monitor: SIP messages arrive on the flow's loop,
 * expiry on a relay loop.
 *
 * @param <S> the relay's stream type
 */
final class MediaCall<S> {
    final Map<Integer, S> streams = new HashMap<>(4);
    /** Per m-line index: bit 0 set when the client side offered rtcp-mux, bit 1 for the inside side. */
    private final Map<Integer, Integer> mux = new HashMap<>(4);
    /** A 2xx to INVITE was seen: a later failure answers a re-INVITE and leaves the call alone. */
    boolean confirmed;

    void mux(int index, Direction from, boolean rtcpMux) {
        int bit = from == Direction.TOWARD_INSIDE ? 1 : 2;
        int old = mux.getOrDefault(index, 0);
        mux.put(index, rtcpMux ? old | bit : old & ~bit);
    }

    /** RFC 5761 §5.1.1: RTCP shares the RTP port only when both sides said rtcp-mux. */
    boolean muxNegotiated(int index) {
        return mux.getOrDefault(index, 0) == 3;
    }
}
