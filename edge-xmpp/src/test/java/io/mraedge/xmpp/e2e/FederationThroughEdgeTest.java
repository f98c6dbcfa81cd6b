package io.mraedge.xmpp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.testing.RealPeer;
import io.mraedge.core.testing.TestPki;
import io.mraedge.xmpp.edge.XmppListenerKind;
import io.mraedge.xmpp.testing.ProsodyServer;
import io.mraedge.xmpp.testing.SmackClients;
import io.mraedge.xmpp.testing.TestDns;
import io.mraedge.xmpp.testing.XmppCluster;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inbound federation through the edge's 5269: a second Prosody ({@value #REMOTE}, on its own
 * loopback address, standing for a partner's server on the internet) finds
 * {@code _xmpp-server._tcp.example.com} in a test dnsmasq, pointing at the edge; the edge does
 * STARTTLS, opens an {@code xmpp-server} flow, and the connector relays to the inside Prosody's
 * s2s port. Dialback (XEP-0220) passes through: the inside Prosody verifies the key by asking
 * {@value #REMOTE} directly (that is its own outbound federation, not the edge's). Carol on
 * {@value #REMOTE} writes to bob, who is logged in through the edge's 5222.
 *
 * <p>DNS: both Prosodys run with the test's resolv.conf bind-mounted over /etc/resolv.conf in a
 * private mount namespace ({@code unshare -m}, root only); the machine's files are untouched.
 */
class FederationThroughEdgeTest {
    private static final String INSIDE = "example.com";
    private static final String REMOTE = "remote.test";
    private static final String REMOTE_ADDRESS = "127.0.0.2";
    private static final String DNS_ADDRESS = "127.0.0.153";
    private static final String PASSWORD = "federation-pw";

    @TempDir
    static Path dir;
    static TestPki pki;
    static TestDns dns;
    static ProsodyServer inside;
    static ProsodyServer remote;
    static XmppCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        RealPeer.require("prosody", "prosody");
        RealPeer.require("dnsmasq", "dnsmasq");
        pki = TestPki.create(dir);
        XmppCluster.issueEdgeCertificate(pki, List.of(INSIDE));
        cluster = XmppCluster.start(pki, "    idle-timeout: 5m\n");
        // The far side's ports are only known once it runs, and it needs DNS to start federating,
        // so DNS comes up first with the edge's record, then again once the remote port is known.
        int remoteS2s = io.mraedge.xmpp.testing.FreePorts.find(REMOTE_ADDRESS);
        dns = TestDns.start(dir.resolve("dns"), DNS_ADDRESS, List.of(
                "address=/edge.test/127.0.0.1",
                "address=/" + REMOTE + "/" + REMOTE_ADDRESS,
                "srv-host=_xmpp-server._tcp." + INSIDE + ",edge.test," + cluster.port(XmppListenerKind.SERVER) + ",0,5",
                "srv-host=_xmpp-server._tcp." + REMOTE + "," + REMOTE + "," + remoteS2s + ",0,5"));
        inside = ProsodyServer.start(dir.resolve("inside"), pki,
                new ProsodyServer.Options("127.0.0.1", List.of(INSIDE), true, dns.resolvConf(), 0));
        remote = ProsodyServer.start(dir.resolve("remote"), pki,
                new ProsodyServer.Options(REMOTE_ADDRESS, List.of(REMOTE), true, dns.resolvConf(), remoteS2s));
        inside.register("bob", INSIDE, PASSWORD);
        remote.register("carol", REMOTE, PASSWORD);
        cluster.connector("connector-1", XmppCluster.connectorSection(pki, inside, List.of(INSIDE), true));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        for (AutoCloseable c : new AutoCloseable[] {remote, inside, dns}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    @Test
    void aMessageFromAFederatedServerCrossesTheEdge() throws Exception {
        XMPPTCPConnection bob = SmackClients.login("bob", INSIDE, PASSWORD, cluster.port(XmppListenerKind.CLIENT),
                pki.caCert());
        XMPPTCPConnection carol = new XMPPTCPConnection(SmackClients.config("carol", REMOTE, PASSWORD,
                InetAddress.getByName(REMOTE_ADDRESS), remote.c2sPort(), pki.caCert()));
        try {
            carol.connect().login();
            BlockingQueue<Message> toBob = new LinkedBlockingQueue<>();
            bob.addAsyncStanzaListener(s -> toBob.add((Message) s), MessageWithBodiesFilter.INSTANCE);
            carol.sendStanza(carol.getStanzaFactory().buildMessageStanza().to(JidCreate.entityBareFrom("bob@" + INSIDE))
                    .ofType(Message.Type.chat).setBody("hello from a federated server").build());
            Message got = toBob.poll(60, TimeUnit.SECONDS);
            assertThat(got).as("bob's message; remote: %s%ninside: %s%ndns: %s", remote.output(), inside.output(),
                    dns.output()).isNotNull();
            assertThat(got.getBody()).isEqualTo("hello from a federated server");
            assertThat(got.getFrom().asBareJid().toString()).isEqualTo("carol@" + REMOTE);
            assertThat(cluster.edge().metrics().scrape()).contains("protocol=\"xmpp-server\"");
        } finally {
            carol.disconnect();
            bob.disconnect();
        }
    }
}
