/**
 * UDP port ranges and their allocation to media streams: {@link io.mraedge.media.ports.PortRange}
 * as written in config, {@link io.mraedge.media.ports.PortAllocator} handing out single ports
 * and RTP/RTCP pairs.
 */
package io.mraedge.media.ports;
