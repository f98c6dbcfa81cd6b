package io.mraedge.http.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import io.mraedge.core.EdgeNode;
import io.mraedge.core.metrics.MetricNames;
import io.mraedge.core.protection.ProtectionCategory;
import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.TestPki;
import io.mraedge.http.testing.Curl;
import io.mraedge.http.testing.HttpCluster;
import io.mraedge.http.testing.NginxBackend;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication end to end (curl → edge → connector): wrong password, tokens across two edges
 * sharing the key, expired and tampered tokens, authorization rate control (429), a ban after
 * the trigger level of failures, and the {@code uds} verifier against nginx.
 */
class AuthTest {
    static final String SOURCE_TO_BAN = "127.0.0.9";

    @TempDir
    static Path dir;
    static TestPki pki;
    static NginxBackend nginx;
    /** Starts at the real time: curl drops cookies whose Expires has passed by its own clock. */
    static MovableClock clock = new MovableClock(Instant.now());
    /** Two edges sharing one key, lenient protection, injected time. */
    static HttpCluster pair;
    /** One edge with rate control 3 per minute and bans after 3 failures. */
    static HttpCluster strict;

    @BeforeAll
    static void start() throws Exception {
        pki = TestPki.create(dir);
        nginx = NginxBackend.start(dir.resolve("nginx"), pki);
        pair = HttpCluster.start(dir.resolve("pair"), pki, nginx, HttpCluster.options().edges(2)
                .time(clock, Ticker.systemTicker()));
        strict = HttpCluster.start(dir.resolve("strict"), pki, nginx, HttpCluster.options()
                .edgeAuth("{token-key-file: token.key, rate-control: {max-authorizations: 3, period: 60s}}")
                .protection("""
                        protection:
                          connection-rate: {per-second: 100000, burst: 10000}
                          categories:
                            traversal-auth-failure: {exemptions: [127.0.0.1/32]}
                            http-proxy-auth-failure: {trigger-level: 3, window: 60s, ban-duration: 10m, exemptions: [127.0.0.1/32]}
                        """));
    }

    @AfterAll
    static void stop() {
        for (HttpCluster c : new HttpCluster[] {pair, strict}) {
            if (c != null) {
                c.close();
            }
        }
        if (nginx != null) {
            nginx.close();
        }
    }

    static String edgeConfig() {
        return "/" + Base64.getEncoder().encodeToString("example.com".getBytes(StandardCharsets.US_ASCII)) + "/get_edge_config";
    }

    static String uds() {
        return "/" + Base64.getEncoder().withoutPadding().encodeToString("example.com".getBytes(StandardCharsets.US_ASCII))
                + "/https/cucm1.example.int/" + nginx.udsPort() + "/cucm-uds/version";
    }

