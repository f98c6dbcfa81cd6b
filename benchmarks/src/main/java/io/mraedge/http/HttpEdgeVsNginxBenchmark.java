package io.mraedge.http;

import io.mraedge.core.ConnectorNode;
import io.mraedge.core.EdgeNode;
import io.mraedge.core.config.ConfigLoader;
import io.mraedge.core.config.ConnectorConfig;
import io.mraedge.core.config.EdgeConfig;
import io.mraedge.core.plugin.ProtocolPlugin;
import io.mraedge.core.tls.LeafSpec;
import io.mraedge.core.tls.PrivatePki;
import io.mraedge.core.tls.TlsContexts;
import io.mraedge.http.auth.BasicCredentials;
import io.mraedge.http.auth.CredentialsFile;
import io.mraedge.http.auth.TokenKeys;
import io.mraedge.http.edge.HttpsListener;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * HTTPS 8443 throughput against nginx, in one run with the same TLS settings (TLS 1.3, EC P-256
 * certificates of one private CA, h2) and small UDS-sized responses (issue 4):
 * <ul>
 *   <li>A: h2load → edge → traversal → connector → nginx (the mra-edge path, X-Auth cookie);
 *   <li>B: h2load → nginx as a reverse proxy (HTTPS, keep-alive, origin verification) → nginx;
 *   <li>C: h2load → nginx direct.
 * </ul>
 * Each is warmed up, then measured with the same h2load options in {@code rounds} interleaved
 * rounds (A, B, C, A, B, C…), so that other load on the machine hits all three alike. Prints each
 * round's request rates, A/B and A/C, their medians, and the CPU the edge's threads (and the
 * connector's, and nginx B's processes) used per 1,000 requests.
 * Needs {@code nginx} (Debian nginx-light) and {@code h2load} (nghttp2-client).
 *
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests
 * mvn -q -pl benchmarks dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java -cp benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:$(cat benchmarks/cp.txt) \
 *     io.mraedge.http.HttpEdgeVsNginxBenchmark [requests] [clients] [streams-per-client] [rounds]
 * </pre>
 */
public final class HttpEdgeVsNginxBenchmark {
    private static final Pattern RATE = Pattern.compile("finished in ([0-9.]+)(m?s), ([0-9.]+) req/s");
    private static final Pattern DONE = Pattern.compile("requests: (\\d+) total, (\\d+) started, (\\d+) done, (\\d+) succeeded, (\\d+) failed");

    private HttpEdgeVsNginxBenchmark() {
    }

