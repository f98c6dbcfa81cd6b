package io.mraedge.http.testing;

import io.mraedge.core.tls.TlsContexts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * Sends exactly the bytes a test writes over TLS (HTTP/1.1, no ALPN) and reads the status line:
 * for requests curl would normalise or refuse to send (dot segments, CR/LF, raw bytes).
 */
public final class RawHttps {
    private final SSLContext tls;
    private final int port;

    public RawHttps(Path caCert, int port) throws Exception {
        this.tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {TlsContexts.pkixTrustManager(caCert)}, null);
        this.port = port;
    }

    /** Sends {@code method target} with Host, the given Authorization and Connection: close; returns the status. */
    public int request(String method, String target, String authorization) throws IOException {
        String head = method + " " + target + " HTTP/1.1\r\nHost: expe1.example.com\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
                + "Content-Length: 0\r\nConnection: close\r\n\r\n";
        return send(head.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends raw bytes; returns the status code, or -1 when the connection closed without one. */
    public int send(byte[] request) throws IOException {
        try (Socket plain = new Socket(InetAddress.getLoopbackAddress(), port);
             SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket(plain, "expe1.example.com", port, true)) {
            s.setSoTimeout(20_000);
            s.startHandshake();
            s.getOutputStream().write(request);
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                line.write(b);
            }
            String status = line.toString(StandardCharsets.ISO_8859_1);
            String[] parts = status.split(" ");
            return parts.length >= 2 && parts[1].matches("\\d{3}") ? Integer.parseInt(parts[1]) : -1;
        }
    }
}
