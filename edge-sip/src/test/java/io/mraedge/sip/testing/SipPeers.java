package io.mraedge.sip.testing;

import io.mraedge.core.testing.RealPeer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kamailio (registrar with Path support, TCP on loopback), stunnel (TLS in front of sipp,
 * whose Debian build has no TLS) and sipp runs, from the configs in {@code src/test/resources/peers}.
 */
public final class SipPeers {
    private SipPeers() {
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Copies a test resource to {@code dir}, replacing {@code @KEY@} placeholders. */
    public static Path resource(String name, Path dir, String... keyValues) throws IOException {
        try (InputStream in = SipPeers.class.getResourceAsStream("/peers/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (int i = 0; i < keyValues.length; i += 2) {
                text = text.replace("@" + keyValues[i] + "@", keyValues[i + 1]);
            }
            Path out = dir.resolve(name);
            Files.writeString(out, text);
            return out;
        }
    }

    /** A running Kamailio and the way to read its location table. */
    public record Kamailio(PeerProcess process, int port, Path ctlSocket) implements AutoCloseable {
        /**
         * Bindings in the location table, from {@code kamcmd ul.dump brief} (one line per AOR; every
         * test client registers one contact per AOR), checked against usrloc's own contact count.
         * The full {@code ul.dump} of a thousand contacts exceeds kamcmd's reply buffer.
         */
        public int contacts() throws IOException, InterruptedException {
            String dump = kamcmd("ul.dump", "brief");
            int aors = 0;
            for (String line : dump.split("\n")) {
                if (line.trim().startsWith("AoR:")) {
                    aors++;
                }
            }
            String stats = kamcmd("stats.get_statistics", "usrloc:");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("location_contacts = (\\d+)").matcher(stats);
            if (!m.find() || Integer.parseInt(m.group(1)) != aors) {
                throw new AssertionError("kamcmd ul.dump brief lists " + aors + " AORs but usrloc counts: " + stats.trim()
                        + (dump.startsWith("{") ? "" : "; ul.dump said: " + dump.trim()));
            }
            return aors;
        }

        private String kamcmd(String... command) throws IOException, InterruptedException {
            List<String> cmd = new ArrayList<>(List.of(RealPeer.require("kamcmd", "kamailio").toString(), "-s",
                    "unix:" + ctlSocket));
            cmd.addAll(List.of(command));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("kamcmd " + command[0] + " did not finish");
            }
            return out;
        }

        @Override
        public void close() {
            process.close();
        }
    }

    public static Kamailio kamailio(Path dir) throws IOException {
        return kamailio(dir, 4096, 256);
    }

    /** Kamailio accepting up to {@code maxConnections} TCP connections with {@code shmMegabytes} of shared memory. */
    public static Kamailio kamailio(Path dir, int maxConnections, int shmMegabytes) throws IOException {
        Path kamailio = RealPeer.require("kamailio", "kamailio");
        int port = freePort();
        Path run = Files.createDirectories(dir.resolve("kamailio-run"));
        Path ctl = run.resolve("kamailio_ctl");
        Path cfg = resource("kamailio.cfg", dir, "PORT", Integer.toString(port), "CTL", ctl.toString(),
                "MAXCONN", Integer.toString(maxConnections));
        PeerProcess p = PeerProcess.start("kamailio", List.of(kamailio.toString(), "-f", cfg.toString(), "-DD", "-E",
                "-Y", run.toString(), "-P", run.resolve("kamailio.pid").toString(), "-m", Integer.toString(shmMegabytes)),
                dir.resolve("kamailio.log"), port);
        return new Kamailio(p, port, ctl);
    }

    /** stunnel accepting TCP on a free port and speaking TLS to {@code tlsPort}; returns it and its port. */
    public record Stunnel(PeerProcess process, int port) implements AutoCloseable {
        @Override
        public void close() {
            process.close();
        }
    }

    public static Stunnel stunnel(Path dir, int tlsPort) throws IOException {
        Path stunnel = RealPeer.require("stunnel4", "stunnel4");
        int port = freePort();
        Path conf = resource("stunnel-sip.conf", dir, "ACCEPT", Integer.toString(port), "CONNECT",
                Integer.toString(tlsPort));
        Files.move(conf, dir.resolve("stunnel-" + port + ".conf"));
        PeerProcess p = PeerProcess.start("stunnel", List.of(stunnel.toString(),
                dir.resolve("stunnel-" + port + ".conf").toString()), dir.resolve("stunnel-" + port + ".log"), port);
        return new Stunnel(p, port);
    }

    /** Runs sipp to completion; returns its exit code (0: every call succeeded). */
    public static int sipp(Path dir, String target, Path scenario, String... args) throws Exception {
        Path sipp = RealPeer.require("sipp", "sip-tester");
        List<String> cmd = new ArrayList<>(List.of(sipp.toString(), target, "-sf", scenario.toString(), "-nostdin",
                "-trace_err", "-error_file", dir.resolve("sipp-" + scenario.getFileName() + ".err").toString(),
                "-timeout", "180s", "-timeout_error"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sipp-" + scenario.getFileName() + ".out").toFile()).start();
        if (!p.waitFor(200, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("sipp did not finish");
        }
        return p.exitValue();
    }

    /** Starts sipp in the background (caller waits). */
    public static Process sippAsync(Path dir, String target, Path scenario, String... args) throws IOException {
        Path sipp = RealPeer.require("sipp", "sip-tester");
        List<String> cmd = new ArrayList<>(List.of(sipp.toString(), target, "-sf", scenario.toString(), "-nostdin",
                "-trace_err", "-error_file", dir.resolve("sipp-" + scenario.getFileName() + ".err").toString(),
                "-timeout", "180s", "-timeout_error"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("sipp-" + scenario.getFileName() + ".out").toFile()).start();
    }
}
