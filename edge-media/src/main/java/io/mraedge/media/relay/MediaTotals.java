package io.mraedge.media.relay;

/**
 * A relay's counts since it started, streams closed included, plus its current load.
 *
 * @param toInside       from clients toward inside endpoints, with the relay's own catch-all drops
 * @param toOutside      from inside endpoints toward clients, with the relay's own catch-all drops
 * @param streamsActive  streams open now
 * @param portsFree      per-stream ports free now (outside ports on the edge, inside ports on the connector)
 * @param portsExhausted allocations refused for want of a port since start
 */
public record MediaTotals(StreamCounters.Flow toInside, StreamCounters.Flow toOutside, int streamsActive,
                          int portsFree, long portsExhausted) {
}
