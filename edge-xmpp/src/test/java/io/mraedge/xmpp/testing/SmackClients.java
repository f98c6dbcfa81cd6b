package io.mraedge.xmpp.testing;

import io.mraedge.core.tls.TlsContexts;
import java.net.InetAddress;
import java.nio.file.Path;
import org.jivesoftware.smack.ConnectionConfiguration;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;

/**
 * Smack 4.4 clients for the tests: STARTTLS required, the certificate checked against the test
 * CA and the XMPP domain (Smack's default host name verifier), connecting to a given port on
 * 127.0.0.1 instead of resolving SRV records.
 */
public final class SmackClients {
    private SmackClients() {
    }

    /** A connected and logged-in client. */
    public static XMPPTCPConnection login(String user, String domain, String password, int port, Path ca)
            throws Exception {
        XMPPTCPConnection c = new XMPPTCPConnection(config(user, domain, password, port, ca));
        c.setReplyTimeout(20_000);
        c.connect().login();
        return c;
    }

    public static XMPPTCPConnectionConfiguration config(String user, String domain, String password, int port, Path ca)
            throws Exception {
        return config(user, domain, password, InetAddress.getLoopbackAddress(), port, ca);
    }

    /** As {@link #config(String, String, String, int, Path)}, to {@code host} rather than 127.0.0.1. */
    public static XMPPTCPConnectionConfiguration config(String user, String domain, String password, InetAddress host,
                                                        int port, Path ca) throws Exception {
        return XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(domain)
                .setHostAddress(host)
                .setPort(port)
                .setUsernameAndPassword(user, password)
                .setResource("smack")
                .setSecurityMode(ConnectionConfiguration.SecurityMode.required)
                .setCustomX509TrustManager(TlsContexts.pkixTrustManager(ca))
                .setConnectTimeout(20_000)
                .build();
    }
}
