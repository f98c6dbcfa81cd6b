/**
 * The UDP media relay of both roles (ARCHITECTURE.md, "Media (UDP)"):
 * {@link io.mraedge.media.relay.EdgeMediaRelay} on the edge, {@link io.mraedge.media.relay.ConnectorMediaRelay}
 * on the connector, and the streams the SIP layer allocates from them.
 *
 * <h2>Sockets</h2>
 * Every leg that forwards is a connected epoll datagram channel with SO_REUSEPORT, bound to the
 * port it shares with its port's unconnected catch-all. The kernel delivers a datagram to the
 * connected socket of its 4-tuple (Linux &ge; 5.0; a 4-tuple hash lookup since 6.13) and
 * everything else to the catch-all, so media is demultiplexed without a lookup in Java. The two
 * legs of a component, and all sockets of a stream, share one event loop; each channel has one
 * handler ({@link io.mraedge.media.relay.MediaForwardingHandler} on legs, a catch-all handler
 * otherwise), named {@code "media"}.
 *
 * <h2>Threads and time</h2>
 * Counters are plain longs written by the stream's loop. Idle expiry is a scan per loop that
 * compares media counts with the last scan's, on an injected nano clock. Stream changes made by
 * the SIP layer run on the stream's loop (inline, or waited for from non-loop threads).
 */
package io.mraedge.media.relay;
