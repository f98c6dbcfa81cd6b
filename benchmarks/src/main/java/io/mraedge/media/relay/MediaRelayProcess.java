package io.mraedge.media.relay;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mraedge.core.net.NetTransport;
import io.mraedge.media.ports.PortRange;
import io.mraedge.media.ports.PortsExhaustedException;
import io.mraedge.media.sdp.CandidatePolicy;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One mra-edge media relay role in its own JVM, for the UDP load driver: the edge's
 * {@link EdgeMediaRelay} or the connector's {@link ConnectorMediaRelay}, steered over
 * stdin/stdout with one line per command and one reply line per command (the SIP integration's
 * calls, without SIP):
 *
 * <pre>
 * edge:       A id client-ip:port|-   -> A id outsidePort traversalPort token   allocate(signalled, rtcp=false)
 *             S id client-ip:port     -> S id                                   signalled(rtp, null)
 * connector:  A id                    -> A id insidePort                        allocate(rtcp=false)
 *             E id edge-ip:port token -> E id                                   edge(rtp, null, token)
 *             I id inside-ip:port     -> I id                                   inside(rtp, null)
 * both:       C id -> C id (close);  T -> T totals;  Q -> exit
 * </pre>
 * Failures reply {@code ERR id message}. Usage:
 * {@code MediaRelayProcess edge <outside-ip> <inside-ip> <outside-ports> <traversal-ports> <latch> <max-seconds> [workers]}
 * or {@code MediaRelayProcess connector <address> <ports> <max-seconds> [workers]}; workers 0 is
 * Netty's default (2 x available cores). The process exits by itself after max-seconds.
 */
public final class MediaRelayProcess {
    private MediaRelayProcess() {
    }

    public static void main(String[] args) throws Exception {
        boolean edge = args[0].equals("edge");
        int maxSeconds = Integer.parseInt(args[edge ? 6 : 3]);
        int workers = args.length > (edge ? 7 : 4) ? Integer.parseInt(args[edge ? 7 : 4]) : 0;
        Thread watchdog = new Thread(() -> {
            try {
                TimeUnit.SECONDS.sleep(maxSeconds);
            } catch (InterruptedException e) {
                return;
            }
            System.err.println("max-seconds reached; exiting");
            Runtime.getRuntime().halt(3);
        }, "watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.US_ASCII);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        NetTransport transport = NetTransport.create(args[0], workers, true);
        try {
            if (edge) {
                EdgeMediaConfig c = new EdgeMediaConfig(InetAddress.getByName(args[1]), InetAddress.getByName(args[1]),
                        InetAddress.getByName(args[2]), PortRange.parse(args[3]), PortRange.parse(args[4]),
                        LatchPolicy.valueOf(args[5].toUpperCase().replace('-', '_')), Duration.ofSeconds(60), 2048, 16,
                        CandidatePolicy.STRIP);
                try (EdgeMediaRelay relay = EdgeMediaRelay.start(c, transport, new SimpleMeterRegistry(), System::nanoTime)) {
                    out.println("READY edge " + ProcessHandle.current().pid() + " " + transport.describe());
                    out.flush();
                    serveEdge(relay, in, out);
                }
            } else {
                ConnectorMediaConfig c = new ConnectorMediaConfig(InetAddress.getByName(args[1]), PortRange.parse(args[2]),
                        Duration.ofSeconds(60), Duration.ofMillis(100), Duration.ofSeconds(10), 2048, 16);
                try (ConnectorMediaRelay relay = ConnectorMediaRelay.start(c, transport, new SimpleMeterRegistry(), System::nanoTime)) {
                    out.println("READY connector " + ProcessHandle.current().pid() + " " + transport.describe());
                    out.flush();
                    serveConnector(relay, in, out);
                }
            }
        } finally {
            transport.close();
        }
    }

    private static void serveEdge(EdgeMediaRelay relay, BufferedReader in, PrintStream out) throws IOException {
        Map<String, EdgeStream> streams = new HashMap<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] f = line.split(" ");
            try {
                switch (f[0]) {
                    case "A" -> {
                        EdgeStream s = relay.allocate(f[2].equals("-") ? null : address(f[2]), false);
                        streams.put(f[1], s);
                        out.println("A " + f[1] + " " + s.outsidePort() + " " + s.traversalPort() + " " + s.token());
                    }
                    case "S" -> {
                        streams.get(f[1]).signalled(address(f[2]), null);
                        out.println("S " + f[1]);
                    }
                    case "C" -> {
                        EdgeStream s = streams.remove(f[1]);
                        if (s != null) {
                            s.close();
                        }
                        out.println("C " + f[1]);
                    }
                    case "T" -> out.println("T " + relay.totals());
                    case "Q" -> {
                        out.println("Q");
                        out.flush();
                        return;
                    }
                    default -> out.println("ERR - unknown command " + f[0]);
                }
            } catch (PortsExhaustedException | RuntimeException e) {
                out.println("ERR " + (f.length > 1 ? f[1] : "-") + " " + e);
            }
            if (!in.ready()) {
                out.flush();
            }
        }
    }

    private static void serveConnector(ConnectorMediaRelay relay, BufferedReader in, PrintStream out) throws IOException {
        Map<String, ConnectorStream> streams = new HashMap<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] f = line.split(" ");
            try {
                switch (f[0]) {
                    case "A" -> {
                        ConnectorStream s = relay.allocate(false);
                        streams.put(f[1], s);
                        out.println("A " + f[1] + " " + s.insidePort());
                    }
                    case "E" -> {
                        streams.get(f[1]).edge(address(f[2]), null, f[3]);
                        out.println("E " + f[1]);
                    }
                    case "I" -> {
                        streams.get(f[1]).inside(address(f[2]), null);
                        out.println("I " + f[1]);
                    }
                    case "C" -> {
                        ConnectorStream s = streams.remove(f[1]);
                        if (s != null) {
                            s.close();
                        }
                        out.println("C " + f[1]);
                    }
                    case "T" -> out.println("T " + relay.totals());
                    case "Q" -> {
                        out.println("Q");
                        out.flush();
                        return;
                    }
                    default -> out.println("ERR - unknown command " + f[0]);
                }
            } catch (PortsExhaustedException | RuntimeException e) {
                out.println("ERR " + (f.length > 1 ? f[1] : "-") + " " + e);
            }
            if (!in.ready()) {
                out.flush();
            }
        }
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }
}
