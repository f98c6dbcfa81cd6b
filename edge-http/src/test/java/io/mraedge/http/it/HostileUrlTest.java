package io.mraedge.http.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.metrics.MetricNames;
import io.mraedge.core.protection.ProtectionCategory;
import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.TestPki;
import io.mraedge.http.auth.BasicCredentials;
import io.mraedge.http.testing.HttpCluster;
import io.mraedge.http.testing.NginxBackend;
import io.mraedge.http.testing.RawHttps;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table of hostile URLs sent with valid credentials through a real edge: every one is
 * refused with the status the table says, and nginx's access log proves that none reached the
 * inside (only the legitimate marker request sent afterwards appears). Covers SSRF to loopback,
 * link-local and metadata addresses; ports not on the list; dot segments, double encoding and
 * encoded slashes; userinfo, IPv6 literals and overlong segments; wrong methods for a rule;
 * base64 that decodes to control characters; and CR/LF injection.
 */
class HostileUrlTest {
    @TempDir
    static Path dir;
    static NginxBackend nginx;
    static HttpCluster cluster;
    static RawHttps raw;
    static final String AUTH = new BasicCredentials(HttpCluster.USER, HttpCluster.PASSWORD).headerValue();

    record Hostile(String method, String target, int status, String what) {
    }

