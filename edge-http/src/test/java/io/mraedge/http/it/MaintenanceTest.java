package io.mraedge.http.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.maintenance.MaintainedService;
import io.mraedge.core.maintenance.ServiceState;
import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.TestPki;
import io.mraedge.http.edge.HttpsListener;
import io.mraedge.http.testing.Curl;
import io.mraedge.http.testing.HttpCluster;
import io.mraedge.http.testing.NginxBackend;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maintenance on the edge: new requests get 503 with Retry-After while a 100 MiB download that
 * started before runs to its end; then the listener stops, and comes back when maintenance ends.
 */
class MaintenanceTest {
    @TempDir
    static Path dir;
    static NginxBackend nginx;
    static HttpCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        TestPki pki = TestPki.create(dir);
        nginx = NginxBackend.start(dir.resolve("nginx"), pki);
        cluster = HttpCluster.start(dir, pki, nginx, HttpCluster.options().edgeHttp("  maintenance-retry-after: 120s\n"));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (nginx != null) {
            nginx.close();
        }
    }

    static String b64(String s) {
        return Base64.getEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void newRequestsGet503WhileAnInFlightDownloadCompletes() throws Exception {
        Curl curl = cluster.curl();
        MaintainedService https = cluster.edge().maintenance().service(HttpsListener.NAME);
        String big = "/" + b64("example.com") + "/https/tftp1.example.int/" + nginx.tftpsPort() + "/big.bin";
        String small = "/" + b64("example.com") + "/https/cucm1.example.int/" + nginx.udsPort() + "/cucm-uds/version";
        Path download = dir.resolve("in-flight.bin");
        // About 5 s at 20 MiB/s: long enough to switch maintenance on in the middle.
        Process p = curl.start(List.of("--http2", "-u", "alice:secret", "--limit-rate", "20M", curl.url(big)), download);
        Await.until("the download in flight", Duration.ofSeconds(30),
                () -> https.activeFlows() >= 1 && download.toFile().length() > 1 << 20);

        cluster.edge().maintenance().set(true);
        assertThat(https.state()).isEqualTo(ServiceState.DRAINING);
        Curl.Result refused = curl.get(small, "--http1.1", "-u", "alice:secret");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.header("retry-after")).isEqualTo("120");
        assertThat(curl.get(small, "--http2", "-u", "alice:secret").status()).isEqualTo(503);
        assertThat(download.toFile().length()).as("still downloading").isLessThan(NginxBackend.BIG_FILE);

        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String status = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("in-flight.bin.err"))).isZero();
        assertThat(status).isEqualTo("200");
        assertThat(Files.size(download)).as("the in-flight download completed").isEqualTo(NginxBackend.BIG_FILE);

        Await.until("the https service STOPPED", Duration.ofSeconds(30), () -> https.state() == ServiceState.STOPPED);
        Await.until("the listener closed", Duration.ofSeconds(10), () -> !cluster.edge().listening(HttpsListener.NAME));

        cluster.edge().maintenance().set(false);
        Await.until("the listener back", Duration.ofSeconds(10), () -> cluster.edge().listening(HttpsListener.NAME));
        assertThat(curl.get(small, "--http1.1", "-u", "alice:secret").status()).isEqualTo(200);
    }
}
