package io.mraedge.core.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import io.mraedge.core.protection.ProtectionConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an edge's file into an {@link EdgeConfig}. Keys and defaults are documented on the
 * records; this class adds the checks that span keys (admin never on the outside address).
 */
final class EdgeConfigParser {

    /** The edge's own top-level keys; protocol sections may not take these names. */
    static final Set<String> CORE_KEYS = Set.of("role", "name", "public-name", "outside-address", "tls",
            "traversal", "admin", "protection", "shutdown");

    private EdgeConfigParser() {
    }

    /** Reads the file; {@code role} has been read already. Null when a problem was recorded. */
    static EdgeConfig parse(ConfigReader root, Path source, Map<String, SectionParser<?>> sectionParsers) {
        String name = CommonConfigParser.name(root);
        String publicName = publicName(root, name);
        InetAddress outsideAddress = root.inetAddress("outside-address", EdgeConfig.DEFAULT_OUTSIDE_ADDRESS);
        TlsConfig tls = CommonConfigParser.tls(root);
        TraversalServerConfig traversal = traversal(root.child("traversal"));
        AdminConfig admin = CommonConfigParser.admin(root.child("admin"), AdminConfig.DEFAULT_LISTEN, outsideAddress);
        ProtectionConfig protection = root.has("protection")
                ? ProtectionConfig.parse(root.child("protection")) : ProtectionConfig.defaults();
        ShutdownConfig shutdown = CommonConfigParser.shutdown(root);
        Map<String, Object> sections = CommonConfigParser.sections(root, sectionParsers);
        return root.finish(() -> new EdgeConfig(source, name, publicName, outsideAddress, tls, traversal, admin,
                protection, shutdown, sections));
    }

    private static String publicName(ConfigReader root, String name) {
        Optional<String> publicName = root.optionalString("public-name");
        if (publicName.isPresent() && !HostSyntax.isDnsName(publicName.get())) {
            root.problem("public-name", YamlNode.quote(publicName.get())
                    + " is not a DNS name; write the name clients use, e.g. edge.example.com");
        }
        return publicName.orElse(name);
    }

    private static TraversalServerConfig traversal(ConfigReader traversal) {
        InetSocketAddress listen = traversal.socketAddress("listen", TraversalServerConfig.DEFAULT_LISTEN);
        Path ca = traversal.file("ca");
        List<String> allowed = allowedConnectors(traversal);
        Duration handshakeTimeout = traversal.positiveDuration("handshake-timeout",
                TraversalServerConfig.DEFAULT_HANDSHAKE_TIMEOUT);
        LivenessConfig liveness = CommonConfigParser.liveness(traversal);
        FlowControlConfig flowControl = CommonConfigParser.flowControl(traversal);
        return traversal.finish(() -> new TraversalServerConfig(listen, ca, allowed, handshakeTimeout, liveness,
                flowControl));
    }

    /** Each entry is matched against a SAN of the connector's certificate: a DNS name or an IP. */
    private static List<String> allowedConnectors(ConfigReader traversal) {
        List<String> allowed = traversal.stringList("allowed-connectors");
        Set<String> seen = new HashSet<>();
        for (String san : allowed) {
            if (HostSyntax.ipLiteral(san).isEmpty() && !HostSyntax.isDnsName(san)) {
                traversal.problem("allowed-connectors", YamlNode.quote(san)
                        + " is not a DNS name or IP address; list the SAN of each connector's certificate");
            } else if (!seen.add(san.toLowerCase(Locale.ROOT))) {
                traversal.problem("allowed-connectors", YamlNode.quote(san) + " is listed twice");
            }
        }
        return allowed;
    }

}