    @BeforeAll
    static void start() throws Exception {
        TestPki pki = TestPki.create(dir);
        nginx = NginxBackend.start(dir.resolve("nginx"), pki);
        cluster = HttpCluster.start(dir, pki, nginx, HttpCluster.options());
        raw = new RawHttps(pki.caCert(), cluster.httpsPort(1));
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
        return Base64.getEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String b64url(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    static List<Hostile> table() {
        String d = "/" + b64("example.com");
        int u = nginx.udsPort();
        int t = nginx.tftpPort();
        int s = nginx.tftpsPort();
        String ucm = d + "/https/cucm1.example.int/" + u;
        List<Hostile> h = new ArrayList<>();
        // SSRF to loopback, link-local and metadata addresses: not on the allow list, or odd forms.
        h.add(new Hostile("GET", d + "/https/127.0.0.1/" + u + "/cucm-uds/version", 403, "loopback literal"));
        h.add(new Hostile("GET", d + "/http/127.0.0.1/" + t + "/SPDefault.cnf.xml", 403, "loopback TFTP"));
        h.add(new Hostile("GET", d + "/https/localhost/" + u + "/cucm-uds/version", 403, "localhost"));
        h.add(new Hostile("GET", d + "/http/169.254.169.254/80/latest/meta-data/", 403, "cloud metadata"));
        h.add(new Hostile("GET", d + "/http/metadata.google.internal/80/computeMetadata/v1/", 403, "GCP metadata"));
        h.add(new Hostile("GET", d + "/https/0.0.0.0/" + u + "/cucm-uds/version", 403, "any address"));
        h.add(new Hostile("GET", d + "/http/2130706433/" + t + "/SPDefault.cnf.xml", 400, "decimal address"));
        h.add(new Hostile("GET", d + "/http/0x7f000001/" + t + "/SPDefault.cnf.xml", 400, "hex address"));
        h.add(new Hostile("GET", d + "/http/127.1/" + t + "/SPDefault.cnf.xml", 400, "short address"));
        h.add(new Hostile("GET", d + "/http/0177.0.0.1/" + t + "/SPDefault.cnf.xml", 400, "octal address"));
        h.add(new Hostile("GET", "/" + b64url("example.com/http/169.254.169.254/80") + "/latest/meta-data/", 403,
                "metadata, second shape"));
        h.add(new Hostile("GET", "/" + b64url("example.com/https/127.0.0.1/" + u) + "/cucm-uds/version", 403,
                "loopback, second shape"));
        // Ports not on the list.
        h.add(new Hostile("GET", d + "/https/cucm1.example.int/22/", 403, "ssh port"));
        h.add(new Hostile("GET", d + "/https/cucm1.example.int/8080/cucm-uds/version", 403, "other port"));
        h.add(new Hostile("GET", d + "/http/tftp1.example.int/" + u + "/SPDefault.cnf.xml", 403, "scheme/port mix"));
        h.add(new Hostile("GET", d + "/https/cucm1.example.int/0/cucm-uds/version", 400, "port 0"));
        h.add(new Hostile("GET", d + "/https/cucm1.example.int/70000/cucm-uds/version", 400, "port > 65535"));
        h.add(new Hostile("GET", d + "/https/cucm1.example.int/0" + u + "/cucm-uds/version", 400, "port leading zero"));
        // Dot segments, double encoding, encoded slashes.
        h.add(new Hostile("GET", ucm + "/cucm-uds/../../etc/passwd", 400, "dot-dot"));
        h.add(new Hostile("GET", ucm + "/cucm-uds/./version", 400, "dot"));
        h.add(new Hostile("GET", ucm + "/cucm-uds/%2e%2e/%2e%2e/etc/passwd", 400, "encoded dot-dot"));
        h.add(new Hostile("GET", ucm + "/cucm-uds/%252e%252e/secret", 400, "double encoding"));
        h.add(new Hostile("GET", ucm + "/cucm-uds/..%2f..%2fetc%2fpasswd", 400, "encoded slash"));
        h.add(new Hostile("GET", ucm + "/cucm-uds%2f..%2fccmadmin", 400, "encoded slash in prefix"));
        h.add(new Hostile("GET", ucm + "/cucm-uds/%5c..%5cccmadmin", 400, "encoded backslash"));
        h.add(new Hostile("GET", ucm + "/cucm-uds//version", 400, "empty segment"));
        h.add(new Hostile("GET", ucm + "/cucm-uds/version%00.xml", 400, "encoded NUL"));
        h.add(new Hostile("GET", ucm + "/cucm-uds/%76ersion", 400, "encoded unreserved character"));
        // Userinfo, IPv6 literals, overlong segments, odd host forms.
        h.add(new Hostile("GET", d + "/https/alice@cucm1.example.int/" + u + "/cucm-uds/version", 400, "userinfo"));
        h.add(new Hostile("GET", d + "/https/alice:pw@cucm1.example.int/" + u + "/cucm-uds/version", 400, "userinfo+pw"));
        h.add(new Hostile("GET", d + "/https/[::1]/" + u + "/cucm-uds/version", 400, "IPv6 loopback"));
        h.add(new Hostile("GET", d + "/https/[fe80::1]/" + u + "/cucm-uds/version", 400, "IPv6 link-local"));
        h.add(new Hostile("GET", d + "/https/::ffff:127.0.0.1/" + u + "/cucm-uds/version", 400, "IPv4-mapped"));
        h.add(new Hostile("GET", d + "/https/cucm1.example.int./" + u + "/cucm-uds/version", 400, "trailing dot"));
        h.add(new Hostile("GET", ucm + "/cucm-uds/" + "a".repeat(300), 414, "overlong segment"));
        h.add(new Hostile("GET", ucm + "/cucm-uds/" + "a/".repeat(4200), 414, "overlong request line"));
        // A wrong method for a rule.
        h.add(new Hostile("DELETE", ucm + "/cucm-uds/version", 403, "DELETE on UDS"));
        h.add(new Hostile("POST", d + "/http/tftp1.example.int/" + t + "/SPDefault.cnf.xml", 403, "POST on TFTP"));
        h.add(new Hostile("PUT", d + "/https/tftp1.example.int/" + s + "/SPDefault.cnf.xml", 403, "PUT on TFTP"));
        h.add(new Hostile("TRACE", ucm + "/cucm-uds/version", 405, "TRACE"));
        // Base64 that decodes to control characters.
        h.add(new Hostile("GET", "/" + b64url("example.com\r\n/https/cucm1.example.int/" + u) + "/cucm-uds/version", 400,
                "CR/LF in the encoded origin"));
        h.add(new Hostile("GET", "/" + b64("exa\u0000mple.com") + "/get_edge_config", 400, "NUL in the domain"));
        h.add(new Hostile("GET", "/" + b64url("example.com/https/cucm1.example.int/" + u + "\t") + "/x", 400,
                "tab after the port"));
        h.add(new Hostile("GET", "/" + b64("example.com\u007f") + "/get_edge_config", 400, "DEL in the domain"));
        // Header injection and other malformed targets.
        h.add(new Hostile("GET", ucm + "/cucm-uds/version%0d%0aX-Injected:%201", 400, "encoded CR/LF in path"));
        h.add(new Hostile("GET", ucm + "/cucm-uds/version?x=%0d%0aX-Injected:%201", 400, "encoded CR/LF in query"));
        h.add(new Hostile("GET", d + "/ftp/cucm1.example.int/21/", 400, "scheme"));
        h.add(new Hostile("GET", "https://cucm1.example.int:" + u + "/cucm-uds/version", 400, "absolute form"));
        h.add(new Hostile("GET", "/!!!/https/cucm1.example.int/" + u + "/cucm-uds/version", 400, "not base64"));
        h.add(new Hostile("GET", "/" + b64("evil.example") + "/https/cucm1.example.int/" + u + "/cucm-uds/version", 403,
                "domain not served"));
        h.add(new Hostile("GET", ucm + "/ccmadmin/showHome.do", 403, "path outside the UDS prefix"));
        h.add(new Hostile("GET", ucm + "/cucm-uds/v\u00e9rsion", 400, "raw non-ASCII byte"));
        return h;
    }

    @Test
    void everyHostileUrlIsRefusedAndNoneReachesTheBackend() throws Exception {
        List<Hostile> table = table();
        assertThat(table).hasSizeGreaterThanOrEqualTo(40);
        int logBefore = nginx.accessLog().size();
        double violationsBefore = refusals(ProtectionCategory.HTTP_PROXY_PROTOCOL_VIOLATION);
        List<String> wrong = new ArrayList<>();
        int expectedViolations = 0;
        for (Hostile h : table) {
            int status = raw.request(h.method(), h.target(), AUTH);
            if (status != h.status()) {
                wrong.add(h.what() + ": " + h.method() + " " + h.target() + " -> " + status + ", expected " + h.status());
            }
            expectedViolations += status == 400 || status == 414 || status == 405 ? 1 : 0;
        }
        assertThat(wrong).as("hostile URLs answered otherwise than expected").isEmpty();

        // A legitimate request afterwards is served and is the only thing nginx logged.
        String marker = "/" + b64("example.com") + "/https/cucm1.example.int/" + nginx.udsPort()
                + "/cucm-uds/version?marker=after-hostile";
        assertThat(raw.request("GET", marker, AUTH)).isEqualTo(200);
        Await.until("the marker in nginx's access log", Duration.ofSeconds(10),
                () -> nginx.accessLog().size() > logBefore);
        List<String> log = nginx.accessLog();
        List<String> reached = log.subList(logBefore, log.size());
        assertThat(reached).hasSize(1);
        assertThat(reached.get(0)).contains("GET /cucm-uds/version?marker=after-hostile HTTP/1.1");
        assertThat(refusals(ProtectionCategory.HTTP_PROXY_PROTOCOL_VIOLATION) - violationsBefore)
                .as("each 400/405/414 counted as a protocol violation").isEqualTo(expectedViolations);
        System.out.printf("hostile URLs: %d refused, 0 reached nginx%n", table.size());
    }

    static double refusals(ProtectionCategory category) {
        return cluster.edge().metrics().registry().get(MetricNames.REFUSALS)
                .tag(MetricNames.TAG_CATEGORY, category.yamlKey()).counter().count();
    }
}
