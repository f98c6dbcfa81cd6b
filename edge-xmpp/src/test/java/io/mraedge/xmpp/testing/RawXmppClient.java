package io.mraedge.xmpp.testing;

import io.mraedge.core.tls.TlsContexts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * A bare-hands XMPP client for refusal tests: writes exactly the bytes a test wants, from a
 * chosen loopback source address (so protection counts land on that source), and reads what
 * comes back as text. Test code only.
 */
public final class RawXmppClient implements AutoCloseable {
    public static final String CLIENT_HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='%s' version='1.0'>";

    private Socket socket;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private boolean closed;

    private RawXmppClient(Socket socket) {
        this.socket = socket;
    }

    public static RawXmppClient connect(String sourceAddress, int port) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(sourceAddress), 0));
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10_000);
        return new RawXmppClient(s);
    }

    public static String header(String domain) {
        return String.format(CLIENT_HEADER, domain);
    }

    public RawXmppClient send(String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        return this;
    }

    /** Reads until the text received so far contains {@code marker}, the peer closes, or the time is up. */
    public String readUntil(String marker, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        InputStream in = socket.getInputStream();
        byte[] buf = new byte[8192];
        while (!text().contains(marker) && !closed) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                break;
            }
            socket.setSoTimeout((int) Math.max(1, left));
            try {
                int n = in.read(buf);
                if (n < 0) {
                    closed = true;
                } else {
                    received.write(buf, 0, n);
                }
            } catch (SocketTimeoutException e) {
                break;
            } catch (IOException e) {
                closed = true;
            }
        }
        return text();
    }

    /** Reads until the peer closes (or the time is up); true when it closed. */
    public boolean awaitClose(Duration timeout) throws IOException {
        readUntil("\u0000never\u0000", timeout);
        return closed;
    }

    public String text() {
        return received.toString(StandardCharsets.UTF_8);
    }

    /** Forgets what was received so far (the next stream starts afresh). */
    public void clear() {
        received.reset();
    }

    /** Wraps the connection in TLS (after {@code <proceed/>}), trusting {@code ca}, for {@code host}. */
    public void startTls(Path ca, String host) throws IOException {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {TlsContexts.pkixTrustManager(ca)}, new SecureRandom());
            SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, host, socket.getPort(), true);
            ssl.startHandshake();
            socket = ssl;
            received.reset();
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
