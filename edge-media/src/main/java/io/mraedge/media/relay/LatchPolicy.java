package io.mraedge.media.relay;

import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * Which source an edge's outside port latches onto (symmetric RTP, RFC 4961): the first packet
 * from an acceptable source becomes the one peer of the outside leg. YAML {@code latch:}
 * {@code signalled-address}, {@code signalled-ip} (default), {@code signalling-ip} or
 * {@code any-source}.
 */
public enum LatchPolicy {
    /** Source IP and port must equal the SDP's c= address and m= port (or a=rtcp). */
    SIGNALLED_ADDRESS,
    /** Source IP must equal the SDP's c= address; any port, for clients behind port-mapping NAT. */
    SIGNALLED_IP,
    /**
     * Source IP must equal the address the client's SIP connection comes from, whatever its SDP
     * says: clients behind NAT, whose SDP names a private address while their SIP and RTP leave
     * through the same public one. The SIP layer signals that address; the relay compares IPs as
     * for {@link #SIGNALLED_IP}.
     */
    SIGNALLING_IP,
    /** The first packet from anywhere latches: clients behind NAT with several public addresses. */
    ANY_SOURCE;

    /** The YAML spelling, e.g. {@code signalled-ip}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The policy spelt {@code text} in YAML, or {@code null} when none is. */
    public static LatchPolicy fromYaml(String text) {
        for (LatchPolicy policy : values()) {
            if (policy.yamlName().equals(text)) {
                return policy;
            }
        }
        return null;
    }

    /**
     * Whether a packet from {@code source} may latch when the SDP signalled {@code signalled}.
     * With nothing signalled yet only {@link #ANY_SOURCE} latches.
     *
     * @param signalled the signalled address of the component, or {@code null}
     */
    public boolean accepts(InetSocketAddress signalled, InetSocketAddress source) {
        Objects.requireNonNull(source, "source");
        return switch (this) {
            case ANY_SOURCE -> true;
            case SIGNALLED_IP, SIGNALLING_IP -> signalled != null && signalled.getAddress().equals(source.getAddress());
            case SIGNALLED_ADDRESS -> signalled != null && signalled.getAddress().equals(source.getAddress())
                    && signalled.getPort() == source.getPort();
        };
    }
}
