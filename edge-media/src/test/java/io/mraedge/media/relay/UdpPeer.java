package io.mraedge.media.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.Arrays;

/**
 * A plain UDP endpoint for the relay tests: a client, an inside endpoint, or a stranger. Sends
 * RTP-shaped datagrams (version 2, a sequence number) and receives them, blocking with a generous
 * timeout that bounds failures, never measures speed.
 */
final class UdpPeer implements AutoCloseable {
    static final int RTP_SIZE = 172;
    /** Datagrams in flight at most: windowed sending keeps loopback loss at zero. */
    static final int WINDOW = 32;
    private static final int RECEIVE_TIMEOUT_MS = 5_000;

    private final DatagramSocket socket;

    private UdpPeer(DatagramSocket socket) {
        this.socket = socket;
    }

    static UdpPeer on(String ip) {
        try {
            DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(ip), 0));
            socket.setReceiveBufferSize(1 << 20);
            socket.setSoTimeout(RECEIVE_TIMEOUT_MS);
            return new UdpPeer(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    void send(InetSocketAddress to, byte[] payload) {
        try {
            socket.send(new DatagramPacket(payload, payload.length, to));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next datagram, or {@code null} after {@code timeoutMs}. */
    DatagramPacket receive(int timeoutMs) {
        byte[] buffer = new byte[4096];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            socket.setSoTimeout(timeoutMs);
            socket.receive(packet);
            return packet;
        } catch (SocketTimeoutException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                socket.setSoTimeout(RECEIVE_TIMEOUT_MS);
            } catch (IOException ignored) {
                // closed
            }
        }
    }

    /** Reads until nothing arrives for {@code quietMs}; returns how many datagrams came. */
    int drain(int quietMs) {
        int n = 0;
        while (receive(quietMs) != null) {
            n++;
        }
        return n;
    }

    static byte[] rtp(int sequence, int size) {
        byte[] p = new byte[size];
        p[0] = (byte) 0x80;
        p[1] = 0;
        p[2] = (byte) (sequence >>> 8);
        p[3] = (byte) sequence;
        for (int i = 12; i < size; i++) {
            p[i] = (byte) (sequence + i);
        }
        return p;
    }

    /**
     * Sends {@code count} RTP datagrams from {@code this} to {@code to}, {@link #WINDOW} at a time,
     * and checks that {@code receiver} gets every one, intact and from {@code expectedSource}.
     */
    void relay(int count, InetSocketAddress to, UdpPeer receiver, InetSocketAddress expectedSource) {
        int sent = 0;
        while (sent < count) {
            int batch = Math.min(WINDOW, count - sent);
            for (int i = 0; i < batch; i++) {
                send(to, rtp(sent + i, RTP_SIZE));
            }
            for (int i = 0; i < batch; i++) {
                DatagramPacket got = receiver.receive(RECEIVE_TIMEOUT_MS);
                assertThat(got).as("datagram %d of %d relayed to %s", sent + i + 1, count, receiver.address())
                        .isNotNull();
                assertThat(got.getSocketAddress()).as("relayed datagram's source").isEqualTo(expectedSource);
                byte[] data = Arrays.copyOfRange(got.getData(), got.getOffset(), got.getOffset() + got.getLength());
                assertThat(data).as("datagram %d", sent + i).isEqualTo(rtp(sent + i, RTP_SIZE));
            }
            sent += batch;
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
