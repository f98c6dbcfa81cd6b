package io.mraedge.distribution;

import io.mraedge.core.config.ConnectorConfig;
import io.mraedge.core.config.EdgeConfig;
import io.mraedge.core.traversal.TraversalLink;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code mra-edge lab} prints for the operator: the running lab and what to try next, or,
 * when the connector does not come up, the state of each of its links.
 */
final class LabNextSteps {

    private LabNextSteps() {
    }

    /** The block printed once the connector is UP. */
    static void printRunning(PrintWriter out, LabFiles files, EdgeConfig edge, ConnectorConfig connector,
                             InetSocketAddress admin, long upAfterMillis) {
        out.println();
        out.printf("lab: connector %s UP after %d ms (from starting the edge to %d links UP)%n", connector.name(),
                upAfterMillis, connector.traversal().connectionsPerEdge());
        out.println();
        out.println("What to try next:");
        out.println("  edge status     curl -s " + statusUrl(admin));
        out.println("  status page     " + statusUrl(admin).replace("/status", "/") + "  (a browser; no JavaScript)");
        out.println("  metrics         curl -s " + statusUrl(admin).replace("/status", "/metrics"));
        out.println("  maintenance     " + launcher() + " maintenance on   (and off; " + launcher() + " status)");
        out.println("  lab files       " + display(files.dir()) + "/  (CA, certificates, "
                + LabConfigFiles.EDGE_FILE + ", " + LabConfigFiles.CONNECTOR_FILE + ")");
        out.println("  check a config  " + launcher() + " check-config " + display(files.edgeConfig()));
        out.println("  Ctrl-C stops the lab (connector first, then edge " + edge.name() + ").");
        out.println();
        out.flush();
    }

    /** The links of a connector that did not come UP, one line each, with their last error. */
    static void printLinks(PrintWriter out, List<TraversalLink> links) {
        for (TraversalLink link : links) {
            out.printf("  link %d to %s: %s%s%n", link.index(), link.target(), link.state(),
                    link.lastError().isEmpty() ? "" : ", last error: " + link.lastError());
        }
        out.flush();
    }

    static String statusUrl(InetSocketAddress admin) {
        String host = admin.getHostString();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + admin.getPort() + "/status";
    }

    /**
     * How to call this command again: the launcher this process was started by (bin/mra-edge
     * passes its installation directory as {@code mra.home}), or plain {@code mra-edge}.
     */
    private static String launcher() {
        String home = System.getProperty("mra.home");
        return home == null ? "mra-edge" : display(Path.of(home, "bin", "mra-edge"));
    }

    /** A path relative to the working directory when it lies below it, absolute otherwise. */
    static String display(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath().normalize();
        return absolute.startsWith(cwd) && !absolute.equals(cwd) ? cwd.relativize(absolute).toString()
                : absolute.toString();
    }
}
