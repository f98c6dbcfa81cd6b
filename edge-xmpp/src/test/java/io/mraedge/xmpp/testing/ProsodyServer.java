package io.mraedge.xmpp.testing;

import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.RealPeer;
import io.mraedge.core.testing.TestPki;
import io.mraedge.core.tls.LeafSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Prosody (the IM&P stand-in) for a test: its own folder, config from
 * {@code prosody/prosody.cfg.lua.template}, one VirtualHost per domain with a certificate from
 * the test CA, free ports on one loopback address. Started in the foreground and stopped by PID.
 *
 * <p>With a resolver file, Prosody runs in a private mount namespace in which that file is
 * bind-mounted over {@code /etc/resolv.conf} ({@code unshare -m}): its DNS then goes to a test
 * dnsmasq, while the machine's own resolver configuration is never touched.
 */
public final class ProsodyServer implements AutoCloseable {
    private static final Duration START = Duration.ofSeconds(30);

    private final Path dir;
    private final Path config;
    private final String address;
    private final int c2sPort;
    private final int c2sTlsPort;
    private final int s2sPort;
    private final Process process;

    private ProsodyServer(Path dir, Path config, String address, int c2sPort, int c2sTlsPort, int s2sPort, Process process) {
        this.dir = dir;
        this.config = config;
        this.address = address;
        this.c2sPort = c2sPort;
        this.c2sTlsPort = c2sTlsPort;
        this.s2sPort = s2sPort;
        this.process = process;
    }

    /** Options of one server. */
    /**
     * @param s2sPort the s2s port, or 0 for a free one (a test that must publish it in DNS before
     *                the server starts picks it itself)
     */
    public record Options(String address, List<String> domains, boolean federation, Path resolvConf, int s2sPort) {
        public static Options inside(List<String> domains) {
            return new Options("127.0.0.1", domains, false, null, 0);
        }
    }

    public static ProsodyServer start(Path dir, TestPki pki, Options options) throws IOException, InterruptedException {
        RealPeer.require("prosody", "prosody");
        Files.createDirectories(dir.resolve("certs"));
        Files.createDirectories(dir.resolve("data"));
        StringBuilder hosts = new StringBuilder();
        for (String domain : options.domains()) {
            String name = "prosody-" + domain;
            pki.issue(name, LeafSpec.server(domain, domain));
            Files.copy(pki.cert(name), dir.resolve("certs/" + domain + ".crt"));
            Files.copy(pki.key(name), dir.resolve("certs/" + domain + ".key"));
            hosts.append("VirtualHost \"").append(domain).append("\"\n")
                    .append("  ssl = { certificate = \"").append(dir).append("/certs/").append(domain)
                    .append(".crt\"; key = \"").append(dir).append("/certs/").append(domain).append(".key\" }\n");
        }
        int c2s = FreePorts.find(options.address());
        int c2sTls = FreePorts.find(options.address());
        int s2s = options.s2sPort() != 0 ? options.s2sPort() : FreePorts.find(options.address());
        String template;
        try (InputStream in = ProsodyServer.class.getResourceAsStream("/prosody/prosody.cfg.lua.template")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String text = template
                .replace("@DIR@", dir.toString())
                .replace("@INTERFACE@", options.address())
                .replace("@C2S_PORT@", Integer.toString(c2s))
                .replace("@C2S_TLS_PORT@", Integer.toString(c2sTls))
                .replace("@S2S_PORT@", Integer.toString(s2s))
                .replace("@EXTRA_MODULES@", options.federation() ? "\"s2s\"; \"dialback\";" : "")
                .replace("@DISABLED_MODULES@", options.federation() ? "" : "\"s2s\";")
                .replace("@LOG_LEVEL@", "info")
                .replace("@VIRTUAL_HOSTS@", hosts);
        Path config = dir.resolve("prosody.cfg.lua");
        Files.writeString(config, text);
        List<String> command = new ArrayList<>();
        if (options.resolvConf() != null) {
            RealPeer.require("unshare", "util-linux");
            command.addAll(List.of("unshare", "-m", "sh", "-c",
                    "mount --bind \"$0\" /etc/resolv.conf && exec prosody --config \"$1\" -F",
                    options.resolvConf().toString(), config.toString()));
        } else {
            command.addAll(List.of("prosody", "--config", config.toString(), "-F"));
        }
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.txt").toFile())
                .start();
        ProsodyServer server = new ProsodyServer(dir, config, options.address(), c2s, c2sTls, s2s, process);
        try {
            Await.until("prosody listening on " + options.address() + ":" + c2s, START, () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("prosody exited: " + server.output());
                }
                return accepts(options.address(), c2s) && (!options.federation() || accepts(options.address(), s2s));
            });
        } catch (RuntimeException | Error e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static boolean accepts(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code prosodyctl --config F register user domain password}. */
    public void register(String user, String domain, String password) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("prosodyctl", "--config", config.toString(), "register", user, domain, password)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("prosodyctl register " + user + "@" + domain + " failed: " + out);
        }
    }

    /** Registers {@code user1..userN} with passwords {@code pass1..passN}, a few at a time. */
    public void registerMany(String domain, int count) throws IOException, InterruptedException {
        List<Process> running = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            running.add(new ProcessBuilder("prosodyctl", "--config", config.toString(), "register", "user" + i, domain,
                    "pass" + i).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start());
            if (running.size() == 8 || i == count) {
                for (Process p : running) {
                    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                        throw new IllegalStateException("prosodyctl register failed");
                    }
                }
                running.clear();
            }
        }
    }

    public String address() {
        return address;
    }

    public int c2sPort() {
        return c2sPort;
    }

    public int c2sTlsPort() {
        return c2sTlsPort;
    }

    public int s2sPort() {
        return s2sPort;
    }

    public Path dir() {
        return dir;
    }

    /** What Prosody printed and logged, for failure messages. */
    public String output() {
        try {
            String out = Files.exists(dir.resolve("stdout.txt")) ? Files.readString(dir.resolve("stdout.txt")) : "";
            String log = Files.exists(dir.resolve("prosody.log")) ? Files.readString(dir.resolve("prosody.log")) : "";
            return out + "\n--- prosody.log ---\n" + log;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops Prosody by its PID (SIGTERM, then SIGKILL). */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
