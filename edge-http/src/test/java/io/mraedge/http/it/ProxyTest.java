package io.mraedge.http.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.DirectMemoryPeak;
import io.mraedge.core.testing.TestPki;
import io.mraedge.http.testing.Curl;
import io.mraedge.http.testing.HttpCluster;
import io.mraedge.http.testing.NginxBackend;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The proxy end to end with real peers: curl (HTTP/1.1 and h2) → edge → traversal → connector →
 * nginx over HTTPS/HTTP. UDS and TFTP in both URL shapes, a request body upstream, a 100 MiB
 * download with the pooled direct memory of both roles bounded, the forwarding headers, and the
 * 403/502/503/504 answers.
 */
class ProxyTest {
    /** What the 100 MiB downloads may take from the pooled allocator, edge and connector together. */
    static final long DIRECT_MEMORY_BOUND = 64L << 20;

    @TempDir
    static Path dir;
    static TestPki pki;
    static NginxBackend nginx;
    static HttpCluster cluster;
    static Curl curl;
    static ServerSocket silent;
    static int closedPort;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(dir);
        nginx = NginxBackend.start(dir.resolve("nginx"), pki);
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress()); // accepts, never answers
        closedPort = NginxBackend.freePort();
        cluster = HttpCluster.start(dir, pki, nginx, HttpCluster.options().exampleComNodes("""
                      unity-connection:
                        - {host: slow.example.int, address: 127.0.0.1, port: %d}
                        - {host: down.example.int, address: 127.0.0.1, port: %d}
                """.formatted(silent.getLocalPort(), closedPort)));
        curl = cluster.curl();
    }

    @AfterAll
    static void stop() throws IOException {
        if (cluster != null) {
            cluster.close();
        }
        if (nginx != null) {
            nginx.close();
        }
        if (silent != null) {
            silent.close();
        }
    }

    static String b64(String s) {
        return Base64.getEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
    }

    static String uds(String path) {
        return "/" + b64("example.com") + "/https/cucm1.example.int/" + nginx.udsPort() + path;
    }

    static String[] auth(String version) {
        return new String[] {version, "-u", HttpCluster.USER + ":" + HttpCluster.PASSWORD};
    }

    @ParameterizedTest
    @ValueSource(strings = {"--http1.1", "--http2"})
    void udsCallThroughTheEdge(String version) {
        Curl.Result r = curl.get(uds("/cucm-uds/user/alice/devices"), auth(version));
        assertThat(r.status()).as(r.stderr()).isEqualTo(200);
        assertThat(r.httpVersion()).isEqualTo(version.equals("--http2") ? "2" : "1.1");
        assertThat(r.body()).contains("<name>CSFALICE</name>");
        assertThat(r.header("content-type")).isEqualTo("application/xml");
        String cookie = r.header("set-cookie");
        assertThat(cookie).startsWith("X-Auth=").contains("; Domain=.example.com; Path=/; Secure; HttpOnly")
                .containsPattern("Expires=\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT");
        assertThat(r.header("connection")).isNull();

        Curl.Result servers = curl.get("/" + b64("example.net") + "/https/cucm2.example.net/" + nginx.udsPort()
                + "/cucm-uds/servers", auth(version));
        assertThat(servers.status()).isEqualTo(200);
        assertThat(servers.body()).contains("<server>cucm2.example.net</server>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--http1.1", "--http2"})
    void tftpOverHttpAndHttpsInBothShapes(String version) {
        Curl.Result http = curl.get("/" + b64("example.com") + "/http/tftp1.example.int/" + nginx.tftpPort()
                + "/SPDefault.cnf.xml", auth(version));
        assertThat(http.status()).isEqualTo(200);
        assertThat(http.body()).contains("<fullConfig>true</fullConfig>");
        String origin = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("example.com/https/tftp1.example.int/" + nginx.tftpsPort()).getBytes(StandardCharsets.US_ASCII));
        Curl.Result https = curl.get("/" + origin + "/SPDefault.cnf.xml", auth(version));
        assertThat(https.status()).isEqualTo(200);
        assertThat(https.body()).contains("<fullConfig>true</fullConfig>");
    }

    @Test
    void theCookieAuthenticatesLaterRequestsAndNeverReachesTheInside() {
        Path jar = dir.resolve("jar.txt");
        Curl.Result first = curl.get(uds("/cucm-uds/version"), "--http2", "-u", "alice:secret", "-c", jar.toString());
        assertThat(first.status()).isEqualTo(200);
        Curl.Result second = curl.get(uds("/cucm-uds/cookies"), "--http1.1", "-b", jar.toString(), "-b", "theme=dark");
        assertThat(second.status()).as("cookie alone authenticates").isEqualTo(200);
        assertThat(second.header("set-cookie")).as("no new token").isNull();
        assertThat(second.body()).contains("theme=dark").doesNotContain("X-Auth");
    }

    @Test
    void aBearerTokenIsPassedToTheInsideUntouched() {
        Curl.Result r = curl.get(uds("/cucm-uds/bearer"), "--http2", "-H", "Authorization: Bearer opaque-token-from-ucm");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("<bearer>ok</bearer>");
        assertThat(r.header("set-cookie")).isNull();
        Curl.Result wrong = curl.get(uds("/cucm-uds/bearer"), "--http2", "-H", "Authorization: Bearer other");
        assertThat(wrong.status()).as("the inside server judges the token").isEqualTo(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--http1.1", "--http2"})
    void aRequestBodyStreamsToTheInside(String version) throws Exception {
        String name = "upload-" + version.replace("-", "") + ".bin";
        Path body = dir.resolve(name);
        byte[] bytes = new byte[3 << 20];
        new java.util.Random(7).nextBytes(bytes);
        Files.write(body, bytes);
        Curl.Result r = curl.run(List.of(version, "-u", "alice:secret", "-T", body.toString(),
                curl.url(uds("/cucm-uds/upload/" + name))));
        assertThat(r.status()).as(r.stderr()).isEqualTo(201);
        assertThat(Files.readAllBytes(nginx.dir().resolve("html/cucm-uds/upload/" + name)))
                .as("nginx stored exactly what curl sent").isEqualTo(bytes);
    }

    /**
     * nginx answers {@code /cucm-uds/early} before it reads the body. HTTP/1.1 (curl): the rest of
     * the body is still relayed and the connection stays usable. h2: the edge sends
     * RST_STREAM(NO_ERROR) after the answer (RFC 9113 §8.1). curl 7.88 stalls on an early h2
     * answer whatever the server does (curl issues #10433, #11157), and so does the JDK 17
     * client, so the h2 client here is nghttp.
     */
    @Test
    void anAnswerBeforeTheWholeBodyStillCompletes() throws Exception {
        Path body = dir.resolve("early.bin");
        Files.write(body, new byte[2 << 20]);
        Curl.Result r = curl.run(List.of("--http1.1", "-u", "alice:secret", "-X", "POST", "--data-binary", "@" + body,
                "--max-time", "30", curl.url(uds("/cucm-uds/early")), curl.url(uds("/cucm-uds/version"))));
        assertThat(r.status()).as(r.stderr()).isEqualTo(200);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.body()).contains("<early>ok</early>");

        // h2: nghttp (the nghttp2 reference client) with a body large enough to outlast the answer.
        Path nghttp = io.mraedge.core.testing.RealPeer.require("nghttp", "nghttp2-client");
        Path big = dir.resolve("early-big.bin");
        Files.write(big, new byte[8 << 20]);
        Process p = new ProcessBuilder(nghttp.toString(), "-v", "-n", "-d", big.toString(),
                "-H", "authorization: Basic YWxpY2U6c2VjcmV0",
                "https://localhost:" + cluster.httpsPort(1) + uds("/cucm-uds/early"))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("recv (stream_id=13) :status: 200");
        assertThat(out).containsPattern("recv DATA frame <length=18, flags=0x01, stream_id=13>\\s+; END_STREAM");
        assertThat(out).containsPattern("recv RST_STREAM frame <length=4, flags=0x00, stream_id=13>\\s+"
                + "\\(error_code=NO_ERROR\\(0x00\\)\\)");
    }

    @Test
    void forwardingHeaders() {
        int before = nginx.accessLog().size();
        Curl.Result r = curl.get(uds("/cucm-uds/version"), "--http1.1", "-u", "alice:secret",
                "-H", "X-Forwarded-For: 6.6.6.6", "-H", "TrackingID: JABBER_1234-abcd");
        assertThat(r.status()).isEqualTo(200);
        String line = newLines(before).get(0);
        assertThat(line).as("X-Forwarded-For is the client as the edge saw it, not what it claimed")
                .contains("\"127.0.0.1\"").doesNotContain("6.6.6.6");
        assertThat(line).contains("\"JABBER_1234-abcd\"");
        int again = nginx.accessLog().size();
        curl.get(uds("/cucm-uds/version"), "--http2", "-u", "alice:secret");
        assertThat(newLines(again).get(0)).as("a tracking id is made when the client sends none")
                .containsPattern("\"[0-9a-f]{32}\"$");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--http1.1", "--http2"})
    void hundredMebibyteDownloadWithBoundedMemory(String version) throws Exception {
        DirectMemoryPeak peak = DirectMemoryPeak.start();
        long started = System.nanoTime();
        Curl.Result r;
        try {
            // A large TFTP-over-HTTPS file (the TFTP rule admits any path).
            r = curl.get("/" + b64("example.com") + "/https/tftp1.example.int/" + nginx.tftpsPort() + "/big.bin",
                    auth(version));
        } finally {
            peak.close();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(r.status()).as(r.stderr()).isEqualTo(200);
        assertThat(r.bodySize()).isEqualTo(NginxBackend.BIG_FILE);
        assertThat(allZero(r.bodyFile())).isTrue();
        Files.delete(r.bodyFile());
        System.out.printf("100 MiB download over %s: %.1f s (%.0f MiB/s), peak pooled direct memory %.1f MiB (bound %d MiB)%n",
                version, seconds, 100 / seconds, peak.peak() / 1048576.0, DIRECT_MEMORY_BOUND >> 20);
        assertThat(peak.peak()).as("peak pooled direct memory").isLessThan(DIRECT_MEMORY_BOUND);
    }

    @Test
    void refusalsAndUpstreamErrors() throws Exception {
        // Not on the allow list: 403 from the edge.
        assertThat(curl.get(uds("/ccmadmin/showHome.do"), auth("--http2")).status()).isEqualTo(403);
        // On the list but nobody listens: 502 from the connector.
        String down = "/" + b64("example.com") + "/https/down.example.int/" + closedPort + "/vmrest/user";
        Curl.Result bad = curl.get(down, auth("--http1.1"));
        assertThat(bad.status()).isEqualTo(502);
        assertThat(bad.header("mra-error")).as("internal detail stays inside").isNull();
        // On the list, accepts, never answers: 504 after the connector's response timeout (5 s).
        String slow = "/" + b64("example.com") + "/https/slow.example.int/" + silent.getLocalPort() + "/vmrest/user";
        long t0 = System.nanoTime();
        assertThat(curl.get(slow, auth("--http2")).status()).isEqualTo(504);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(60));
        // The edge still serves the next request.
        assertThat(curl.get(uds("/cucm-uds/version"), auth("--http1.1")).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--http1.1", "--http2"})
    void limitsOverTheRealEdge(String version) throws Exception {
        List<String> many = new ArrayList<>(List.of(version, "-u", "alice:secret"));
        for (int i = 0; i < 101; i++) {
            many.add("-H");
            many.add("X-Filler-" + i + ": x");
        }
        many.add(curl.url(uds("/cucm-uds/version")));
        assertThat(curl.run(many).status()).as("over max-header-count").isEqualTo(431);
        assertThat(curl.get(uds("/cucm-uds/version"), version, "-u", "alice:secret", "-H",
                "X-Big: " + "b".repeat(20_000)).status()).as("over max-header-size").isEqualTo(431);
        Path big = dir.resolve("too-big.bin");
        try (RandomAccessFile f = new RandomAccessFile(big.toFile(), "rw")) {
            f.setLength((10L << 20) + 1);
        }
        Curl.Result tooLarge = curl.run(List.of(version, "-u", "alice:secret", "-H", "Expect:", "-T", big.toString(),
                curl.url(uds("/cucm-uds/upload/too-big.bin"))));
        assertThat(tooLarge.status()).as("over max-body-size").isEqualTo(413);
        assertThat(curl.get(uds("/cucm-uds/version"), version, "-u", "alice:secret").status())
                .as("the next request is served").isEqualTo(200);
    }

    @Test
    void noConnectorMeans503() throws Exception {
        try (HttpCluster alone = HttpCluster.start(dir.resolve("alone"), pki, nginx, HttpCluster.options().noConnector())) {
            Curl c = alone.curl();
            Curl.Result r = c.get(uds("/cucm-uds/version"), auth("--http1.1"));
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.header("retry-after")).isNotNull();
            assertThat(c.get("/" + b64("example.com") + "/get_edge_config", auth("--http2")).status()).isEqualTo(503);
        }
    }

    @Test
    void keepAliveCarriesSeveralRequestsOnOneConnection() {
        List<String> args = new ArrayList<>(List.of("--http1.1", "-u", "alice:secret"));
        for (int i = 0; i < 5; i++) {
            args.add(curl.url(uds("/cucm-uds/version")));
        }
        Curl.Result r = curl.run(args);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.stderr()).isEmpty();
    }

    private static List<String> newLines(int before) {
        Await.until("nginx logged", Duration.ofSeconds(10), () -> nginx.accessLog().size() > before);
        List<String> all = nginx.accessLog();
        return all.subList(before, all.size());
    }

    private static boolean allZero(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            byte[] buf = new byte[1 << 20];
            int n;
            while ((n = f.read(buf)) > 0) {
                for (int i = 0; i < n; i++) {
                    if (buf[i] != 0) {
                        return false;
                    }
                }
            }
        }
        return true;
    }
}
