package io.mraedge.media.relay;

import io.mraedge.core.config.ConfigReader;
import io.mraedge.media.ports.PortRange;
import io.mraedge.media.sdp.CandidatePolicy;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * The edge's media relay settings (ARCHITECTURE.md, "Media (UDP)"), parsed from its
 * {@code media:} section:
 *
 * <pre>{@code
 * media:
 *   public-address: 203.0.113.10   # what SDP toward clients says (default: outside-address;
 *                                  #   required when outside-address is 0.0.0.0)
 *   inside-address: 10.0.0.5       # required: traversal ports bind here, SDP toward the inside says it
 *   outside-ports: 36002-59999     # per-stream ports on outside-address, in RTP/RTCP pairs
 *   traversal-ports: 36000-36011   # shared ports on inside-address, used as (even, odd) pairs
 *   latch: signalled-ip            # signalled-address | signalled-ip | signalling-ip | any-source
 *   idle-timeout: 60s              # a stream without media both ways for this long is closed
 *   setup-timeout: 180s            # ...and one that never carried media (a call ringing without early
 *                                  #   media keeps its ports this long; BYE/CANCEL free them at once)
 *   max-datagram: 2048             # largest datagram relayed (64-65507); longer ones are truncated
 *   recv-batch: 16                 # datagrams per recvmmsg (1-1024)
 *   candidates: strip              # strip | rewrite: ICE candidates of anchored m-lines
 * }</pre>
 *
 * <p>The default ranges overlap (36002-36011). When outside ports bind the inside address too, or
 * the wildcard, the outside allocator leaves the traversal ports out; an outside range wholly
 * inside the traversal range is refused, since nothing would be left.
 *
 * @param bindAddress    where outside ports bind: the edge's {@code outside-address} (may be a wildcard)
 * @param publicAddress  the address SDP toward clients carries; never a wildcard
 * @param insideAddress  where traversal ports bind and what SDP toward the inside carries
 * @param outsidePorts   the per-stream outside ports
 * @param traversalPorts the shared traversal ports; at least one (even, odd) pair
 * @param latch          which source the outside port latches onto
 * @param idleTimeout    how long a stream may carry no media before it is closed
 * @param maxDatagram    largest datagram payload received (EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE)
 * @param recvBatch      datagrams per recvmmsg; one read buffer is maxDatagram x recvBatch
 * @param candidates     what the SDP rewrite does with ICE candidates
 * @param setupTimeout   how long a stream that never carried media keeps its ports
 */