    /** One h2load run's result. */
    record Run(String name, double requestsPerSecond, long succeeded, long failed, double edgeCpuMs,
               double connectorCpuMs) {
    }

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int streams = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path dir = Files.createTempDirectory("http-bench");
        PrivatePki ca = PrivatePki.create("http bench CA");
        ca.writeCa(dir.resolve("ca.crt"), dir.resolve("ca.key"));
        ca.issue(LeafSpec.server("edge", "expe1.example.com", "localhost", "127.0.0.1"))
                .writePem(dir.resolve("edge.crt"), dir.resolve("edge.key"));
        ca.issue(LeafSpec.server("origin", "cucm1.example.int")).writePem(dir.resolve("origin.crt"), dir.resolve("origin.key"));
        ca.issue(LeafSpec.client("connector-1", "connector-1.test")).writePem(dir.resolve("c1.crt"), dir.resolve("c1.key"));
        Files.createDirectories(dir.resolve("html/cucm-uds"));
        Files.writeString(dir.resolve("html/cucm-uds/version.xml"),
                "<versionInformation uri=\"/cucm-uds/version\" version=\"14.0.1\"><version>14.0.1.10000-1</version>"
                        + "</versionInformation>\n");
        int originPort = freePort();
        int proxyPort = freePort();
        List<Process> nginx = new ArrayList<>();
        try {
            nginx.add(startNginx(dir, "nginx-origin.conf", originPort, originPort));
            nginx.add(startNginx(dir, "nginx-proxy.conf", proxyPort, originPort));
            run(dir, originPort, proxyPort, requests, clients, streams, rounds, nginx.get(1));
        } finally {
            for (Process p : nginx) {
                p.destroy();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void run(Path dir, int originPort, int proxyPort, int requests, int clients, int streams,
                            int rounds, Process proxy) throws Exception {
        TokenKeys.generate(dir.resolve("token.key"));
        CredentialsFile.add(dir.resolve("users.txt"), "alice", "secret".toCharArray());
        HttpPlugin plugin = new HttpPlugin();
        ConfigLoader loader = plugin.extendConfig(ConfigLoader.standard());
        Files.writeString(dir.resolve("edge.yaml"), """
                role: edge
                name: bench-edge
                public-name: expe1.example.com
                outside-address: 127.0.0.1
                tls: {certificate: edge.crt, private-key: edge.key}
                traversal: {listen: 127.0.0.1:0, ca: ca.crt, allowed-connectors: [connector-1.test]}
                admin: {listen: 127.0.0.1:0}
                protection:
                  connection-rate: {per-second: 100000, burst: 10000}
                http:
                  listen-port: 0
                  service-domains: [example.com]
                  auth: {token-key-file: token.key}
                """);
        EdgeConfig edgeConfig = loader.loadEdge(dir.resolve("edge.yaml"));
        try (EdgeNode edge = EdgeNode.start(edgeConfig, List.<ProtocolPlugin>of(plugin))) {
            Files.writeString(dir.resolve("connector.yaml"), """
                    role: connector
                    name: connector-1
                    tls: {certificate: c1.crt, private-key: c1.key}
                    traversal:
                      edges: [{address: '127.0.0.1:%d', server-name: localhost}]
                      ca: ca.crt
                    admin: {listen: 127.0.0.1:0}
                    http:
                      domains:
                        - name: example.com
                          unified-cm: [{host: cucm1.example.int, address: 127.0.0.1, port: %d}]
                      verifier: {type: static, credentials-file: users.txt}
                      upstream: {trust-store: ca.crt}
                    """.formatted(edge.traversalAddress().getPort(), originPort));
            ConnectorConfig connectorConfig = loader.loadConnector(dir.resolve("connector.yaml"));
            try (ConnectorNode connector = ConnectorNode.start(connectorConfig, List.<ProtocolPlugin>of(plugin))) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (edge.connectors().upCount() < connectorConfig.traversal().connectionsPerEdge()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the connector did not come up");
                    }
                    Thread.sleep(20);
                }
                int edgePort = edge.listenerAddress(HttpsListener.NAME).getPort();
                String path = "/" + Base64.getEncoder().withoutPadding().encodeToString(
                        "example.com".getBytes(StandardCharsets.US_ASCII)) + "/https/cucm1.example.int/" + originPort
                        + "/cucm-uds/version";
                String cookie = xAuthCookie(dir, edgePort, path);
                String a = "https://127.0.0.1:" + edgePort + path;
                String b = "https://127.0.0.1:" + proxyPort + "/cucm-uds/version";
                String c = "https://127.0.0.1:" + originPort + "/cucm-uds/version";
                List<String> edgeArgs = List.of("-H", "cookie: X-Auth=" + cookie);
                // Warm-up: the JIT for A (a large code base: C2 takes a while to settle, and compiling
                // during the measured run would be counted against A), caches and connections for all.
                // Repeat until two warm-up runs agree within 10% (at most 6 runs).
                double previous = 0;
                for (int i = 0; i < 6; i++) {
                    double rate = h2load("warm-up A", a, requests, clients, streams, edgeArgs).requestsPerSecond();
                    if (i > 0 && Math.abs(rate - previous) < 0.1 * previous) {
                        break;
                    }
                    previous = rate;
                }
                h2load("warm-up B", b, requests / 4, clients, streams, List.of());
                h2load("warm-up C", c, requests / 4, clients, streams, List.of());

                List<double[]> results = new ArrayList<>();
                for (int round = 1; round <= rounds; round++) {
                    Run runA = h2load("A edge", a, requests, clients, streams, edgeArgs);
                    long proxyCpuBefore = processTreeCpuMillis(proxy.pid());
                    Run runB = h2load("B nginx proxy", b, requests, clients, streams, List.of());
                    long proxyCpu = processTreeCpuMillis(proxy.pid()) - proxyCpuBefore;
                    Run runC = h2load("C nginx direct", c, requests, clients, streams, List.of());
                    results.add(report(round, requests, clients, streams, runA, runB, runC, proxyCpu,
                            Files.size(dir.resolve("html/cucm-uds/version.xml"))));
                }
                summary(results);
            }
        }
    }

    /** Prints one round; returns {A/B, A/C, edge ms, connector ms, nginx B ms} (CPU per 1,000 requests). */
    private static double[] report(int round, int requests, int clients, int streams, Run a, Run b, Run c,
                                   long proxyCpuMillis, long bodyBytes) {
        System.out.printf(Locale.ROOT, "%nround %d: h2load -n %d -c %d -m %d, TLS 1.3, h2, a %d-byte UDS response%n",
                round, requests, clients, streams, bodyBytes);
        for (Run r : List.of(a, b, c)) {
            System.out.printf(Locale.ROOT, "  %-16s %10.0f req/s   %d succeeded, %d failed%n", r.name(),
                    r.requestsPerSecond(), r.succeeded(), r.failed());
        }
        double ab = a.requestsPerSecond() / b.requestsPerSecond();
        double ac = a.requestsPerSecond() / c.requestsPerSecond();
        double per1000 = 1000.0 / Math.max(1, a.succeeded());
        double edgeMs = a.edgeCpuMs() * per1000;
        double connectorMs = a.connectorCpuMs() * per1000;
        double nginxMs = proxyCpuMillis * 1000.0 / Math.max(1, b.succeeded());
        System.out.printf(Locale.ROOT, "  A/B = %.2f   A/C = %.2f%n", ab, ac);
        System.out.printf(Locale.ROOT, "  CPU per 1,000 requests: edge %.1f ms, connector %.1f ms; nginx proxy (B) %.1f ms%n",
                edgeMs, connectorMs, nginxMs);
        return new double[] {ab, ac, edgeMs, connectorMs, nginxMs};
    }

