package io.mraedge.distribution;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A peer server the lab runs as a child process (Prosody, Kamailio): started with its output
 * in a file, ready once it accepts on its loopback port, stopped by its PID (SIGTERM, then
 * SIGKILL after {@link #STOP_TIMEOUT}). One lifecycle for every such peer.
 */
final class LabChildProcess implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LabChildProcess.class);

    static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final Process process;
    private final Path output;

    private LabChildProcess(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
    }

    /**
     * Starts {@code command} and waits until 127.0.0.1:{@code port} accepts. The port must be
     * free first ({@code pidFile} is named in that refusal). Any failure stops what was started
     * and becomes a {@link StartFailedException} that points at {@code seeAlso}.
     *
     * @param name    e.g. "Prosody", for messages and logs
     * @param output  file for the process's stdout and stderr
     * @param seeAlso files an operator should read when it fails (its output, its log)
     */
    static LabChildProcess start(String name, List<String> command, int port, Path pidFile, Path output,
                                 List<Path> seeAlso) throws StartFailedException, InterruptedException {
        if (accepts(port)) {
            throw new StartFailedException("127.0.0.1:" + port + ", the lab " + name + "'s port, is taken; a " + name
                    + " left from an earlier lab? Its PID is in " + LabNextSteps.display(pidFile)
                    + " (ss -ltnp 'sport = :" + port + "')", null);
        }
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new StartFailedException(name + " could not start: " + e.getMessage(), e);
        }
        LabChildProcess child = new LabChildProcess(name, process, output);
        log.info("{}: started, PID {}", name, process.pid());
        String see = String.join(" and ", seeAlso.stream().map(LabNextSteps::display).toList());
        try {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!accepts(port)) {
                if (!process.isAlive()) {
                    throw new StartFailedException(name + " exited with status " + process.exitValue()
                            + " before listening on 127.0.0.1:" + port + "; see " + see + ": " + child.lastOutput(), null);
                }
                if (System.nanoTime() > deadline) {
                    throw new StartFailedException(name + " did not listen on 127.0.0.1:" + port + " within "
                            + START_TIMEOUT.toSeconds() + " s; see " + see, null);
                }
                Thread.sleep(100);
            }
            return child;
        } catch (StartFailedException | InterruptedException | RuntimeException e) {
            child.close();
            throw e;
        }
    }

    /** An executable {@code command} from the PATH, or empty. */
    static java.util.Optional<Path> onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, command);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return java.util.Optional.of(candidate);
            }
        }
        return java.util.Optional.empty();
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the process by its PID: SIGTERM, then SIGKILL after {@link #STOP_TIMEOUT}; safe to call again. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("{}: PID {} stopped", name, process.pid());
            } else {
                log.warn("{}: PID {} still running {} s after SIGTERM; SIGKILL", name, process.pid(),
                        STOP_TIMEOUT.toSeconds());
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL without waiting: for a process that is about to halt. */
    void kill() {
        process.destroyForcibly();
    }

    private String lastOutput() {
        try {
            String text = Files.exists(output) ? Files.readString(output).strip() : "";
            return text.length() > 400 ? "..." + text.substring(text.length() - 400) : text;
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