public record EdgeMediaConfig(InetAddress bindAddress, InetAddress publicAddress, InetAddress insideAddress,
                              PortRange outsidePorts, PortRange traversalPorts, LatchPolicy latch,
                              Duration idleTimeout, int maxDatagram, int recvBatch, CandidatePolicy candidates,
                              Duration setupTimeout) {

    public static final PortRange DEFAULT_OUTSIDE_PORTS = PortRange.of(36002, 59999);
    public static final PortRange DEFAULT_TRAVERSAL_PORTS = PortRange.of(36000, 36011);
    public static final LatchPolicy DEFAULT_LATCH = LatchPolicy.SIGNALLED_IP;
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Longer than a call usually rings (Unified CM forwards on no answer well before this). */
    public static final Duration DEFAULT_SETUP_TIMEOUT = Duration.ofSeconds(180);

    /** With the default {@code setup-timeout}. */
    public EdgeMediaConfig(InetAddress bindAddress, InetAddress publicAddress, InetAddress insideAddress,
                           PortRange outsidePorts, PortRange traversalPorts, LatchPolicy latch, Duration idleTimeout,
                           int maxDatagram, int recvBatch, CandidatePolicy candidates) {
        this(bindAddress, publicAddress, insideAddress, outsidePorts, traversalPorts, latch, idleTimeout, maxDatagram,
                recvBatch, candidates, DEFAULT_SETUP_TIMEOUT);
    }

    public EdgeMediaConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(publicAddress, "publicAddress");
        Objects.requireNonNull(insideAddress, "insideAddress");
        Objects.requireNonNull(outsidePorts, "outsidePorts");
        Objects.requireNonNull(traversalPorts, "traversalPorts");
        Objects.requireNonNull(latch, "latch");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(candidates, "candidates");
        Objects.requireNonNull(setupTimeout, "setupTimeout");
        if (setupTimeout.isNegative() || setupTimeout.isZero()) {
            throw new IllegalArgumentException("setupTimeout must be positive");
        }
        if (publicAddress.isAnyLocalAddress() || insideAddress.isAnyLocalAddress()) {
            throw new IllegalArgumentException("publicAddress and insideAddress must be concrete addresses");
        }
        if (traversalPorts.pairs() < 1) {
            throw new IllegalArgumentException("traversalPorts must hold an (even, odd) pair, got " + traversalPorts);
        }
        if (sharesTraversalAddress(bindAddress, insideAddress) && covers(traversalPorts, outsidePorts)) {
            throw new IllegalArgumentException("outsidePorts " + outsidePorts + " lie within traversalPorts "
                    + traversalPorts + " on the same address");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive");
        }
        MediaConfigKeys.checkDatagram(maxDatagram, recvBatch);
    }

    /**
     * The {@code media:} section of an edge.
     *
     * @param media          a reader over the section
     * @param outsideAddress the edge's {@code outside-address}: where outside ports bind
     * @return the config, or {@code null} when a problem was recorded
     */
    public static EdgeMediaConfig parse(ConfigReader media, InetAddress outsideAddress) {
        Objects.requireNonNull(outsideAddress, "outsideAddress");
        InetAddress publicAddress = media.inetAddress("public-address", outsideAddress);
        if (publicAddress != null && publicAddress.isAnyLocalAddress()) {
            media.problem("public-address", media.has("public-address")
                    ? "must be a concrete IP address, not " + publicAddress.getHostAddress()
                    : "required while outside-address is " + outsideAddress.getHostAddress()
                            + ": set the address clients send media to");
        }
        InetAddress insideAddress = media.inetAddress("inside-address", null);
        if (insideAddress == null && media.optionalString("inside-address").isEmpty()) {
            media.problem("inside-address", "required key is missing: the edge's inside IP address, where "
                    + "traversal ports bind");
        }
        MediaConfigKeys.concrete(media, "inside-address", insideAddress, "SDP toward the inside carries it");
        PortRange outside = MediaConfigKeys.portRange(media, "outside-ports", DEFAULT_OUTSIDE_PORTS);
        PortRange traversal = MediaConfigKeys.portRange(media, "traversal-ports", DEFAULT_TRAVERSAL_PORTS);
        if (traversal.pairs() < 1) {
            media.problem("traversal-ports", "must hold at least one (even, odd) pair, e.g. 36000-36011");
        } else if (insideAddress != null && sharesTraversalAddress(outsideAddress, insideAddress)
                && covers(traversal, outside)) {
            media.problem("outside-ports", "lies within traversal-ports " + traversal + " on the same address, "
                    + "so no outside port is left; give them separate ranges");
        }
        String latchText = media.string("latch", DEFAULT_LATCH.yamlName());
        LatchPolicy latch = LatchPolicy.fromYaml(latchText);
        if (latch == null) {
            media.problem("latch", "expected signalled-address, signalled-ip, signalling-ip or any-source, got \""
                    + latchText + "\"");
        }
        Duration idle = media.positiveDuration("idle-timeout", DEFAULT_IDLE_TIMEOUT);
        Duration setup = media.positiveDuration("setup-timeout", DEFAULT_SETUP_TIMEOUT);
        int maxDatagram = media.integer("max-datagram", MediaConfigKeys.DEFAULT_MAX_DATAGRAM,
                MediaConfigKeys.MIN_DATAGRAM, MediaConfigKeys.MAX_UDP_PAYLOAD);
        int recvBatch = media.integer("recv-batch", MediaConfigKeys.DEFAULT_RECV_BATCH, 1,
                MediaConfigKeys.MAX_RECV_BATCH);
        MediaConfigKeys.readBufferFits(media, maxDatagram, recvBatch);
        String candidatesText = media.string("candidates", "strip");
        CandidatePolicy candidates = switch (candidatesText) {
            case "strip" -> CandidatePolicy.STRIP;
            case "rewrite" -> CandidatePolicy.REWRITE;
            default -> {
                media.problem("candidates", "expected strip or rewrite, got \"" + candidatesText + "\"");
                yield null;
            }
        };
        return media.finish(() -> new EdgeMediaConfig(outsideAddress, publicAddress, insideAddress, outside,
                traversal, latch, idle, maxDatagram, recvBatch, candidates, setup));
    }

    /**
     * Whether outside ports and traversal ports bind the same address (or the outside binds the
     * wildcard): then the outside allocator leaves the traversal ports out, as with the defaults
     * (36002-59999 and 36000-36011) on a one-address edge.
     */
    static boolean sharesTraversalAddress(InetAddress bindAddress, InetAddress insideAddress) {
        return bindAddress.isAnyLocalAddress() || bindAddress.equals(insideAddress);
    }

    private static boolean covers(PortRange outer, PortRange inner) {
        return outer.first() <= inner.first() && inner.last() <= outer.last();
    }
}
