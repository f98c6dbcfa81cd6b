package io.mraedge.xmpp;

import io.mraedge.core.tls.TlsContexts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

/**
 * A minimal blocking XMPP client for the load drivers: STARTTLS (certificate checked against a
 * CA), SASL PLAIN, resource binding, initial presence; then raw writes and a counting reader.
 * The same code talks to the edge and, for the baseline, straight to Prosody.
 */
final class BenchXmppClient implements AutoCloseable {
    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='%s' version='1.0'>";

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    static BenchXmppClient login(String host, int port, String user, String domain, String password, Path ca)
            throws IOException {
        BenchXmppClient c = new BenchXmppClient();
        c.socket = new Socket();
        c.socket.connect(new InetSocketAddress(host, port), 10_000);
        c.socket.setSoTimeout(60_000);
        c.socket.setTcpNoDelay(true);
        c.streams();
        c.send(String.format(HEADER, domain));
        c.readUntil("</stream:features>");
        c.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
        c.readUntil("<proceed");
        c.startTls(ca, domain);
        c.send(String.format(HEADER, domain));
        c.readUntil("</stream:features>");
        String plain = Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
        c.send("<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>" + plain + "</auth>");
        if (!c.readUntil("<success", "<failure").contains("<success")) {
            throw new IOException("SASL failed for " + user + "@" + domain);
        }
        c.send(String.format(HEADER, domain));
        c.readUntil("</stream:features>");
        c.send("<iq type='set' id='bind1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>bench</resource></bind></iq>");
        c.readUntil("</iq>");
        c.send("<presence/>");
        return c;
    }

    private void streams() throws IOException {
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    void send(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    OutputStream output() {
        return out;
    }

    InputStream input() {
        return in;
    }

    private String readUntil(String... markers) throws IOException {
        byte[] buf = new byte[8192];
        while (true) {
            String text = pending.toString(StandardCharsets.UTF_8);
            for (String m : markers) {
                int at = text.indexOf(m);
                if (at >= 0) {
                    pending.reset();
                    return text;
                }
            }
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("closed while waiting for " + String.join(" or ", markers) + ": " + text);
            }
            pending.write(buf, 0, n);
        }
    }

    private void startTls(Path ca, String host) throws IOException {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {TlsContexts.pkixTrustManager(ca)}, new SecureRandom());
            SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(socket, host, socket.getPort(), true);
            ssl.startHandshake();
            socket = ssl;
            streams();
            pending.reset();
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
