package io.mraedge.sip.testing;

import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.RealPeer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code tcpdump} on {@code lo} writing every matching packet to a pcap file as it comes
 * ({@code -U}), so that a test can count exactly what crossed the loopback between its peers.
 * On {@code lo} libpcap sees each packet once (the outgoing copy is dropped), so one datagram
 * sent is one record. Needs CAP_NET_RAW (root). Stopped by PID; {@link #stop()} checks that
 * the kernel dropped nothing, so that a count from the file is a count of the traffic.
 */
public final class LoopbackCapture implements AutoCloseable {
    private static final Pattern DROPPED = Pattern.compile("(\\d+) packets? dropped by kernel");

    private final Process process;
    private final Path file;
    private final Path log;
    private boolean stopped;

    private LoopbackCapture(Process process, Path file, Path log) {
        this.process = process;
        this.file = file;
        this.log = log;
    }

    /** Starts capturing UDP on {@code lo} matching {@code filter} (BPF) and waits until tcpdump listens. */
    public static LoopbackCapture start(Path dir, String name, String filter) throws IOException {
        Path tcpdump = RealPeer.require("tcpdump", "tcpdump");
        Path file = dir.resolve(name + ".pcap");
        Path log = dir.resolve(name + ".tcpdump.log");
        // -n: no DNS; -U: write each packet at once; -B: 4 MiB kernel buffer; -s 0: whole packets.
        Process p = new ProcessBuilder(List.of(tcpdump.toString(), "-i", "lo", "-n", "-U", "-B", "4096", "-s", "0",
                "-w", file.toString(), filter)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LoopbackCapture capture = new LoopbackCapture(p, file, log);
        try {
            Await.until("tcpdump listening on lo", Duration.ofSeconds(20), () -> {
                if (!p.isAlive()) {
                    throw new AssertionError("tcpdump exited with " + p.exitValue() + ": " + capture.logText());
                }
                return capture.logText().contains("listening on lo");
            });
        } catch (RuntimeException | AssertionError e) {
            capture.close();
            throw e;
        }
        return capture;
    }

    public Path file() {
        return file;
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Stops tcpdump (SIGTERM: it flushes and prints its statistics), fails when the kernel
     * dropped packets, and returns the UDP datagrams captured.
     */
    public List<PcapFile.Datagram> stop() throws IOException, InterruptedException {
        close();
        String text = logText();
        Matcher m = DROPPED.matcher(text);
        if (!m.find()) {
            throw new AssertionError("tcpdump printed no statistics (killed?): " + text);
        }
        if (Long.parseLong(m.group(1)) != 0) {
            throw new AssertionError("the kernel dropped packets before tcpdump saw them; the counts would be wrong: "
                    + text);
        }
        return PcapFile.udp(file);
    }

    /** tcpdump's own summary, e.g. "472 packets captured ... 0 packets dropped by kernel". */
    public String logText() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "(" + log + " unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
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
