package io.mraedge.core.protection;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IP prefix such as {@code 10.0.0.0/8} or {@code 2001:db8::/32}, used for protection
 * exemptions ("many users behind one NAT"). Immutable and thread-safe.
 *
 * <p>{@link #parse} takes literals only and never asks DNS: loading exemptions must not hang on
 * a resolver, and a name would silently mean whatever DNS says on the day. A prefix with host bits
 * set ({@code 10.1.2.3/8}) is refused rather than masked, because it is usually a typo for a
 * single host or a different network, and the operator should see which.
 *
 * <p>IPv4-mapped IPv6 addresses ({@code ::ffff:192.0.2.1}), which a dual-stack listener may
 * report as the remote address, are matched as the IPv4 address they carry; see
 * {@link #canonical(InetAddress)}.
 */
public final class Cidr {

    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final int MAPPED_PREFIX_BITS = 96;

    private final InetAddress network;
    private final byte[] bytes;
    private final int prefixLength;

    private Cidr(InetAddress network, int prefixLength) {
        this.network = network;
        this.bytes = network.getAddress();
        this.prefixLength = prefixLength;
    }

    /**
     * Parses {@code address/prefix} or a bare address (a single host: /32 or /128).
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
        InetAddress address = literal(addressText);
        if (address == null) {
            throw invalid(text, "\"" + addressText + "\" is not an IPv4 or IPv6 address literal");
        }
        // "::ffff:a.b.c.d" parses as the IPv4 address; its prefix counts the 96 mapping bits too.
        boolean mapped = address instanceof Inet4Address && addressText.contains(":");
        int maxBits = mapped ? 128 : address.getAddress().length * 8;
        int prefix = slash < 0 ? maxBits : prefixLength(text, trimmed.substring(slash + 1), maxBits);
        if (mapped) {
            if (prefix < MAPPED_PREFIX_BITS) {
                throw invalid(text, "an IPv4-mapped prefix must be at least /96");
            }
            prefix -= MAPPED_PREFIX_BITS;
        }
        Cidr cidr = of(address, prefix);
        if (!Arrays.equals(cidr.bytes, address.getAddress())) {
            throw invalid(text, "host bits are set; did you mean " + cidr + "?");
        }
        return cidr;
    }

    /**
     * The prefix of {@code address} of length {@code prefixLength}, host bits cleared.
     *
     * @throws IllegalArgumentException if the length is outside 0-32 (IPv4) or 0-128 (IPv6)
     */
    public static Cidr of(InetAddress address, int prefixLength) {
        InetAddress canonical = canonical(Objects.requireNonNull(address, "address"));
        byte[] raw = canonical.getAddress();
        int maxBits = raw.length * 8;
        if (prefixLength < 0 || prefixLength > maxBits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is out of range 0-" + maxBits);
        }
        for (int bit = prefixLength; bit < maxBits; bit++) {
            raw[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        try {
            return new Cidr(InetAddress.getByAddress(raw), prefixLength);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes is always an address", e);
        }
    }

    /**
     * The address as protection keys it: an IPv4-mapped IPv6 address becomes its IPv4 address,
     * so that one client is one source whichever way the socket reports it; others unchanged.
     */
    public static InetAddress canonical(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] raw = address.getAddress();
            if (isMapped(raw)) {
                try {
                    return InetAddress.getByAddress(Arrays.copyOfRange(raw, 12, 16));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException("4 bytes is always an address", e);
                }
            }
        }
        return address;
    }

    /** Whether any of {@code prefixes} contains {@code address}. */
    public static boolean anyContains(List<Cidr> prefixes, InetAddress address) {
        for (Cidr prefix : prefixes) {
            if (prefix.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code address} lies in this prefix; an IPv4-mapped address matches IPv4 prefixes. */
    public boolean contains(InetAddress address) {
        byte[] candidate = canonical(address).getAddress();
        if (candidate.length != bytes.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (candidate[i] != bytes[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff00 >>> rest) & 0xff;
        return (candidate[whole] & mask) == (bytes[whole] & mask);
    }

    /** The network address (host bits zero). */
    public InetAddress network() {
        return network;
    }

    public int prefixLength() {
        return prefixLength;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr other && prefixLength == other.prefixLength && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bytes) + prefixLength;
    }

    /** As an operator writes it, e.g. {@code 10.0.0.0/8}. */
    @Override
    public String toString() {
        return network.getHostAddress() + "/" + prefixLength;
    }

    private static boolean isMapped(byte[] raw) {
        if (raw.length != 16 || raw[10] != (byte) 0xff || raw[11] != (byte) 0xff) {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            if (raw[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static int prefixLength(String text, String digits, int maxBits) {
        if (!digits.matches("\\d{1,3}")) {
            throw invalid(text, "prefix length \"" + digits + "\" is not a number");
        }
        int prefix = Integer.parseInt(digits);
        if (prefix > maxBits) {
            throw invalid(text, "prefix length " + prefix + " is out of range 0-" + maxBits);
        }
        return prefix;
    }

    /** An IPv4 dotted quad or an IPv6 literal, never a name; null when it is neither. */
    private static InetAddress literal(String text) {
        try {
            Matcher v4 = IPV4.matcher(text);
            if (v4.matches()) {
                byte[] octets = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(v4.group(i + 1));
                    if (octet > 255) {
                        return null;
                    }
                    octets[i] = (byte) octet;
                }
                return InetAddress.getByAddress(octets);
            }
            // A scope (%eth0) means nothing for a source address on the internet; refuse it.
            if (text.contains(":") && !text.contains("%") && !text.contains("[")) {
                // In brackets, InetAddress takes the text as an IPv6 literal and never asks DNS.
                return InetAddress.getByName("[" + text + "]");
            }
        } catch (UnknownHostException e) {
            return null;
        }
        return null;
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("\"" + text + "\" is not a valid CIDR prefix: " + why);
    }
}
