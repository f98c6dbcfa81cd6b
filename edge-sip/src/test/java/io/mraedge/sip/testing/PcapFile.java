package io.mraedge.sip.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the UDP datagrams of a classic pcap file (the format of sipp's {@code g711a.pcap} and of
 * {@code tcpdump -w}): either byte order, micro- or nanosecond timestamps; link types Ethernet
 * (1, what tcpdump writes for {@code lo}), raw IP (101), Linux cooked v1 (113) and v2 (276);
 * IPv4 and IPv6. Fragments, truncated frames and everything that is not UDP are skipped.
 */
public final class PcapFile {
    private static final int ETHERNET = 1;
    private static final int RAW = 101;
    private static final int LINUX_SLL = 113;
    private static final int LINUX_SLL2 = 276;

    private PcapFile() {
    }

    /** One UDP datagram as captured: addresses, payload and capture time. */
    public record Datagram(long timeMicros, InetSocketAddress source, InetSocketAddress destination, byte[] payload) {
        /** RTP version 2 (first byte 0x80-0xBF) with at least the 12-byte fixed header (RFC 3550 §5.1). */
        public boolean isRtp() {
            return payload.length >= 12 && (payload[0] & 0xC0) == 0x80;
        }

        /** The RTP sequence number; only for {@link #isRtp()}. */
        public int rtpSequence() {
            return ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF);
        }

        @Override
        public String toString() {
            return source + " > " + destination + " (" + payload.length + " bytes)";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Datagram d && d.timeMicros == timeMicros && d.source.equals(source)
                    && d.destination.equals(destination) && Arrays.equals(d.payload, payload);
        }

        @Override
        public int hashCode() {
            return source.hashCode() * 31 + Arrays.hashCode(payload);
        }
    }

    /** Every UDP datagram of {@code file}, in file order. */
    public static List<Datagram> udp(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        if (b.remaining() < 24) {
            throw new IOException(file + ": shorter than a pcap header (" + b.remaining() + " bytes)");
        }
        int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(0);
        boolean nanos;
        if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d) {
            b.order(ByteOrder.LITTLE_ENDIAN);
            nanos = magic == 0xa1b23c4d;
        } else if (Integer.reverseBytes(magic) == 0xa1b2c3d4 || Integer.reverseBytes(magic) == 0xa1b23c4d) {
            b.order(ByteOrder.BIG_ENDIAN);
            nanos = Integer.reverseBytes(magic) == 0xa1b23c4d;
        } else {
            throw new IOException(file + ": not a classic pcap file (magic " + Integer.toHexString(magic)
                    + "; pcapng is not read here)");
        }
        int linkType = b.getInt(20) & 0x0FFFFFFF;
        List<Datagram> out = new ArrayList<>();
        int pos = 24;
        while (pos + 16 <= b.limit()) {
            long seconds = b.getInt(pos) & 0xFFFFFFFFL;
            long fraction = b.getInt(pos + 4) & 0xFFFFFFFFL;
            int captured = b.getInt(pos + 8);
            int start = pos + 16;
            if (captured < 0 || start + captured > b.limit()) {
                break; // the capture was cut off mid-record
            }
            long micros = seconds * 1_000_000L + (nanos ? fraction / 1000 : fraction);
            Datagram d = frame(b, start, captured, linkType, micros);
            if (d != null) {
                out.add(d);
            }
            pos = start + captured;
        }
        return out;
    }

    private static Datagram frame(ByteBuffer b, int start, int length, int linkType, long micros) {
        ByteBuffer f = b.duplicate().order(ByteOrder.BIG_ENDIAN);
        f.position(start).limit(start + length);
        int etherType;
        switch (linkType) {
            case ETHERNET -> {
                if (f.remaining() < 14) {
                    return null;
                }
                int at = start + 12;
                etherType = f.getShort(at) & 0xFFFF;
                at += 2;
                while (etherType == 0x8100 || etherType == 0x88A8) { // VLAN tags
                    if (at + 4 > f.limit()) {
                        return null;
                    }
                    etherType = f.getShort(at + 2) & 0xFFFF;
                    at += 4;
                }
                f.position(at);
            }
            case LINUX_SLL -> {
                if (f.remaining() < 16) {
                    return null;
                }
                etherType = f.getShort(start + 14) & 0xFFFF;
                f.position(start + 16);
            }
            case LINUX_SLL2 -> {
                if (f.remaining() < 20) {
                    return null;
                }
                etherType = f.getShort(start) & 0xFFFF;
                f.position(start + 20);
            }
            case RAW -> {
                if (!f.hasRemaining()) {
                    return null;
                }
                etherType = (f.get(start) & 0xF0) == 0x60 ? 0x86DD : 0x0800;
            }
            default -> {
                return null;
            }
        }
        return switch (etherType) {
            case 0x0800 -> ipv4(f, micros);
            case 0x86DD -> ipv6(f, micros);
            default -> null;
        };
    }

    private static Datagram ipv4(ByteBuffer f, long micros) {
        int ip = f.position();
        if (f.remaining() < 20 || (f.get(ip) & 0xF0) != 0x40) {
            return null;
        }
        int headerLength = (f.get(ip) & 0x0F) * 4;
        int total = f.getShort(ip + 2) & 0xFFFF;
        int flagsAndOffset = f.getShort(ip + 6) & 0xFFFF;
        if ((flagsAndOffset & 0x3FFF) != 0 || f.get(ip + 9) != 17) {
            return null; // a fragment, or not UDP
        }
        byte[] src = new byte[4];
        byte[] dst = new byte[4];
        f.get(ip + 12, src);
        f.get(ip + 16, dst);
        int end = Math.min(f.limit(), ip + total);
        return udp(f, ip + headerLength, end, src, dst, micros);
    }

    private static Datagram ipv6(ByteBuffer f, long micros) {
        int ip = f.position();
        if (f.remaining() < 40 || f.get(ip + 6) != 17) {
            return null; // extension headers are not followed
        }
        int payloadLength = f.getShort(ip + 4) & 0xFFFF;
        byte[] src = new byte[16];
        byte[] dst = new byte[16];
        f.get(ip + 8, src);
        f.get(ip + 24, dst);
        int end = Math.min(f.limit(), ip + 40 + payloadLength);
        return udp(f, ip + 40, end, src, dst, micros);
    }

    private static Datagram udp(ByteBuffer f, int at, int end, byte[] src, byte[] dst, long micros) {
        if (at + 8 > end) {
            return null;
        }
        int sport = f.getShort(at) & 0xFFFF;
        int dport = f.getShort(at + 2) & 0xFFFF;
        int udpLength = f.getShort(at + 4) & 0xFFFF;
        if (udpLength < 8 || at + udpLength > end) {
            return null; // truncated by the snap length
        }
        byte[] payload = new byte[udpLength - 8];
        f.get(at + 8, payload);
        try {
            return new Datagram(micros, new InetSocketAddress(InetAddress.getByAddress(src), sport),
                    new InetSocketAddress(InetAddress.getByAddress(dst), dport), payload);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e); // 4 or 16 bytes: never
        }
    }
}
