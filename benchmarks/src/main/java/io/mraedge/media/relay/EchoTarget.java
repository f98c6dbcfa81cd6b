package io.mraedge.media.relay;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The baseline: {@link UdpEchoProcess} in its own JVM; both sides of every session send to it and get their packets back. */
final class EchoTarget implements MediaTarget {
    private static final String IP = "127.0.0.5";
    private final Path dir;
    private final String cpus;
    private final int maxSeconds;
    private Process process;
    private InetSocketAddress address;

    EchoTarget(Path dir, String cpus, int maxSeconds) {
        this.dir = dir;
        this.cpus = cpus;
        this.maxSeconds = maxSeconds;
    }

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public void start() throws IOException {
        process = ChildProcess.start(ChildProcess.java(ChildProcess.logback(dir), "-Xmx256m",
                UdpEchoProcess.class.getName(), IP, Integer.toString(maxSeconds)), cpus, dir.resolve("echo.log"));
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
        String line = out.readLine();
        if (line == null || !line.startsWith("READY ")) {
            throw new IOException("echo process did not start; see " + dir.resolve("echo.log"));
        }
        address = new InetSocketAddress(IP, Integer.parseInt(line.substring(6).trim()));
    }

    @Override
    public List<String> ips() {
        return List.of(IP);
    }

    @Override
    public List<Long> pids() {
        return List.of(process.pid());
    }

    @Override
    public List<Wiring> open(List<InetSocketAddress> a, List<InetSocketAddress> b) {
        List<Wiring> w = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            w.add(new Wiring(address, address, null));
        }
        return w;
    }

    @Override
    public void closeSessions() {
    }

    @Override
    public void close() {
        ChildProcess.stop(process);
    }
}
