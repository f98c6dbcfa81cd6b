package io.mraedge.http.testing;

import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.RealPeer;
import io.mraedge.core.testing.TestPki;
import io.mraedge.core.tls.LeafSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * nginx (Debian {@code nginx-light}) on loopback as the inside backend: UDS-shaped XML over
 * HTTPS (the Unified CM and IM and Presence names all on one certificate of the test CA), TFTP
 * files over HTTP and HTTPS, and a 100 MiB file. Started in the foreground with the config in
 * {@code src/test/resources/nginx/nginx.conf}; {@link #close()} stops it by PID.
 */
public final class NginxBackend implements AutoCloseable {
    /** Names on the backend's certificate: what connector configs call the UC nodes. */
    public static final List<String> NAMES = List.of("cucm1.example.int", "cucm2.example.net", "imp1.example.int",
            "tftp1.example.int");
    /** Size of {@code /big.bin}. */
    public static final long BIG_FILE = 100L << 20;

    private final Path dir;
    private final Process process;
    private final int udsPort;
    private final int tftpPort;
    private final int tftpsPort;

    private NginxBackend(Path dir, Process process, int udsPort, int tftpPort, int tftpsPort) {
        this.dir = dir;
        this.process = process;
        this.udsPort = udsPort;
        this.tftpPort = tftpPort;
        this.tftpsPort = tftpsPort;
    }

    /** Starts nginx in {@code dir} with a certificate from {@code pki}; skips or fails without nginx. */
    public static NginxBackend start(Path dir, TestPki pki) throws Exception {
        Path nginx = RealPeer.require("nginx", "nginx-light");
        pki.issue("backend", LeafSpec.server("backend", NAMES.toArray(String[]::new)));
        Files.createDirectories(dir);
        Files.copy(pki.cert("backend"), dir.resolve("backend.crt"));
        Files.copy(pki.key("backend"), dir.resolve("backend.key"));
        writeContent(dir.resolve("html"));
        int uds = freePort();
        int tftp = freePort();
        int tftps = freePort();
        String conf;
        try (InputStream in = NginxBackend.class.getResourceAsStream("/nginx/nginx.conf")) {
            conf = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        conf = conf.replace("@DIR@", dir.toString()).replace("@UDS_PORT@", Integer.toString(uds))
                .replace("@TFTP_PORT@", Integer.toString(tftp)).replace("@TFTPS_PORT@", Integer.toString(tftps));
        Path confFile = dir.resolve("nginx.conf");
        Files.writeString(confFile, conf);
        Process p = new ProcessBuilder(nginx.toString(), "-c", confFile.toString(), "-p", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        NginxBackend backend = new NginxBackend(dir, p, uds, tftp, tftps);
        try {
            Await.until("nginx listening", Duration.ofSeconds(20), () -> {
                if (!p.isAlive()) {
                    throw new AssertionError("nginx exited: " + backend.read("nginx.out") + backend.read("error.log"));
                }
                return listening(uds) && listening(tftp) && listening(tftps);
            });
        } catch (AssertionError | RuntimeException e) {
            backend.close();
            throw e;
        }
        return backend;
    }

    private static void writeContent(Path html) throws IOException {
        Files.createDirectories(html.resolve("cucm-uds/user/alice"));
        Files.writeString(html.resolve("cucm-uds/version.xml"),
                "<versionInformation uri=\"/cucm-uds/version\" version=\"14.0.1\"><version>14.0.1.10000-1</version>"
                        + "</versionInformation>\n");
        Files.writeString(html.resolve("cucm-uds/servers.xml"),
                "<servers><server>cucm1.example.int</server><server>cucm2.example.net</server></servers>\n");
        Files.writeString(html.resolve("cucm-uds/user/alice.xml"),
                "<user uri=\"/cucm-uds/user/alice\"><userName>alice</userName><firstName>Alice</firstName></user>\n");
        Files.writeString(html.resolve("cucm-uds/user/alice/devices.xml"),
                "<devices><device><name>CSFALICE</name><type>Cisco Unified Client Services Framework</type>"
                        + "</device></devices>\n");
        Files.writeString(html.resolve("SPDefault.cnf.xml"), "<device><fullConfig>true</fullConfig></device>\n");
        try (RandomAccessFile big = new RandomAccessFile(html.resolve("big.bin").toFile(), "rw")) {
            big.setLength(BIG_FILE); // sparse: cheap to make, nginx sends it with sendfile
        }
    }

    public int udsPort() {
        return udsPort;
    }

    public int tftpPort() {
        return tftpPort;
    }

    public int tftpsPort() {
        return tftpsPort;
    }

    public Path dir() {
        return dir;
    }

    /** Lines of the access log so far. */
    public List<String> accessLog() {
        try {
            Path log = dir.resolve("access.log");
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String read(String name) {
        try {
            Path f = dir.resolve(name);
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** A free loopback port now (a tiny race with other processes is accepted in tests). */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops nginx by its PID and waits for it. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
