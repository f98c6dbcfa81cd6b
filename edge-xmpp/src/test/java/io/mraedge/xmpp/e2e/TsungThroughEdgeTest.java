package io.mraedge.xmpp.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.testing.RealPeer;
import io.mraedge.core.testing.TestPki;
import io.mraedge.xmpp.edge.XmppListenerKind;
import io.mraedge.xmpp.testing.Processes;
import io.mraedge.xmpp.testing.ProsodyServer;
import io.mraedge.xmpp.testing.XmppCluster;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * tsung runs {@value #USERS} XMPP sessions through the edge (STARTTLS at the edge, SASL, bind,
 * presence, roster, a chat message, close) against Prosody behind the connector; every session
 * must finish and tsung must count no error. The scenario is
 * {@code src/test/resources/tsung/xmpp_edge.xml.template}.
 */
class TsungThroughEdgeTest {
    private static final int USERS = 200;
    private static final String DOMAIN = "example.com";

    @TempDir
    static Path dir;
    static ProsodyServer prosody;
    static XmppCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        RealPeer.require("tsung", "tsung");
        TestPki pki = TestPki.create(dir);
        XmppCluster.issueEdgeCertificate(pki, List.of(DOMAIN));
        prosody = ProsodyServer.start(dir.resolve("prosody"), pki, ProsodyServer.Options.inside(List.of(DOMAIN)));
        prosody.registerMany(DOMAIN, USERS);
        cluster = XmppCluster.start(pki, "    idle-timeout: 5m\n");
        cluster.connector("connector-1", XmppCluster.connectorSection(pki, prosody, List.of(DOMAIN), false));
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

    @Test
    void twoHundredSessionsThroughTheEdgeWithoutAnError() throws Exception {
        Path work = Files.createDirectories(dir.resolve("tsung"));
        StringBuilder users = new StringBuilder();
        for (int i = 1; i <= USERS; i++) {
            users.append("user").append(i).append(",pass").append(i).append('\n');
        }
        Files.writeString(work.resolve("users.csv"), users);
        String template;
        try (InputStream in = getClass().getResourceAsStream("/tsung/xmpp_edge.xml.template")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path config = work.resolve("xmpp_edge.xml");
        Files.writeString(config, template
                .replace("@USERS@", Integer.toString(USERS))
                .replace("@RATE@", "20")
                .replace("@PORT@", Integer.toString(cluster.port(XmppListenerKind.CLIENT)))
                .replace("@DOMAIN@", DOMAIN)
                .replace("@DIR@", work.toString()));
        Set<Long> epmdBefore = epmdPids();
        Processes.Result run;
        try {
            // -n: no web GUI (it would take port 8091); logs under work/log.
            run = Processes.run(List.of("tsung", "-n", "-f", config.toString(), "-l", work.resolve("log").toString(),
                    "start"), Map.of("HOME", work.toString()), null, 240);
        } finally {
            // tsung leaves the Erlang port mapper running; stop the one this run started, by PID.
            for (long pid : epmdPids()) {
                if (!epmdBefore.contains(pid)) {
                    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
                }
            }
        }
        assertThat(run.exitCode()).as("tsung: %s", run.output()).isZero();
        Map<String, Long> totals = totals(work.resolve("log"));
        assertThat(totals.get("users_count")).as("sessions started; %s", totals).isEqualTo(USERS);
        assertThat(totals.get("finish_users_count")).as("sessions finished; %s", totals).isEqualTo(USERS);
        assertThat(totals.entrySet().stream().filter(e -> e.getKey().startsWith("error") && e.getValue() > 0))
                .as("tsung errors; %s", totals).isEmpty();
        assertThat(totals.getOrDefault("tr_authenticate", 0L)).as("authentications; %s", totals).isEqualTo(USERS);
        assertThat(totals.getOrDefault("tr_roster", 0L)).as("roster requests; %s", totals).isEqualTo(USERS);
    }

    /** The last cumulative total of every counter in tsung.log ({@code stats: NAME PERIOD TOTAL}). */
    private static Map<String, Long> totals(Path logDir) throws IOException {
        Path log;
        try (Stream<Path> files = Files.walk(logDir)) {
            log = files.filter(p -> p.getFileName().toString().equals("tsung.log")).findFirst()
                    .orElseThrow(() -> new AssertionError("no tsung.log under " + logDir));
        }
        Map<String, Long> totals = new HashMap<>();
        for (String line : Files.readAllLines(log)) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && f[0].equals("stats:")) {
                // Counters: "stats: NAME PERIOD TOTAL". Samples (response times):
                // "stats: NAME COUNT MEAN STDDEV MAX MIN MEAN_BEFORE COUNT_BEFORE", where the last two
                // cover the dumps before this one.
                if (f.length == 4 && f[3].matches("\\d+")) {
                    totals.put(f[1], Long.parseLong(f[3]));
                } else if (f.length == 9 && f[2].matches("\\d+") && f[8].matches("\\d+")) {
                    totals.put(f[1], Long.parseLong(f[2]) + Long.parseLong(f[8]));
                }
            }
        }
        return totals;
    }

    private static Set<Long> epmdPids() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/epmd")).orElse(false))
                .map(ProcessHandle::pid).collect(Collectors.toSet());
    }
}
