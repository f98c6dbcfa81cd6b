package io.mraedge.media.sdp;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;

/**
 * The address of a {@code c=} line (RFC 8866 §5.7), network type {@code IN}. {@code address} is
 * the connection address without a multicast {@code /ttl} or {@code /count} suffix: an IPv4 or
 * IPv6 literal (IPv6 in the text the peer sent), or a domain name.
 *
 * @param addrType {@code IP4} or {@code IP6}
 * @param address  the address text
 */
public record ConnectionData(String addrType, String address) {

    /** {@code IP4}. */
    public static final String IP4 = "IP4";
    /** {@code IP6}. */
    public static final String IP6 = "IP6";

    public ConnectionData {
        Objects.requireNonNull(addrType, "addrType");
        Objects.requireNonNull(address, "address");
        if (!IP4.equals(addrType) && !IP6.equals(addrType)) {
            throw new IllegalArgumentException("addrType must be IP4 or IP6: " + addrType);
        }
    }

    /** The connection data for a literal address, IPv6 in RFC 5952 form. */
    public static ConnectionData of(InetAddress address) {
        return new ConnectionData(address instanceof Inet4Address ? IP4 : IP6, IpLiteral.format(address));
    }

    /**
     * The address when it is a literal of its {@link #addrType}; empty for a domain name. Never
     * resolves a name (no DNS on a signalling thread).
     */
    public Optional<InetAddress> inetAddress() {
        byte[] ascii = IpLiteral.ascii(address);
        byte[] raw = IP4.equals(addrType) ? IpLiteral.parseIpv4(ascii, 0, ascii.length)
                : IpLiteral.parseIpv6(ascii, 0, ascii.length);
        if (raw == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(raw));
        } catch (UnknownHostException impossible) { // only for a wrong array length
            throw new IllegalStateException(impossible);
        }
    }
}
