package io.mraedge.sip;

import io.mraedge.sip.testing.SipPeers;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * REGISTER throughput, one run each, in the same process tree: sipp → Kamailio direct (TCP, the
 * baseline) against sipp → stunnel (TLS) → edge → connector → Kamailio. Each run sends
 * {@code calls} REGISTERs on one connection, at most {@code window} awaiting their 200, and
 * counts only runs where every REGISTER got its 200 (sipp exit 0). Reports calls/s and the ratio.
 * A first run through the edge (a quarter of {@code calls}) warms the JVMs up and is not counted.
 *
 * <p>Run: {@code java -cp <benchmarks classpath> io.mraedge.sip.SipRegisterThroughputBenchmark [calls] [window]}.
 * Bounded: sipp stops after 180 s ({@code -timeout}).
 */
public final class SipRegisterThroughputBenchmark {
    private SipRegisterThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path dir = Files.createTempDirectory("sip-throughput");
        try (SipPeers.Kamailio kamailio = SipPeers.kamailio(dir, 4096, 1024);
             SipNodes nodes = SipNodes.start(dir, kamailio.port(), "1g", "1g")) {
            Thread.sleep(2000); // the connector's traversal connections come up
            try (SipPeers.Stunnel stunnel = SipPeers.stunnel(dir, nodes.sipPort)) {
                // JIT warm-up of the edge and connector JVMs; not counted.
                run(dir, "warmup", "127.0.0.1:" + stunnel.port(), "TLS", Math.max(1000, calls / 4), window);
                double direct = run(dir, "direct", "127.0.0.1:" + kamailio.port(), "TCP", calls, window);
                double edge = run(dir, "edge", "127.0.0.1:" + stunnel.port(), "TLS", calls, window);
                System.out.printf("RESULT REGISTER/s: direct %.0f, through edge %.0f; ratio edge/direct = %.2f%n",
                        direct, edge, edge / direct);
            }
        }
    }

    private static double run(Path dir, String name, String target, String transport, int calls, int window)
            throws Exception {
        Path scenario = SipPeers.resource("register_once.xml", dir, "TRANSPORT", transport, "TRANSPORT_LC",
                transport.toLowerCase(), "PREFIX", name);
        Path named = Files.move(scenario, dir.resolve("register_once_" + name + ".xml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        long start = System.nanoTime();
        int rc = SipPeers.sipp(dir, target, named, "-t", "t1", "-m", Integer.toString(calls), "-r", "100000",
                "-l", Integer.toString(window));
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = calls / seconds;
        System.out.printf("%s: %d REGISTERs in %.2f s = %.0f/s, sipp exit %d (output %s)%n", name, calls, seconds, rate,
                rc, dir.resolve("sipp-" + named.getFileName() + ".out"));
        if (rc != 0) {
            throw new IllegalStateException(name + ": sipp reported failed calls (exit " + rc + ")");
        }
        return rate;
    }
}
