package io.mraedge.http.edgeconfig;

import io.mraedge.http.connector.ServiceDomain;
import io.mraedge.http.connector.TftpNode;
import io.mraedge.http.connector.UcNode;
import java.util.Comparator;
import java.util.List;

/**
 * Writes the {@code get_edge_config} answer, element names and nesting exactly as the sample of
 * TechNote 211304 (mra-facts.md, "Discovery and edge configuration"):
 * <pre>{@code
 * <getEdgeConfigResponse version="1.0">
 *   <serviceConfig>
 *     <service><name>_cisco-uds</name><server><priority/><weight/><port/><address/></server>…</service>
 *     <service><name>_cuplogin</name><error>NameError</error></service>
 *     <service><name>tftpServer</name><address/>…</service>
 *   </serviceConfig>
 *   <edgeConfig>
 *     <sipEdgeServer><server><address/><tlsPort/></server></sipEdgeServer>
 *     <sipRequest><route>&lt;sip:…&gt;</route></sipRequest>
 *     <xmppEdgeServer><server><address/><tlsPort/></server></xmppEdgeServer>
 *     <httpEdgeServer><server><address/><tlsPort/></server></httpEdgeServer>
 *     <turnEdgeServer/>
 *     <userUdsServer><server><address/><tlsPort/></server></userUdsServer>
 *   </edgeConfig>
 * </getEdgeConfigResponse>
 * }</pre>
 * Services: each {@code service_name} asked for, in order ({@code _cisco-uds},
 * {@code _cuplogin} and {@code _cisco-phone-tftp} when none was asked). {@code _cisco-uds} lists
 * the Unified CM nodes and {@code _cuplogin} the IM and Presence nodes, by priority; a name the
 * domain has no node for, or that is not one of those two, answers {@code NameError} (as
 * {@code _cisco-phone-tftp} does in the sample: clients take TFTP from {@code tftpServer}).
 * {@code tftpServer} follows whenever the domain has TFTP servers. {@code userUdsServer} is the
 * preferred Unified CM. The document has no whitespace between elements, like the product's.
 */
public final class EdgeConfigDocument {
    /** Asked for when the request names no service. */
    public static final List<String> DEFAULT_SERVICES = List.of("_cisco-uds", "_cuplogin", "_cisco-phone-tftp");
    static final String UDS = "_cisco-uds";
    static final String CUP_LOGIN = "_cuplogin";
    static final String TFTP_SERVER = "tftpServer";

    private EdgeConfigDocument() {
    }

    /** The XML document (UTF-8 text, no XML declaration, as in the sample). */
    public static String write(ServiceDomain domain, List<String> serviceNames, EdgeIdentity edge) {
        StringBuilder x = new StringBuilder(1024);
        x.append("<getEdgeConfigResponse version=\"1.0\"><serviceConfig>");
        List<String> asked = serviceNames.isEmpty() ? DEFAULT_SERVICES : serviceNames;
        boolean tftpWritten = false;
        for (String name : asked) {
            if (name.equals(TFTP_SERVER)) {
                tftpWritten = true;
                tftpServer(x, domain.tftp());
                continue;
            }
            List<UcNode> nodes = switch (name) {
                case UDS -> domain.unifiedCm();
                case CUP_LOGIN -> domain.imPresence();
                default -> List.of();
            };
            service(x, name, nodes);
        }
        if (!tftpWritten && !domain.tftp().isEmpty()) {
            tftpServer(x, domain.tftp());
        }
        x.append("</serviceConfig><edgeConfig>");
        server(x.append("<sipEdgeServer>"), edge.publicName(), edge.sipTlsPort()).append("</sipEdgeServer>");
        String route = domain.sipRoute() != null ? domain.sipRoute()
                : "<sip:" + edge.publicName() + ":" + edge.sipTlsPort() + ";transport=tls;lr>";
        x.append("<sipRequest><route>").append(escape(route)).append("</route></sipRequest>");
        server(x.append("<xmppEdgeServer>"), edge.publicName(), edge.xmppPort()).append("</xmppEdgeServer>");
        server(x.append("<httpEdgeServer>"), edge.publicName(), edge.httpPort()).append("</httpEdgeServer>");
        turn(x, edge.turnServers());
        UcNode home = preferred(domain.unifiedCm());
        server(x.append("<userUdsServer>"), home.host(), home.port()).append("</userUdsServer>");
        x.append("</edgeConfig></getEdgeConfigResponse>");
        return x.toString();
    }

    private static void service(StringBuilder x, String name, List<UcNode> nodes) {
        x.append("<service><name>").append(escape(name)).append("</name>");
        if (nodes.isEmpty()) {
            x.append("<error>NameError</error>");
        }
        for (UcNode n : byPriority(nodes)) {
            x.append("<server><priority>").append(n.priority()).append("</priority><weight>").append(n.weight())
                    .append("</weight><port>").append(n.port()).append("</port><address>").append(escape(n.host()))
                    .append("</address></server>");
        }
        x.append("</service>");
    }

    private static void tftpServer(StringBuilder x, List<TftpNode> tftp) {
        x.append("<service><name>").append(TFTP_SERVER).append("</name>");
        if (tftp.isEmpty()) {
            x.append("<error>NameError</error>");
        }
        for (TftpNode t : tftp) {
            x.append("<address>").append(escape(t.host())).append("</address>");
        }
        x.append("</service>");
    }

    private static void turn(StringBuilder x, List<String> servers) {
        if (servers.isEmpty()) {
            x.append("<turnEdgeServer/>");
            return;
        }
        x.append("<turnEdgeServer>");
        for (String s : servers) {
            int colon = s.lastIndexOf(':');
            String port = s.substring(colon + 1);
            x.append("<server><address>").append(escape(s.substring(0, colon))).append("</address><udpPort>")
                    .append(port).append("</udpPort><tcpPort>").append(port).append("</tcpPort></server>");
        }
        x.append("</turnEdgeServer>");
    }

    private static StringBuilder server(StringBuilder x, String address, int port) {
        return x.append("<server><address>").append(escape(address)).append("</address><tlsPort>").append(port)
                .append("</tlsPort></server>");
    }

    private static UcNode preferred(List<UcNode> nodes) {
        return byPriority(nodes).get(0);
    }

    private static List<UcNode> byPriority(List<UcNode> nodes) {
        // Stable: equal priorities keep config order. Weight only matters to the client's choice.
        return nodes.stream().sorted(Comparator.comparingInt(UcNode::priority)).toList();
    }

    /** XML 1.0 §2.4 character data: &amp;, &lt;, &gt; and quotes escaped. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
