package io.mraedge.sip.media;

import io.mraedge.media.relay.DropReason;
import io.mraedge.media.relay.MediaTotals;
import io.mraedge.media.relay.StreamCounters;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code media} section of the edge's status document (JSON and the status page's "Media
 * relay" card): streams and ports now, and packets forwarded and dropped each way since start,
 * drops by reason.
 */
public final class MediaStatus {
    private MediaStatus() {
    }

    public static Map<String, Object> document(MediaTotals totals) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("streamsActive", totals.streamsActive());
        doc.put("portsFree", totals.portsFree());
        doc.put("portsExhausted", totals.portsExhausted());
        doc.put("toInside", flow(totals.toInside()));
        doc.put("toOutside", flow(totals.toOutside()));
        return doc;
    }

    private static Map<String, Object> flow(StreamCounters.Flow flow) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("forwardedPackets", flow.forwardedPackets());
        doc.put("forwardedBytes", flow.forwardedBytes());
        doc.put("droppedPackets", flow.droppedPackets());
        Map<String, Long> drops = new LinkedHashMap<>();
        for (DropReason reason : DropReason.values()) {
            drops.put(reason.tag(), flow.dropped(reason));
        }
        doc.put("drops", drops);
        return doc;
    }
}
