package io.mraedge.sip.testing;

import io.mraedge.core.testing.Await;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A peer server started by a test on loopback, stopped by its PID. */
public final class PeerProcess implements AutoCloseable {
    private final Process process;
    private final String name;

    private PeerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /** Starts {@code command}, output to {@code log}, and waits until {@code port} accepts. */
    public static PeerProcess start(String name, List<String> command, Path log, int port) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PeerProcess peer = new PeerProcess(name, p);
        Await.until(name + " listening on " + port, Duration.ofSeconds(20), () -> {
            if (!p.isAlive()) {
                throw new AssertionError(name + " exited with " + p.exitValue() + "; see " + log);
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return peer;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        ProcessHandle.of(process.pid()).ifPresent(h -> {
            h.descendants().forEach(ProcessHandle::destroy);
            h.destroy();
        });
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
