package io.mraedge.sip;

import io.mraedge.core.testing.TestPki;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts an edge and a connector, each in its own JVM ({@link SipNodeProcess}), with test
 * certificates, the edge's SIP/TLS listener on a free port and the connector's SIP target given.
 */
final class SipNodes implements AutoCloseable {
    /** A child JVM running one node; {@link #heap()} asks it for its heap after GC and CPU time. */
    static final class Node implements AutoCloseable {
        private final Process process;
        private final BufferedReader out;
        private final Writer in;
        final String ready;

        Node(Path yaml, String xmx, Path log) throws IOException {
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + xmx, "-XX:+UseG1GC", "-cp", System.getProperty("java.class.path"),
                    SipNodeProcess.class.getName(), yaml.toString()));
            process = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("READY"));
            if (line == null) {
                throw new IOException("node " + yaml + " did not start; see " + log);
            }
            ready = line;
        }

        /** {used heap bytes after GC, process CPU ns, registrations current (edge) or -1}. */
        long[] heap() throws IOException {
            in.write("heap\n");
            in.flush();
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("HEAP"));
            if (line == null) {
                throw new IOException("node exited");
            }
            String[] f = line.split(" ");
            return new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3])};
        }

        long pid() {
            return process.pid();
        }

        @Override
        public void close() {
            try {
                in.write("quit\n");
                in.flush();
            } catch (IOException ignored) {
                // it is gone already
            }
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    final Node edge;
    final Node connector;
    final int sipPort;

    private SipNodes(Node edge, Node connector, int sipPort) {
        this.edge = edge;
        this.connector = connector;
        this.sipPort = sipPort;
    }

    static SipNodes start(Path dir, int targetPort, String edgeXmx, String connectorXmx) throws IOException {
        TestPki pki = TestPki.create(dir);
        String edgeYaml = "role: edge\nname: edge-1\npublic-name: edge.example.com\noutside-address: 127.0.0.1\n"
                + "tls:\n  certificate: " + pki.cert("edge") + "\n  private-key: " + pki.key("edge") + "\n"
                + "traversal:\n  listen: 127.0.0.1:0\n  ca: " + pki.caCert() + "\n"
                + "  allowed-connectors: [connector-1.test]\n"
                + "admin:\n  listen: 127.0.0.1:0\n"
                + "protection:\n  connection-rate: {per-second: 100000, burst: 100000}\n"
                + "  categories:\n    sip-registration-failure: {exemptions: [127.0.0.1/32]}\n"
                + "    sip-auth-failure: {exemptions: [127.0.0.1/32]}\n"
                + "sip:\n  listen-port: 0\n";
        Files.writeString(dir.resolve("edge-1.yaml"), edgeYaml);
        Node edge = new Node(dir.resolve("edge-1.yaml"), edgeXmx, dir.resolve("edge-1.log"));
        String[] ports = edge.ready.split(" ");
        String connectorYaml = "role: connector\nname: connector-1\n"
                + "tls:\n  certificate: " + pki.cert("connector-1") + "\n  private-key: " + pki.key("connector-1") + "\n"
                + "traversal:\n  edges:\n    - address: 127.0.0.1:" + ports[1] + "\n"
                + "      server-name: localhost\n  ca: " + pki.caCert() + "\n"
                + "admin:\n  listen: 127.0.0.1:0\nshutdown:\n  drain-timeout: 1s\n"
                + "sip:\n  target: 127.0.0.1:" + targetPort + "\n  inside-listen: 127.0.0.1:0\n";
        Files.writeString(dir.resolve("connector-1.yaml"), connectorYaml);
        Node connector = new Node(dir.resolve("connector-1.yaml"), connectorXmx, dir.resolve("connector-1.log"));
        return new SipNodes(edge, connector, Integer.parseInt(ports[2]));
    }

    @Override
    public void close() {
        connector.close();
        edge.close();
    }
}
