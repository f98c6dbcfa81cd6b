package io.mraedge.media.sdp;

/**
 * What a rewrite does with the ICE candidates (RFC 8839 §5.1 {@code a=candidate}, §5.2
 * {@code a=remote-candidates}) of anchored m-lines. The peer's candidates name addresses on the
 * far side of the relay, so they are never passed on as they are.
 */
public enum CandidatePolicy {
    /** Drop {@code a=candidate} and {@code a=remote-candidates}; the peer falls back to c=/m=. */
    STRIP,
    /**
     * Replace the candidates with one host candidate per component at the relay's address and
     * ports (component 1 RTP, component 2 RTCP when the edit gives an RTCP port), and drop
     * {@code a=remote-candidates}, which name the other side's candidates. An m-line that had
     * no candidates (ICE not offered) gets none.
     */
    REWRITE
}
