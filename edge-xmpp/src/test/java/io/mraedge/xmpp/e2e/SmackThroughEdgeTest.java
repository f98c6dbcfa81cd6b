package io.mraedge.xmpp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.TestPki;
import io.mraedge.xmpp.edge.XmppListenerKind;
import io.mraedge.xmpp.testing.ProsodyServer;
import io.mraedge.xmpp.testing.SmackClients;
import io.mraedge.xmpp.testing.XmppCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.filter.MessageWithBodiesFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Smack 4.4.8, a full XMPP client library, logs in through the edge (STARTTLS on the client
 * listener, SCRAM end to end with Prosody) for each of two presence domains; two clients
 * subscribe to each other's presence, see status changes, and exchange chat messages.
 */
class SmackThroughEdgeTest {
    private static final List<String> DOMAINS = List.of("example.com", "example.net");
    private static final String PASSWORD = "smack-pw";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static TestPki pki;
    static ProsodyServer prosody;
    static XmppCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(dir);
        XmppCluster.issueEdgeCertificate(pki, DOMAINS);
        prosody = ProsodyServer.start(dir.resolve("prosody"), pki, ProsodyServer.Options.inside(DOMAINS));
        for (String d : DOMAINS) {
            prosody.register("alice", d, PASSWORD);
            prosody.register("bob", d, PASSWORD);
        }
        cluster = XmppCluster.start(pki, "    idle-timeout: 5m\n");
        cluster.connector("connector-1", XmppCluster.connectorSection(pki, prosody, DOMAINS, false));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (prosody != null) {
            prosody.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "example.net"})
    void twoClientsExchangePresenceAndMessagesThroughTheEdge(String domain) throws Exception {
        int port = cluster.port(XmppListenerKind.CLIENT);
        XMPPTCPConnection alice = SmackClients.login("alice", domain, PASSWORD, port, pki.caCert());
        XMPPTCPConnection bob = SmackClients.login("bob", domain, PASSWORD, port, pki.caCert());
        try {
            assertThat(alice.isSecureConnection()).isTrue();
            assertThat(alice.getUser().asEntityBareJidString()).isEqualTo("alice@" + domain);
            EntityBareJid aliceJid = JidCreate.entityBareFrom("alice@" + domain);
            EntityBareJid bobJid = JidCreate.entityBareFrom("bob@" + domain);

            // Presence: alice asks to see bob's; bob accepts every request.
            Roster.getInstanceFor(bob).setSubscriptionMode(Roster.SubscriptionMode.accept_all);
            Roster aliceRoster = Roster.getInstanceFor(alice);
            aliceRoster.createItemAndRequestSubscription(bobJid, "bob", null);
            Await.until("alice to see bob available", WAIT, () -> aliceRoster.getPresence(bobJid).isAvailable());
            String status = "in a meeting " + System.nanoTime();
            bob.sendStanza(bob.getStanzaFactory().buildPresenceStanza().setStatus(status).build());
            Await.until("alice to see bob's new status", WAIT,
                    () -> status.equals(aliceRoster.getPresence(bobJid).getStatus()));

            // Messages both ways.
            BlockingQueue<Message> toBob = new LinkedBlockingQueue<>();
            BlockingQueue<Message> toAlice = new LinkedBlockingQueue<>();
            bob.addAsyncStanzaListener(s -> toBob.add((Message) s), MessageWithBodiesFilter.INSTANCE);
            alice.addAsyncStanzaListener(s -> toAlice.add((Message) s), MessageWithBodiesFilter.INSTANCE);
            alice.sendStanza(alice.getStanzaFactory().buildMessageStanza().to(bobJid).ofType(Message.Type.chat)
                    .setBody("hello bob via the edge").build());
            Message got = toBob.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(got).as("bob's message").isNotNull();
            assertThat(got.getBody()).isEqualTo("hello bob via the edge");
            assertThat(got.getFrom().asBareJid().toString()).isEqualTo(aliceJid.toString());
            bob.sendStanza(bob.getStanzaFactory().buildMessageStanza().to(aliceJid).ofType(Message.Type.chat)
                    .setBody("hi alice").build());
            Message reply = toAlice.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(reply).as("alice's message").isNotNull();
            assertThat(reply.getBody()).isEqualTo("hi alice");

            aliceRoster.removeEntry(aliceRoster.getEntry(bobJid));
        } finally {
            alice.disconnect();
            bob.disconnect();
        }
    }
}
