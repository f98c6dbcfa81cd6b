package io.mraedge.xmpp.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mraedge.core.maintenance.ServiceState;
import io.mraedge.core.metrics.MetricNames;
import io.mraedge.core.protection.ProtectionCategory;
import io.mraedge.core.testing.TestPki;
import io.mraedge.xmpp.edge.XmppListenerKind;
import io.mraedge.xmpp.testing.ProsodyServer;
import io.mraedge.xmpp.testing.RawXmppClient;
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
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.impl.JidCreate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each refusal of the edge's XMPP listeners, against a real Prosody behind it: the refused
 * client gets the right stream error and is disconnected; protocol violations are counted for
 * protection (each from its own loopback source); and an established Smack session carries on
 * while a new client is still served.
 */
class XmppRefusalTest {
    private static final String DOMAIN = "example.com";
    private static final String PASSWORD = "refusal-pw";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int MAX_STANZA = 16 * 1024;

    @TempDir
    static Path dir;
    static TestPki pki;
    static ProsodyServer prosody;
    static XmppCluster cluster;
    static XMPPTCPConnection alice;
    static XMPPTCPConnection bob;
    static final BlockingQueue<Message> toBob = new LinkedBlockingQueue<>();

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(dir);
        XmppCluster.issueEdgeCertificate(pki, List.of(DOMAIN));
        prosody = ProsodyServer.start(dir.resolve("prosody"), pki, ProsodyServer.Options.inside(List.of(DOMAIN)));
        prosody.register("alice", DOMAIN, PASSWORD);
        prosody.register("bob", DOMAIN, PASSWORD);
        cluster = XmppCluster.start(pki, "    max-stanza-size: " + MAX_STANZA + "\n    negotiation-timeout: 10s\n");
        cluster.connector("connector-1", XmppCluster.connectorSection(pki, prosody, List.of(DOMAIN), false));
        alice = SmackClients.login("alice", DOMAIN, PASSWORD, cluster.port(XmppListenerKind.CLIENT), pki.caCert());
        bob = SmackClients.login("bob", DOMAIN, PASSWORD, cluster.port(XmppListenerKind.CLIENT), pki.caCert());
        bob.addAsyncStanzaListener(s -> toBob.add((Message) s), MessageWithBodiesFilter.INSTANCE);
    }

    @AfterAll
    static void stop() {
        if (alice != null) {
            alice.disconnect();
        }
        if (bob != null) {
            bob.disconnect();
        }
        if (cluster != null) {
            cluster.close();
        }
        if (prosody != null) {
            prosody.close();
        }
    }

    @AfterEach
    void theEstablishedSessionAndANewClientStillWork() throws Exception {
        String body = "still here " + System.nanoTime();
        alice.sendStanza(alice.getStanzaFactory().buildMessageStanza().to(JidCreate.entityBareFrom("bob@" + DOMAIN))
                .ofType(Message.Type.chat).setBody(body).build());
        Message got = toBob.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(got).as("the established session carries on").isNotNull();
        assertThat(got.getBody()).isEqualTo(body);
        try (RawXmppClient next = RawXmppClient.connect("127.0.0.1", cluster.port(XmppListenerKind.CLIENT))) {
            assertThat(next.send(RawXmppClient.header(DOMAIN)).readUntil("</stream:features>", WAIT))
                    .as("the next client is served").contains("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/>");
        }
    }

    @Test
    void anUnknownDomainGetsHostUnknown() throws Exception {
        double before = violations();
        try (RawXmppClient c = RawXmppClient.connect("127.0.0.2", cluster.port(XmppListenerKind.CLIENT))) {
            String reply = c.send(RawXmppClient.header("not-served.example")).readUntil("</stream:stream>", WAIT);
            assertThat(reply).contains("<stream:stream").contains("xmlns='jabber:client'")
                    .contains("<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>")
                    .endsWith("</stream:stream>");
            assertThat(c.awaitClose(WAIT)).isTrue();
        }
        assertThat(violations()).isEqualTo(before + 1);
    }

    @Test
    void malformedXmlGetsNotWellFormed() throws Exception {
        double before = violations();
        try (RawXmppClient c = RawXmppClient.connect("127.0.0.3", cluster.port(XmppListenerKind.CLIENT))) {
            String reply = c.send(RawXmppClient.header(DOMAIN) + "<starttls></proceed>").readUntil("</stream:stream>", WAIT);
            assertThat(reply).contains("<not-well-formed xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>");
            assertThat(c.awaitClose(WAIT)).isTrue();
        }
        assertThat(violations()).isEqualTo(before + 1);
    }

    @Test
    void aClientSkippingStartTlsGetsPolicyViolation() throws Exception {
        double before = violations();
        try (RawXmppClient c = RawXmppClient.connect("127.0.0.4", cluster.port(XmppListenerKind.CLIENT))) {
            String reply = c.send(RawXmppClient.header(DOMAIN)
                    + "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGFsaWNlAHB3</auth>")
                    .readUntil("</stream:stream>", WAIT);
            assertThat(reply).contains("<stream:features><starttls")
                    .contains("<stream:error><policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>");
            assertThat(c.awaitClose(WAIT)).isTrue();
        }
        assertThat(violations()).isEqualTo(before + 1);
    }

    @Test
    void anOversizedStanzaAfterTheRelayStartedGetsPolicyViolation() throws Exception {
        double before = violations();
        try (RawXmppClient c = RawXmppClient.connect("127.0.0.5", cluster.port(XmppListenerKind.CLIENT))) {
            c.send(RawXmppClient.header(DOMAIN)).readUntil("</stream:features>", WAIT);
            assertThat(c.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>").readUntil("<proceed", WAIT))
                    .contains("<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
            c.startTls(pki.caCert(), DOMAIN);
            // Prosody answers the restarted stream through the relay: its SASL features.
            assertThat(c.send(RawXmppClient.header(DOMAIN)).readUntil("</stream:features>", WAIT)).contains("<mechanisms");
            c.send("<message to='bob@example.com'><body>" + "x".repeat(MAX_STANZA) + "</body></message>");
            String reply = c.readUntil("</stream:stream>", WAIT);
            assertThat(reply).contains("<stream:error><policy-violation xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>");
            assertThat(c.awaitClose(WAIT)).isTrue();
        }
        assertThat(violations()).isEqualTo(before + 1);
        assertThat(toBob).as("the oversized message never reached bob").isEmpty();
    }

    @Test
    void whitespaceKeepalivesPass() throws Exception {
        try (RawXmppClient c = RawXmppClient.connect("127.0.0.6", cluster.port(XmppListenerKind.CLIENT))) {
            c.send(RawXmppClient.header(DOMAIN)).readUntil("</stream:features>", WAIT);
            c.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>").readUntil("<proceed", WAIT);
            c.startTls(pki.caCert(), DOMAIN);
            c.send(RawXmppClient.header(DOMAIN)).readUntil("</stream:features>", WAIT);
            c.clear();
            // RFC 6120 §4.6.1 whitespace pings between stanzas, then a stanza IM&P must answer.
            c.send(" \n ").send("\n").send("<iq type='get' id='k1' to='example.com'><ping xmlns='urn:xmpp:ping'/></iq>");
            assertThat(c.readUntil("k1", WAIT)).as("IM&P answered the stanza").contains("id='k1'");
            assertThat(c.text()).doesNotContain("stream:error");
        }
    }

    @Test
    void aStanzaJustUnderTheLimitPasses() throws Exception {
        String body = "z".repeat(MAX_STANZA - 400);
        alice.sendStanza(alice.getStanzaFactory().buildMessageStanza().to(JidCreate.entityBareFrom("bob@" + DOMAIN))
                .ofType(Message.Type.chat).setBody(body).build());
        Message got = toBob.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(got).isNotNull();
        assertThat(got.getBody()).isEqualTo(body);
    }

    @Test
    void saslFailuresFromImpCountForTheSource() throws Exception {
        double before = violations();
        XMPPTCPConnection wrong = new XMPPTCPConnection(SmackClients.config("alice", DOMAIN, "wrong-password",
                cluster.port(XmppListenerKind.CLIENT), pki.caCert()));
        try {
            wrong.connect();
            assertThatThrownBy(wrong::login).isInstanceOf(SASLErrorException.class);
        } finally {
            wrong.disconnect();
        }
        assertThat(violations()).as("the SASL <failure/> counted").isEqualTo(before + 1);
    }

    @Test
    void maintenanceRefusesNewStreamsWithSystemShutdownWhileSessionsCarryOn() throws Exception {
        double before = violations();
        cluster.edge().maintenance().set(true);
        try {
            assertThat(cluster.edge().maintenance().service(XmppListenerKind.CLIENT.listenerName()).state())
                    .as("draining while alice and bob are connected").isEqualTo(ServiceState.DRAINING);
            try (RawXmppClient c = RawXmppClient.connect("127.0.0.7", cluster.port(XmppListenerKind.CLIENT))) {
                String reply = c.send(RawXmppClient.header(DOMAIN)).readUntil("</stream:stream>", WAIT);
                assertThat(reply).contains("<system-shutdown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>");
                assertThat(c.awaitClose(WAIT)).isTrue();
            }
            String body = "during maintenance";
            alice.sendStanza(alice.getStanzaFactory().buildMessageStanza().to(JidCreate.entityBareFrom("bob@" + DOMAIN))
                    .ofType(Message.Type.chat).setBody(body).build());
            Message got = toBob.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(got).isNotNull();
            assertThat(got.getBody()).isEqualTo(body);
        } finally {
            cluster.edge().maintenance().set(false);
        }
        assertThat(violations()).as("maintenance is not the client's fault").isEqualTo(before);
    }

    private static double violations() {
        return cluster.edge().metrics().registry().get(MetricNames.REFUSALS)
                .tag(MetricNames.TAG_CATEGORY, ProtectionCategory.XMPP_PROTOCOL_VIOLATION.yamlKey()).counter().count();
    }
}
