package io.mraedge.media.relay;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starting and stopping the targets' processes: optionally pinned with {@code taskset -c}
 * (which execs, so the PID is the target's own), output to a log file, stopped by PID
 * (SIGTERM, then SIGKILL after 5 s).
 */
final class ChildProcess {
    private ChildProcess() {
    }

    /** {@code cpus} empty means not pinned. */
    static Process start(List<String> command, String cpus, Path log) throws IOException {
        List<String> full = new ArrayList<>();
        if (!cpus.isEmpty()) {
            full.add("taskset");
            full.add("-c");
            full.add(cpus);
        }
        full.addAll(command);
        return new ProcessBuilder(full).redirectErrorStream(false)
                .redirectError(log.toFile()).start();
    }

    /** A JVM with the driver's classpath and the product launcher's options, running {@code main}. */
    static List<String> java(Path logbackConfig, String heap, String main, String... args) {
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(javaBin, "-XX:+UseG1GC", "-XX:+ExitOnOutOfMemoryError", heap,
                "-Dio.netty.tryReflectionSetAccessible=true", "--add-opens", "java.base/java.nio=ALL-UNNAMED",
                "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
                "-Dlogback.configurationFile=" + logbackConfig, "-cp", System.getProperty("java.class.path"), main));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** A logback configuration sending INFO and up to stderr (Netty at WARN), written once per run. */
    static Path logback(Path dir) throws IOException {
        Path p = dir.resolve("logback.xml");
        if (!Files.exists(p)) {
            Files.writeString(p, "<configuration>\n  <appender name=\"ERR\" class=\"ch.qos.logback.core.ConsoleAppender\">\n"
                    + "    <target>System.err</target>\n    <encoder><pattern>%d{HH:mm:ss.SSS} [%thread] %-5level %logger{36} - %msg%n</pattern></encoder>\n"
                    + "  </appender>\n  <logger name=\"io.netty\" level=\"WARN\"/>\n"
                    + "  <root level=\"INFO\"><appender-ref ref=\"ERR\"/></root>\n</configuration>\n");
        }
        return p;
    }

    static void stop(Process p) {
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy(); // SIGTERM to this PID only
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }
}
