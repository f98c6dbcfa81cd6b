package io.mraedge.sip.media;

import io.mraedge.core.config.ConfigReader;
import io.mraedge.core.config.EdgeConfig;
import java.net.InetAddress;
import io.mraedge.media.relay.ConnectorMediaConfig;
import io.mraedge.media.relay.EdgeMediaConfig;
import io.mraedge.media.sdp.SdpLimits;

/**
 * A role's {@code media:} section: the relay's settings plus the SIP anchoring limits. With the
 * section, SIP calls have their media anchored; without it, SDP passes untouched.
 *
 * <pre>{@code
 * media:
 *   max-streams-per-flow: 32   # m-lines with a relay stream on one client flow, all calls together
 *   sdp-max-size: 64KiB        # an SDP body larger than this is refused (488)
 *   ...                        # the relay's keys: EdgeMediaConfig / ConnectorMediaConfig
 * }</pre>
 *
 * @param edge              the edge relay's settings (edge role), else null
 * @param connector         the connector relay's settings (connector role), else null
 * @param maxStreamsPerFlow bound on streams per client flow, so one client cannot take the range
 * @param sdpLimits         limits of the SDP parser
 */
public record MediaSection(EdgeMediaConfig edge, ConnectorMediaConfig connector, int maxStreamsPerFlow,
                           SdpLimits sdpLimits) {
    public static final int DEFAULT_MAX_STREAMS_PER_FLOW = 32;

    /** The edge's section parser. */
    public static MediaSection parseEdge(ConfigReader media) {
        int max = media.integer("max-streams-per-flow", DEFAULT_MAX_STREAMS_PER_FLOW, 1, 100_000);
        SdpLimits limits = sdpLimits(media);
        // outside-address is the core's key (default 0.0.0.0); the core parser reports a bad one.
        InetAddress outside = media.topLevelAddress("outside-address").orElse(EdgeConfig.DEFAULT_OUTSIDE_ADDRESS);
        return new MediaSection(EdgeMediaConfig.parse(media, outside), null, max, limits);
    }

    /** The connector's section parser. */
    public static MediaSection parseConnector(ConfigReader media) {
        int max = media.integer("max-streams-per-flow", DEFAULT_MAX_STREAMS_PER_FLOW, 1, 100_000);
        SdpLimits limits = sdpLimits(media);
        return new MediaSection(null, ConnectorMediaConfig.parse(media), max, limits);
    }

    private static SdpLimits sdpLimits(ConfigReader media) {
        int size = (int) media.size("sdp-max-size", SdpLimits.DEFAULT.maxBytes(), 256, 1 << 20);
        return new SdpLimits(size, SdpLimits.DEFAULT.maxLines(), SdpLimits.DEFAULT.maxMedia());
    }
}