    @Test
    void wrongPasswordIs401AndCounts() {
        double before = refusals(pair.edge(1), ProtectionCategory.HTTP_PROXY_AUTH_FAILURE);
        Curl.Result r = pair.curl(1).get(edgeConfig(), "--http2", "-u", "alice:wrong");
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header("www-authenticate")).isEqualTo("Basic realm=\"Cisco-Edge\"");
        assertThat(r.header("set-cookie")).isNull();
        assertThat(refusals(pair.edge(1), ProtectionCategory.HTTP_PROXY_AUTH_FAILURE)).isEqualTo(before + 1);
        assertThat(pair.curl(1).get(uds(), "--http1.1", "-u", "nobody:secret").status()).isEqualTo(401);
        assertThat(pair.curl(1).get(uds(), "--http1.1", "-u", "alice:secret").status()).as("still serving").isEqualTo(200);
    }

    @Test
    void aTokenFromOneEdgeIsAcceptedByTheOther() {
        Path jar = dir.resolve("pair-jar.txt");
        Curl.Result first = pair.curl(1).get(edgeConfig(), "--http2", "-u", "alice:secret", "-c", jar.toString());
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("set-cookie")).contains("Domain=.example.com");
        Curl.Result second = pair.curl(2).get(uds(), "--http1.1", "-b", jar.toString());
        assertThat(second.status()).as("edge 2 accepts edge 1's token").isEqualTo(200);
        assertThat(second.header("set-cookie")).isNull();
        Curl.Result config = pair.curl(2).get(edgeConfig(), "--http2", "-b", jar.toString());
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body()).contains("<address>expe2.example.com</address>");
    }

    @Test
    void expiredAndTamperedTokensAre401() throws Exception {
        Curl.Result issued = pair.curl(1).get(edgeConfig(), "--http1.1", "-u", "alice:secret");
        String token = issued.header("set-cookie").substring("X-Auth=".length()).split(";")[0];
        assertThat(pair.curl(1).get(uds(), "--http2", "-H", "Cookie: X-Auth=" + token).status()).isEqualTo(200);

        double before = refusals(pair.edge(1), ProtectionCategory.HTTP_PROXY_AUTH_FAILURE);
        int dot = token.indexOf('.');
        String tampered = token.substring(0, dot - 2) + (token.charAt(dot - 2) == 'A' ? 'B' : 'A') + token.substring(dot - 1);
        Curl.Result forged = pair.curl(1).get(uds(), "--http2", "-H", "Cookie: X-Auth=" + tampered);
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.header("www-authenticate")).isEqualTo("Basic realm=\"Cisco-Edge\"");
        assertThat(refusals(pair.edge(1), ProtectionCategory.HTTP_PROXY_AUTH_FAILURE)).as("a forged token counts")
                .isEqualTo(before + 1);

        synchronized (clock) {
            clock.advance(Duration.ofMinutes(481)); // past the 480 min credentials refresh interval
            Curl.Result expired = pair.curl(2).get(uds(), "--http1.1", "-H", "Cookie: X-Auth=" + token);
            assertThat(expired.status()).isEqualTo(401);
            assertThat(refusals(pair.edge(1), ProtectionCategory.HTTP_PROXY_AUTH_FAILURE)).as("expiry does not count")
                    .isEqualTo(before + 1);
            Curl.Result again = pair.curl(2).get(uds(), "--http1.1", "-H", "Cookie: X-Auth=" + token,
                    "-u", "alice:secret");
            assertThat(again.status()).as("Basic next to an expired token").isEqualTo(200);
            assertThat(again.header("set-cookie")).startsWith("X-Auth=");
        }
    }

    @Test
    void overTheRateLimitIs429() {
        Curl curl = strict.curl();
        for (int i = 0; i < 3; i++) {
            assertThat(curl.get(edgeConfig(), "--http2", "-u", "bob:builder").status()).isEqualTo(200);
        }
        Curl.Result limited = curl.get(edgeConfig(), "--http2", "-u", "bob:builder");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(Long.parseLong(limited.header("retry-after"))).isBetween(1L, 60L);
        assertThat(curl.get(uds(), "--http1.1", "-u", "bob:builder").status()).as("per user, all requests").isEqualTo(429);
        assertThat(curl.get(uds(), "--http1.1", "-u", "alice:secret").status()).as("another user").isEqualTo(200);
    }

    @Test
    void theTriggerLevelOfAuthFailuresBansTheSource() throws Exception {
        Curl curl = strict.curl();
        for (int i = 0; i < 3; i++) {
            Curl.Result r = curl.get(edgeConfig(), "--http1.1", "--interface", SOURCE_TO_BAN, "-u", "mallory:guess" + i);
            assertThat(r.status()).as(r.stderr()).isEqualTo(401);
        }
        InetAddress source = InetAddress.getByName(SOURCE_TO_BAN);
        int port = strict.httpsPort(1);
        Await.until("the ban", Duration.ofSeconds(20),
                () -> strict.edge().protection().orElseThrow().isBanned(source, port));
        // Banned: the next connection is closed at accept, before any TLS byte.
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(source, 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(new byte[] {0x16, 0x03, 0x01});
            int read;
            try {
                read = s.getInputStream().read();
            } catch (IOException reset) {
                read = -1;
            }
            assertThat(read).isEqualTo(-1);
        }
        Curl.Result dropped = curl.get(edgeConfig(), "--http1.1", "--interface", SOURCE_TO_BAN, "-u", "alice:secret");
        assertThat(dropped.status()).isZero();
        assertThat(dropped.exitCode()).isNotZero();
        assertThat(curl.get(edgeConfig(), "--http1.1", "-u", "alice:secret").status()).as("others are served").isEqualTo(200);
    }

    @Test
    void udsVerifierAsksUnifiedCm() throws Exception {
        try (HttpCluster uds = HttpCluster.start(dir.resolve("uds"), pki, nginx, HttpCluster.options()
                .verifier("  verifier: {type: uds}\n"))) {
            Curl curl = uds.curl();
            int before = nginx.accessLog().size();
            assertThat(curl.get(edgeConfig(), "--http2", "-u", "alice:uds-secret").status()).isEqualTo(200);
            List<String> log = nginx.accessLog();
            assertThat(log.subList(before, log.size())).anyMatch(l -> l.contains("\"GET /cucm-uds/user/alice HTTP/1.1\" 200"));
            assertThat(curl.get(edgeConfig(), "--http2", "-u", "alice:secret").status()).isEqualTo(401);
            assertThat(curl.get(edgeConfig(), "--http1.1", "-u", "alice:uds-secret").status()).isEqualTo(200);
            assertThat(uds.connector()).isNotNull();
        }
    }

    static double refusals(EdgeNode edge, ProtectionCategory category) {
        return edge.metrics().registry().get(MetricNames.REFUSALS).tag(MetricNames.TAG_CATEGORY, category.yamlKey())
                .counter().count();
    }

    /** A clock the test moves; the edges read it for token expiry. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
