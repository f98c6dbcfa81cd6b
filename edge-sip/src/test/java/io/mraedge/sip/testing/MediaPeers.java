package io.mraedge.sip.testing;

import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.RealPeer;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The peers of a call with RTP (resources {@code peers/kamailio-media.cfg}, {@code uac_rtp.xml},
 * {@code uas_rtp_echo.xml}): Kamailio with a static route for {@code echo} to a sipp UAS
 * running {@code -rtp_echo}, sipp runs with media ports, and free UDP port blocks on loopback.
 */
public final class MediaPeers {
    /**
     * Blocks are taken below Linux's ephemeral range (32768-60999 by default), so that no
     * connect() or bind(0) elsewhere on the machine lands in them while the test runs.
     */
    private static final int LOW = 20_000;
    private static final int HIGH = 32_000;

    private MediaPeers() {
    }

    /** A port range {@code first}-{@code last} (inclusive), as YAML and BPF write it. */
    public record Block(int first, int last) {
        public boolean contains(int port) {
            return port >= first && port <= last;
        }

        public int size() {
            return last - first + 1;
        }

        /** {@code "first-last"}, the YAML form of a port range. */
        @Override
        public String toString() {
            return first + "-" + last;
        }
    }

    /**
     * {@code size} consecutive ports starting at an even port, free for UDP on every address of
     * {@code addresses} and for TCP on 127.0.0.1, disjoint from {@code taken}.
     */
    public static Block freeUdpBlock(int size, List<Block> taken, InetAddress... addresses) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 500; attempt++) {
            int first = (LOW + random.nextInt(HIGH - LOW - size)) & ~1;
            Block candidate = new Block(first, first + size - 1);
            if (taken.stream().anyMatch(t -> t.first() <= candidate.last() && candidate.first() <= t.last())) {
                continue;
            }
            if (allFree(candidate, addresses)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free block of " + size + " UDP ports in " + LOW + "-" + HIGH);
    }

    private static boolean allFree(Block block, InetAddress... addresses) {
        List<AutoCloseable> held = new ArrayList<>();
        try {
            for (int port = block.first(); port <= block.last(); port++) {
                for (InetAddress address : addresses) {
                    held.add(new DatagramSocket(new InetSocketAddress(address, port)));
                }
                held.add(new ServerSocket(port, 1, InetAddress.getLoopbackAddress()));
            }
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            for (AutoCloseable c : held) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // a probe socket
                }
            }
        }
    }

    /** A port free for both TCP and UDP on 127.0.0.1 (Kamailio listens on both). */
    public static int freeTcpAndUdpPort() throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port = SipPeers.freePort();
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
                return port;
            } catch (SocketException e) {
                // taken for UDP: try another
            }
        }
        throw new IOException("no port free for both TCP and UDP");
    }

    /** Whether something holds UDP {@code port} on 127.0.0.1 (our bind attempt fails). */
    public static boolean udpBound(int port) {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", port))) {
            return false;
        } catch (SocketException e) {
            return true;
        }
    }

    /**
     * Kamailio on {@code port} (TCP toward the connector, UDP toward the UAS) routing {@code echo}
     * to the sipp UAS at 127.0.0.1:{@code uasPort} (UDP).
     */
    public static PeerProcess kamailio(Path dir, int port, int uasPort) throws IOException {
        Path kamailio = RealPeer.require("kamailio", "kamailio");
        Path run = Files.createDirectories(dir.resolve("kamailio-media-run"));
        Path cfg = SipPeers.resource("kamailio-media.cfg", dir, "PORT", Integer.toString(port), "UAS_PORT",
                Integer.toString(uasPort));
        return PeerProcess.start("kamailio", List.of(kamailio.toString(), "-f", cfg.toString(), "-DD", "-E",
                "-Y", run.toString(), "-P", run.resolve("kamailio.pid").toString(), "-m", "64"),
                dir.resolve("kamailio-media.log"), port);
    }

    /** A sipp run, stopped by PID on close (when it is still running). */
    public record Sipp(String name, Process process, Path log, Path errors) implements AutoCloseable {
        /** Waits up to {@code timeout} for sipp to finish; its exit code (0: every call succeeded). */
        public int await(Duration timeout) throws InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new AssertionError("sipp " + name + " did not finish within " + timeout + "; see " + log);
            }
            return process.exitValue();
        }

        /** The end of sipp's output and error file, for failure messages. */
        public String tail() {
            StringBuilder s = new StringBuilder();
            for (Path p : List.of(log, errors)) {
                try {
                    if (Files.exists(p)) {
                        String text = Files.readString(p);
                        s.append("--- ").append(p.getFileName()).append('\n')
                                .append(text.length() > 4000 ? text.substring(text.length() - 4000) : text);
                    }
                } catch (IOException e) {
                    s.append("(").append(p).append(": ").append(e).append(")\n");
                }
            }
            return s.toString();
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroy();
                try {
                    if (!process.waitFor(10, TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                        process.waitFor(10, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /**
     * The UAS: {@code uas_rtp_echo.xml} on UDP 127.0.0.1:{@code sipPort} for one call, RTP echoed
     * on 127.0.0.1:{@code mediaPort} (sipp also binds {@code mediaPort + 2}); returns once both
     * ports are bound.
     */
    public static Sipp uas(Path dir, int sipPort, int mediaPort) throws IOException {
        Path scenario = SipPeers.resource("uas_rtp_echo.xml", dir);
        Sipp sipp = sipp(dir, "uas", List.of("-sf", scenario.toString(), "-i", "127.0.0.1", "-p",
                Integer.toString(sipPort), "-t", "u1", "-mi", "127.0.0.1", "-mp", Integer.toString(mediaPort),
                "-rtp_echo", "-m", "1"));
        try {
            Await.until("sipp UAS bound SIP " + sipPort + " and RTP " + mediaPort, Duration.ofSeconds(20), () -> {
                if (!sipp.process().isAlive()) {
                    throw new AssertionError("sipp UAS exited with " + sipp.process().exitValue() + ": " + sipp.tail());
                }
                return udpBound(sipPort) && udpBound(mediaPort);
            });
        } catch (RuntimeException | AssertionError e) {
            sipp.close();
            throw e;
        }
        return sipp;
    }

    /**
     * The UAC: {@code uac_rtp.xml} calling {@code service} once through {@code target} (stunnel's
     * TCP port), playing g711a.pcap from 127.0.0.1:{@code mediaPort} for {@code playMillis}.
     */
    public static Sipp uac(Path dir, String target, String service, int mediaPort, long playMillis) throws IOException {
        Path scenario = SipPeers.resource("uac_rtp.xml", dir, "PLAY_MS", Long.toString(playMillis));
        return sipp(dir, "uac", List.of(target, "-sf", scenario.toString(), "-s", service, "-i", "127.0.0.1",
                "-p", Integer.toString(SipPeers.freePort()), "-t", "t1", "-mi", "127.0.0.1", "-mp",
                Integer.toString(mediaPort), "-m", "1"));
    }

    private static Sipp sipp(Path dir, String name, List<String> args) throws IOException {
        Path sipp = RealPeer.require("sipp", "sip-tester");
        Path log = dir.resolve("sipp-" + name + ".out");
        Path errors = dir.resolve("sipp-" + name + ".err");
        List<String> cmd = new ArrayList<>(List.of(sipp.toString()));
        cmd.addAll(args);
        // -cp: sipp's UDP control socket, on a free port rather than 8888 and up.
        cmd.addAll(List.of("-nostdin", "-trace_err", "-error_file", errors.toString(), "-timeout", "60s",
                "-timeout_error", "-cp", Integer.toString(freeUdpPort())));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        return new Sipp(name, p, log, errors);
    }

    private static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return s.getLocalPort();
        }
    }
}
