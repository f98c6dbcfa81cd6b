package io.mraedge.sip.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.ConnectorNode;
import io.mraedge.core.testing.Await;
import io.mraedge.sip.codec.SipHeaderNames;
import io.mraedge.sip.codec.SipMessage;
import io.mraedge.sip.codec.SipResponse;
import io.mraedge.sip.testing.SipCluster;
import io.mraedge.sip.testing.SipPeers;
import io.mraedge.sip.testing.SipTestClient;
import io.mraedge.core.testing.CuttableTcpProxy;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * End to end against real peers: Kamailio (registrar with Path) behind two connectors, sipp
 * through stunnel and the module's own TLS test client at the edge.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SipRealPeersTest {
    private static final Duration T = Duration.ofSeconds(20);

    private Path dir;
    private SipPeers.Kamailio kamailio;
    private SipCluster cluster;
    private SipPeers.Stunnel stunnel;
    private final List<ConnectorNode> connectors = new ArrayList<>();
    /** Between each connector and Kamailio, so that a test can cut a connector's upstream silently. */
    private final Map<String, CuttableTcpProxy> upstreams = new HashMap<>();
    /** Between each connector and the edge's traversal port, so that a test can kill a connector's links. */
    private final Map<String, CuttableTcpProxy> links = new HashMap<>();

    @BeforeAll
    void start() throws Exception {
        dir = java.nio.file.Files.createTempDirectory("sip-it");
        kamailio = SipPeers.kamailio(dir);
        cluster = SipCluster.start(dir, "  retry-after: 30s\n");
        for (String name : List.of("connector-1", "connector-2")) {
            CuttableTcpProxy proxy = new CuttableTcpProxy(new InetSocketAddress("127.0.0.1", kamailio.port()));
            upstreams.put(name, proxy);
            CuttableTcpProxy link = new CuttableTcpProxy(new InetSocketAddress("127.0.0.1", cluster.traversalPort()));
            links.put(name, link);
            connectors.add(cluster.connector(name, proxy.port(), "", link.port()));
        }
        stunnel = SipPeers.stunnel(dir, cluster.sipPort());
    }

    @AfterAll
    void stop() {
        if (stunnel != null) {
            stunnel.close();
        }
        if (cluster != null) {
            cluster.close();
        }
        List<CuttableTcpProxy> proxies = new ArrayList<>(upstreams.values());
        proxies.addAll(links.values());
        for (CuttableTcpProxy proxy : proxies) {
            try {
                proxy.close();
            } catch (java.io.IOException ignored) {
                // the test is over
            }
        }
        if (kamailio != null) {
            kamailio.close();
        }
    }

    /** sipp runs still going when a test ends (it failed) are stopped, by PID, before the next test. */
    private final List<Process> sippRuns = new ArrayList<>();

    private Process started(Process sipp) {
        sippRuns.add(sipp);
        return sipp;
    }

    @AfterEach
    void stopSipp() throws InterruptedException {
        for (Process p : sippRuns) {
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
        sippRuns.clear();
    }

    private SipTestClient client() throws Exception {
        return SipTestClient.connect("127.0.0.1", cluster.sipPort());
    }

    @Test
    @Order(1)
    void thousandRegistersOnOneFlowThenFiveHundredFlowsMatchKamailioAndUnregisterLowersCurrent() throws Exception {
        Path one = SipPeers.resource("register_unregister.xml", dir, "PREFIX", "one", "HOLD", "25000");
        Process sipp = started(SipPeers.sippAsync(dir, "127.0.0.1:" + stunnel.port(), one, "-t", "t1", "-m", "1000",
                "-r", "200", "-l", "2000"));
        awaitCurrent("1,000 registrations on the edge", Duration.ofSeconds(60), 1000);
        int inKamailio = kamailio.contacts();
        System.out.printf("one flow: edge current=%d peak=%d, kamcmd ul.dump contacts=%d%n", cluster.current(),
                cluster.peak(), inKamailio);
        assertThat(inKamailio).isEqualTo(1000);
        assertThat(sipp.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(sipp.exitValue()).as("sipp: every REGISTER and un-REGISTER got 200").isZero();
        Await.until("un-REGISTER lowers current", T, () -> cluster.current() == 0);
        assertThat(cluster.peak()).isGreaterThanOrEqualTo(1000);
        assertThat(kamailio.contacts()).isZero();

        Path par = SipPeers.resource("register_unregister.xml", dir, "PREFIX", "par", "HOLD", "20000");
        Process parallel = started(SipPeers.sippAsync(dir, "127.0.0.1:" + stunnel.port(), par, "-t", "tn", "-max_socket",
                "600", "-m", "500", "-r", "200", "-l", "1000"));
        awaitCurrent("500 flows registered", Duration.ofSeconds(60), 500);
        int parallelInKamailio = kamailio.contacts();
        System.out.printf("500 flows: edge current=%d peak=%d, kamcmd ul.dump contacts=%d%n", cluster.current(),
                cluster.peak(), parallelInKamailio);
        assertThat(parallelInKamailio).isEqualTo(500);
        assertThat(parallel.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(parallel.exitValue()).isZero();
        Await.until("current back to 0", T, () -> cluster.current() == 0);
        assertThat(cluster.peak()).isGreaterThanOrEqualTo(1000);
    }

    @Test
    @Order(2)
    void inboundCallThroughThePathReachesTheClientsFlow() throws Exception {
        try (SipTestClient alice = client().answerCalls()) {
            SipResponse ok = alice.register("alice", 600, T);
            assertThat(ok.status()).isEqualTo(200);
            Path uac = SipPeers.resource("uac_call.xml", dir);
            int rc = SipPeers.sipp(dir, "127.0.0.1:" + kamailio.port(), uac, "-s", "alice", "-t", "t1", "-m", "1",
                    "-p", Integer.toString(SipPeers.freePort()));
            assertThat(rc).as("sipp UAC call through Kamailio and the Path").isZero();
            assertThat(alice.invites()).isEqualTo(1);
            Await.until("BYE reached the client", T, () -> alice.byes() == 1);
            assertThat(alice.acks()).isEqualTo(1);
            assertThat(alice.register("alice", 0, T).status()).isEqualTo(200);
        }
    }

    @Test
    @Order(3)
    void crlfPingGetsPongAndStunSucceedsOnlyWhileTheUpstreamIsUp() throws Exception {
        try (SipTestClient c = client()) {
            assertThat(c.register("kept", 600, T).status()).isEqualTo(200);
            assertThat(c.ping(T)).as("CRLFCRLF answered with CRLF").isTrue();
            assertThat(c.stun(T)).as("STUN binding success while the path is up").isTrue();
            // A silent cut (no FIN, no RST) of the upstream connections open now, whichever
            // connector carries this flow: only the connector's keepalive toward Kamailio can
            // notice it. New connections are forwarded again, so later tests get working flows.
            upstreams.values().forEach(CuttableTcpProxy::blackhole);
            assertThat(c.stun(Duration.ofSeconds(3))).as("no STUN answer once the upstream is cut").isFalse();
            assertThat(c.ping(T)).as("the flow itself is still open: CRLF ping answered by the edge").isTrue();
        }
    }

    @Test
    @Order(4)
    void maintenanceRefusesANewRegisterWhileARefreshPasses() throws Exception {
        try (SipTestClient bound = client(); SipTestClient fresh = client()) {
            assertThat(bound.register("maint-a", 600, T).status()).isEqualTo(200);
            assertThat(fresh.ping(T)).isTrue(); // its flow is open before maintenance starts
            cluster.edge().maintenance().set(true);
            try {
                SipResponse refused = fresh.register("maint-b", 600, T);
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.headers().get(SipHeaderNames.RETRY_AFTER)).isEqualTo("30");
                assertThat(bound.register("maint-a", 600, T).status()).as("refresh passes").isEqualTo(200);
            } finally {
                cluster.edge().maintenance().set(false);
            }
            assertThat(bound.register("maint-a", 0, T).status()).isEqualTo(200);
        }
    }

    @Test
    @Order(5)
    void malformedBatteryIsRefusedWhileAHealthyFlowKeepsWorking() throws Exception {
        List<String> battery = MalformedBattery.messages();
        assertThat(battery).hasSizeGreaterThanOrEqualTo(30);
        try (SipTestClient healthy = client()) {
            assertThat(healthy.register("healthy", 600, T).status()).isEqualTo(200);
            int i = 0;
            for (String bad : battery) {
                try (SipTestClient attacker = client()) {
                    attacker.sendRaw(bad);
                    SipMessage answer = attacker.next(Duration.ofSeconds(5));
                    boolean refused = answer instanceof SipResponse r && (r.status() == 400 || r.status() == 513);
                    if (!refused) {
                        Await.until("malformed #" + i + " refused (answer or close)", T, () -> !attacker.isActive());
                    }
                }
                assertThat(healthy.ping(T)).as("healthy flow after malformed #%d", i).isTrue();
                i++;
            }
            assertThat(healthy.register("healthy", 600, T).status()).isEqualTo(200);
            assertThat(healthy.register("healthy", 0, T).status()).isEqualTo(200);
        }
    }

    @Test
    @Order(6)
    void failoverToTheOtherConnectorIsMeasured() throws Exception {
        // Earlier tests' flows are gone first, so the connector holding a flow is the client's.
        Await.until("no SIP flows left on the connectors", T, () -> connectors.stream()
                .mapToInt(c -> cluster.service(c.config().name()).flowCount()).sum() == 0);
        JabberLikeClient jabber = new JabberLikeClient("127.0.0.1", cluster.sipPort(), "failover");
        try {
            jabber.registerNow(T);
            ConnectorNode carrier = Await.value("the connector carrying the client's flow", T, () -> connectors.stream()
                    .filter(c -> cluster.service(c.config().name()).flowCount() > 0).findFirst().orElse(null));
            // A kill: the carrier's traversal connections close at once, as a dead process's
            // kernel closes them (no GOAWAY, no drain); then the node itself is stopped.
            long start = System.nanoTime();
            links.get(carrier.config().name()).close();
            Thread stop = new Thread(carrier::close, "stop-" + carrier.config().name());
            stop.start();
            jabber.awaitReRegistered(T);
            long millis = (System.nanoTime() - start) / 1_000_000;
            stop.join(T.toMillis());
            System.out.printf("FAILOVER: killed %s; re-registered through the other connector in %d ms%n",
                    carrier.config().name(), millis);
            assertThat(jabber.registrations()).isEqualTo(2);
            assertThat(millis).as("failover time (target < 5 s)").isLessThan(5_000);
        } finally {
            jabber.close();
        }
    }

    /** Waits for the edge's registrations.current; on time-out says what the edge and the connectors hold. */
    private void awaitCurrent(String what, Duration timeout, long expected) {
        try {
            Await.until(what, timeout, () -> cluster.current() == expected);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": edge current=" + cluster.current() + " peak=" + cluster.peak()
                    + ", connectors " + connectors.stream().map(c -> c.config().name() + "="
                    + cluster.service(c.config().name()).registrations().current()).toList(), e);
        }
    }

}
