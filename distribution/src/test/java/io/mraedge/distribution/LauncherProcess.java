package io.mraedge.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The packaged launcher, {@code target/mra-edge/bin/mra-edge ARGS}, in a process of its own as
 * an operator runs it (so the launcher script, the lib/ class path, logback and the signal
 * handling are all the shipped ones). Its output is copied to the test's output, each line
 * prefixed with a label, and kept for assertions. Netty's paranoid leak detector runs in that
 * JVM too, so that its LEAK: lines reach the build's leak gate through this test's output.
 * {@link #close()} stops the process if it still runs: SIGTERM, then SIGKILL after 30 s.
 */
final class LauncherProcess implements AutoCloseable {
    static final Path LAUNCHER = Path.of("target", "mra-edge", "bin", "mra-edge");

    private final String label;
    private final Process process;
    private final Thread pump;
    private final List<String> output = new CopyOnWriteArrayList<>();

    private LauncherProcess(String label, ProcessBuilder builder) throws IOException {
        this.label = label;
        this.process = builder.start();
        this.pump = new Thread(this::pumpOutput, label + "-output");
        pump.setDaemon(true);
        pump.start();
    }

    /** Starts {@code mra-edge ARGS}; {@code label} prefixes its output lines, e.g. {@code [edge]}. */
    static LauncherProcess start(String label, String... args) throws IOException {
        assertThat(LAUNCHER).as("run `mvn package` first: the launcher").isExecutable();
        List<String> command = new ArrayList<>();
        command.add(LAUNCHER.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MRA_EDGE_JAVA_OPTS", "-Dio.netty.leakDetection.level=paranoid");
        return new LauncherProcess(label, builder);
    }

    /** Fails the test, with the output so far, when the process has already exited. */
    void requireAlive(String waitingFor) {
        if (!process.isAlive()) {
            fail("the " + label + " exited with status " + process.exitValue() + " before " + waitingFor
                    + "; its output:\n" + outputText());
        }
    }

    /**
     * SIGTERM, as systemd sends it. Not {@link Process#destroy()}: that sends SIGTERM on Linux
     * too but also closes the output pipe, and the process's last lines would be lost.
     */
    void sigterm() {
        assertThat(process.toHandle().destroy()).as("SIGTERM sent to the %s", label).isTrue();
    }

    /** Waits for the process to exit, failing with its output after {@code bound}; returns its status. */
    int awaitExit(Duration bound) throws InterruptedException {
        assertThat(process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS))
                .as("the %s exits within %s s; its output:%n%s", label, bound.toSeconds(), outputText())
                .isTrue();
        pump.join(TimeUnit.SECONDS.toMillis(10)); // the last lines, written just before exit
        return process.exitValue();
    }

    List<String> output() {
        return output;
    }

    String outputText() {
        return String.join("\n", output);
    }

    @Override
    public void close() {
        // SIGTERM first, so that a lab left running by a failed assertion stops its Prosody and
        // Kamailio by PID; SIGKILL only when it does not exit.
        process.toHandle().destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pumpOutput() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
                System.out.println("[" + label + "] " + line);
            }
        } catch (IOException e) {
            output.add("(output stream: " + e + ")");
        }
    }
}
