package io.mraedge.media.relay;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A blocking client of rtpengine's ng control protocol: each request is {@code <cookie> <bencoded
 * dictionary>} in one UDP datagram and the reply carries the same cookie. Requests are retried
 * with the same cookie (rtpengine caches replies by cookie, so a retry is idempotent) a bounded
 * number of times.
 */
final class RtpengineNgClient implements AutoCloseable {
    private static final int ATTEMPTS = 3;
    private static final int TIMEOUT_MILLIS = 2_000;
    private final DatagramChannel channel;
    private final ByteBuffer in = ByteBuffer.allocate(65_535);
    private long cookies;

    RtpengineNgClient(InetSocketAddress ng) throws IOException {
        channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress(ng.getAddress(), 0));
        channel.connect(ng);
        channel.socket().setSoTimeout(TIMEOUT_MILLIS);
    }

    /** Sends {@code request} and returns the reply dictionary; throws when {@code result} is not "ok" (or "pong"). */
    @SuppressWarnings("unchecked")
    Map<String, Object> call(Map<String, Object> request) throws IOException {
        String cookie = Long.toString(++cookies) + "_" + ProcessHandle.current().pid();
        byte[] body = Bencode.encode(request);
        byte[] prefix = (cookie + " ").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer out = ByteBuffer.allocate(prefix.length + body.length).put(prefix).put(body);
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            out.flip().position(0);
            channel.write(out);
            long deadline = System.nanoTime() + TIMEOUT_MILLIS * 1_000_000L;
            while (System.nanoTime() < deadline) {
                in.clear();
                int n;
                try {
                    n = receive();
                } catch (SocketTimeoutException e) {
                    break;
                }
                byte[] data = new byte[n];
                in.flip().get(data);
                int space = indexOf(data, (byte) ' ');
                if (space < 0 || !new String(data, 0, space, StandardCharsets.US_ASCII).equals(cookie)) {
                    continue; // a late reply to an earlier attempt
                }
                Map<String, Object> reply = (Map<String, Object>) Bencode.decode(data, space + 1, data.length);
                Object result = reply.get("result");
                if (!"ok".equals(result) && !"pong".equals(result)) {
                    throw new IOException("rtpengine " + request.get("command") + ": " + result + " " + reply.get("error-reason"));
                }
                return reply;
            }
        }
        throw new IOException("rtpengine did not answer " + request.get("command") + " after " + ATTEMPTS + " attempts");
    }

    /** A blocking read through the socket adaptor, which honours SO_TIMEOUT. */
    private int receive() throws IOException {
        java.net.DatagramPacket p = new java.net.DatagramPacket(in.array(), in.capacity());
        channel.socket().receive(p);
        in.position(p.getLength());
        return p.getLength();
    }

    private static int indexOf(byte[] data, byte b) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
