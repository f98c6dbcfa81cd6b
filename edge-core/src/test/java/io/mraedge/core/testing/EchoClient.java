package io.mraedge.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.Random;

/** A blocking client of the echo listener: sends bytes and reads them back. */
public final class EchoClient {
    private EchoClient() {
    }

    /** Sends {@code size} pseudo-random bytes (seeded) and returns true when the echo matches. */
    public static boolean roundTrip(int port, int size, long seed) throws IOException {
        byte[] sent = new byte[size];
        new Random(seed).nextBytes(sent);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(sent);
                    out.flush();
                } catch (IOException ignored) {
                    // the reader reports the failure
                }
            }, "echo-writer");
            writer.start();
            byte[] got = in.readNBytes(size);
            return Arrays.equals(sent, got);
        }
    }
}
