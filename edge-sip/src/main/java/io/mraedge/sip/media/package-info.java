/**
 * Media anchoring for SIP (ARCHITECTURE.md, "Media (UDP)"): {@link io.mraedge.sip.media.SdpAnchor}
 * follows each call's SDP and dialog on one node and gives every m-line a relay stream;
 * {@link io.mraedge.sip.media.EdgeSdpAnchor} anchors the outside leg on the edge,
 * {@link io.mraedge.sip.media.ConnectorSdpAnchor} the inside leg on the connector. The SDP the
 * two roles exchange names the edge's traversal port and, in {@code a=x-mra-relay}, the token
 * the connector's probe carries.
 */
package io.mraedge.sip.media;
