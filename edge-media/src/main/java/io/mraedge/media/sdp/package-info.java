/**
 * SDP (RFC 8866) parsing and rewriting for the media relay.
 *
 * <p>{@link io.mraedge.media.sdp.SessionDescription#parse} checks a body against
 * {@link io.mraedge.media.sdp.SdpLimits} and keeps its raw lines; every refusal is an
 * {@link io.mraedge.media.sdp.SdpException}. {@link io.mraedge.media.sdp.SessionDescription#rewrite}
 * applies an {@link io.mraedge.media.sdp.SdpEdit} (anchor m-lines on the relay's address and
 * ports, handle ICE candidates per {@link io.mraedge.media.sdp.CandidatePolicy}, add or remove
 * attributes) in one pass; every line the edit does not touch comes out byte for byte, with its
 * own line terminator, so {@code a=crypto} keys and {@code a=fingerprint} hashes pass unchanged
 * (end-to-end SRTP/DTLS is relayed, never terminated).
 */
package io.mraedge.media.sdp;
