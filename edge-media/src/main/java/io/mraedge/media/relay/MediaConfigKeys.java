package io.mraedge.media.relay;

import io.mraedge.core.config.ConfigReader;
import io.mraedge.media.ports.PortRange;
import java.net.InetAddress;

/** The keys both roles' {@code media:} sections share, read the same way on both. */
final class MediaConfigKeys {
    static final int DEFAULT_MAX_DATAGRAM = 2048;
    static final int DEFAULT_RECV_BATCH = 16;
    /** Largest UDP payload over IPv4 (65535 - 8 - 20). */
    static final int MAX_UDP_PAYLOAD = 65507;
    /** Smallest useful datagram limit: a 12-byte RTP header and a little payload. */
    static final int MIN_DATAGRAM = 64;
    static final int MAX_RECV_BATCH = 1024;
    /** The receive buffer of one read, max-datagram x recv-batch, must stay below this. */
    static final int MAX_READ_BUFFER = 16 * 1024 * 1024;

    private MediaConfigKeys() {
    }

    /** A port range under {@code key}, or {@code fallback} (also after a recorded problem). */
    static PortRange portRange(ConfigReader media, String key, PortRange fallback) {
        String text = media.string(key, fallback.toString());
        try {
            return PortRange.parse(text);
        } catch (IllegalArgumentException e) {
            media.problem(key, e.getMessage());
            return fallback;
        }
    }

    /** Checks max-datagram x recv-batch, recording a problem on {@code recv-batch}. */
    static boolean readBufferFits(ConfigReader media, int maxDatagram, int recvBatch) {
        if ((long) maxDatagram * recvBatch > MAX_READ_BUFFER) {
            media.problem("recv-batch", "max-datagram x recv-batch must stay below " + MAX_READ_BUFFER
                    + " bytes; lower one of them");
            return false;
        }
        return true;
    }

    /** Records a problem when {@code address} is a wildcard: SDP cannot carry 0.0.0.0. */
    static void concrete(ConfigReader media, String key, InetAddress address, String why) {
        if (address != null && address.isAnyLocalAddress()) {
            media.problem(key, "must be a concrete IP address, not " + address.getHostAddress() + "; " + why);
        }
    }

    /** The record-level check behind the parsers' problems, for code that builds configs itself. */
    static void checkDatagram(int maxDatagram, int recvBatch) {
        if (maxDatagram < MIN_DATAGRAM || maxDatagram > MAX_UDP_PAYLOAD) {
            throw new IllegalArgumentException("maxDatagram must be in " + MIN_DATAGRAM + "-" + MAX_UDP_PAYLOAD
                    + ", got " + maxDatagram);
        }
        if (recvBatch < 1 || recvBatch > MAX_RECV_BATCH) {
            throw new IllegalArgumentException("recvBatch must be in 1-" + MAX_RECV_BATCH + ", got " + recvBatch);
        }
        if ((long) maxDatagram * recvBatch > MAX_READ_BUFFER) {
            throw new IllegalArgumentException("maxDatagram x recvBatch must stay below " + MAX_READ_BUFFER);
        }
    }
}
