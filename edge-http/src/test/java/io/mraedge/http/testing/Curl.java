package io.mraedge.http.testing;

import io.mraedge.core.testing.RealPeer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real curl as the test's HTTPS client: one process per request, HTTP/1.1 or h2 by
 * {@code --http1.1}/{@code --http2}, trusting the test CA, with the edge's public name resolved
 * to loopback ({@code --resolve}) so that the X-Auth cookie's domain matches.
 */
public final class Curl {
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Path curl;
    private final Path dir;
    private final Path caCert;
    private final String host;
    private final int port;

    /**
     * @param host the edge's public name in URLs (resolved to 127.0.0.1)
     */
    public Curl(Path dir, Path caCert, String host, int port) {
        this.curl = RealPeer.require("curl", "curl");
        this.dir = dir;
        this.caCert = caCert;
        this.host = host;
        this.port = port;
    }

    /** What came back. */
    public record Result(int status, String httpVersion, Map<String, List<String>> headers, Path bodyFile,
                         int exitCode, String stderr) {
        public String body() {
            try {
                return Files.exists(bodyFile) ? Files.readString(bodyFile, StandardCharsets.UTF_8) : "";
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public long bodySize() {
            try {
                return Files.exists(bodyFile) ? Files.size(bodyFile) : -1;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }
    }

    public String url(String path) {
        return "https://" + host + ":" + port + path;
    }

    /** GET {@code path} with extra curl {@code options} (e.g. {@code --http2}, {@code -u}, {@code -H}). */
    public Result get(String path, String... options) {
        List<String> args = new ArrayList<>(List.of(options));
        args.add(url(path));
        return run(args);
    }

    /** Runs curl with {@code args} plus the common options; waits up to 5 minutes. */
    public Result run(List<String> args) {
        int n = RUNS.incrementAndGet();
        Path body = dir.resolve("curl-" + n + ".body");
        Path headers = dir.resolve("curl-" + n + ".headers");
        Path err = dir.resolve("curl-" + n + ".err");
        List<String> cmd = new ArrayList<>(List.of(curl.toString(), "-sS", "--cacert", caCert.toString(),
                "--resolve", host + ":" + port + ":127.0.0.1", "-o", body.toString(), "-D", headers.toString(),
                "-w", "%{http_code} %{http_version}", "--max-time", "240"));
        cmd.addAll(args);
        try {
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("curl did not finish: " + cmd);
            }
            String[] w = out.split(" ");
            int status = w.length > 0 && w[0].matches("\\d+") ? Integer.parseInt(w[0]) : 0;
            String version = w.length > 1 ? w[1] : "";
            String stderr = Files.exists(err) ? Files.readString(err) : "";
            return new Result(status, version, parseHeaders(headers), body, p.exitValue(), stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts curl without waiting (for a download that must be in flight). */
    public Process start(List<String> args, Path bodyFile) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(curl.toString(), "-sS", "--cacert", caCert.toString(),
                "--resolve", host + ":" + port + ":127.0.0.1", "-o", bodyFile.toString(),
                "-w", "%{http_code}", "--max-time", "240"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectError(dir.resolve(bodyFile.getFileName() + ".err").toFile()).start();
    }

    private static Map<String, List<String>> parseHeaders(Path file) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return headers;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
            if (line.startsWith("HTTP/")) {
                headers.clear(); // keep the final response's headers only (after any 100 Continue)
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                        .add(line.substring(colon + 1).trim());
            }
        }
        return headers;
    }
}