    private static void summary(List<double[]> results) {
        System.out.printf(Locale.ROOT, "%nmedian of %d rounds: A/B = %.2f (target >= 0.5)   A/C = %.2f   "
                        + "CPU per 1,000 requests: edge %.1f ms, connector %.1f ms, nginx proxy (B) %.1f ms%n",
                results.size(), median(results, 0), median(results, 1), median(results, 2), median(results, 3),
                median(results, 4));
    }

    private static double median(List<double[]> results, int column) {
        double[] v = results.stream().mapToDouble(r -> r[column]).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static Run h2load(String name, String url, int requests, int clients, int streams, List<String> extra)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of("h2load", "-n", Integer.toString(requests), "-c",
                Integer.toString(clients), "-m", Integer.toString(streams)));
        cmd.addAll(extra);
        cmd.add(url);
        long edgeBefore = threadCpuNanos("edge-");
        long connectorBefore = threadCpuNanos("connector-");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        double edgeMs = (threadCpuNanos("edge-") - edgeBefore) / 1e6;
        double connectorMs = (threadCpuNanos("connector-") - connectorBefore) / 1e6;
        Matcher rate = RATE.matcher(out);
        Matcher done = DONE.matcher(out);
        if (!rate.find() || !done.find()) {
            throw new IllegalStateException(name + ": unexpected h2load output:\n" + out);
        }
        Run run = new Run(name, Double.parseDouble(rate.group(3)), Long.parseLong(done.group(4)),
                Long.parseLong(done.group(5)), edgeMs, connectorMs);
        System.out.printf(Locale.ROOT, "%-16s %10.0f req/s (%d ok, %d failed)%n", name, run.requestsPerSecond(),
                run.succeeded(), run.failed());
        return run;
    }

    /** CPU time of this JVM's live threads whose names start with {@code prefix}, nanoseconds. */
    private static long threadCpuNanos(String prefix) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith(prefix)) {
                long t = threads.getThreadCpuTime(info.getThreadId());
                total += Math.max(0, t);
            }
        }
        return total;
    }

    /** utime + stime of a process and its children (nginx master and workers), in milliseconds. */
    private static long processTreeCpuMillis(long pid) throws IOException {
        long ticks = 0;
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(x -> x.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long self = Long.parseLong(p.getFileName().toString());
                    long parent = Long.parseLong(f[1]);
                    if (self == pid || parent == pid) {
                        ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            }
        }
        return ticks * 10; // USER_HZ is 100 on Linux
    }

    /** Authenticates once with Basic and returns the X-Auth token the edge set. */
    private static String xAuthCookie(Path dir, int edgePort, String path) throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {TlsContexts.pkixTrustManager(dir.resolve("ca.crt"))}, null);
        HttpClient client = HttpClient.newBuilder().sslContext(tls).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + edgePort + path))
                .header("Authorization", new BasicCredentials("alice", "secret").headerValue()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("authentication through the edge answered " + r.statusCode());
        }
        String setCookie = r.headers().firstValue("set-cookie").orElseThrow();
        return setCookie.substring("X-Auth=".length(), setCookie.indexOf(';'));
    }

    private static Process startNginx(Path dir, String template, int port, int originPort) throws Exception {
        String conf;
        try (InputStream in = HttpEdgeVsNginxBenchmark.class.getResourceAsStream(template)) {
            conf = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        conf = conf.replace("@DIR@", dir.toString()).replace("@PORT@", Integer.toString(port))
                .replace("@ORIGIN_PORT@", Integer.toString(originPort))
                .replace("@WORKERS@", Integer.toString(Runtime.getRuntime().availableProcessors()));
        Path file = dir.resolve(template);
        Files.writeString(file, conf);
        Process p = new ProcessBuilder("nginx", "-c", file.toString(), "-p", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(template + ".out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!listening(port)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("nginx (" + template + ") did not start: "
                        + Files.readString(dir.resolve(template + ".out")));
            }
            Thread.sleep(20);
        }
        return p;
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
