package io.mraedge.media.relay;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.concurrent.TimeUnit;

/**
 * The baseline target: one socket, one thread, each datagram sent straight back to its sender
 * (plain JDK blocking socket, which is a DatagramChannel underneath). It is the least a UDP
 * forwarder can do per packet in Java: one receive and one send system call, no lookup.
 *
 * <p>{@code UdpEchoProcess <bind-ip> <max-seconds>}: prints {@code READY <port>} and runs until
 * SIGTERM or max-seconds.
 */
public final class UdpEchoProcess {
    private UdpEchoProcess() {
    }

    public static void main(String[] args) throws IOException {
        InetAddress ip = InetAddress.getByName(args[0]);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[1]));
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(ip, 0))) {
            socket.setReceiveBufferSize(4 << 20);
            socket.setSendBufferSize(4 << 20);
            socket.setSoTimeout(200); // so that the loop sees its deadline
            System.out.println("READY " + socket.getLocalPort());
            System.out.flush();
            byte[] buf = new byte[2048];
            DatagramPacket packet = new DatagramPacket(buf, buf.length);
            while (System.nanoTime() < deadline) {
                packet.setLength(buf.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                socket.send(packet); // back to packet.getSocketAddress(), the sender
            }
        }
    }
}
