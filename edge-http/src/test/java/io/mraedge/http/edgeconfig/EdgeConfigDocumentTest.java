package io.mraedge.http.edgeconfig;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.http.connector.ServiceDomain;
import io.mraedge.http.connector.TftpNode;
import io.mraedge.http.connector.UcNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The get_edge_config document held against the sample of TechNote 211304 (mra-facts.md). */
class EdgeConfigDocumentTest {
    /** The sample, whitespace between elements removed. */
    static final String SAMPLE = """
            <getEdgeConfigResponse version="1.0"><serviceConfig>
             <service><name>_cisco-phone-tftp</name><error>NameError</error></service>
             <service><name>_cuplogin</name><error>NameError</error></service>
             <service><name>_cisco-uds</name><server><priority>1</priority><weight>1</weight>
               <port>8443</port><address>cucm.example.int</address></server></service>
             <service><name>tftpServer</name><address>cucm.example.int</address></service>
            </serviceConfig><edgeConfig>
             <sipEdgeServer><server><address>expe.example.com</address><tlsPort>5061</tlsPort></server></sipEdgeServer>
             <sipRequest><route>&lt;sip:192.168.2.100:5061;transport=tls;zone-id=3;directed;lr&gt;</route></sipRequest>
             <xmppEdgeServer><server><address>expe.example.com</address><tlsPort>5222</tlsPort></server></xmppEdgeServer>
             <httpEdgeServer><server><address>expe.example.com</address><tlsPort>8443</tlsPort></server></httpEdgeServer>
             <turnEdgeServer/>
             <userUdsServer><server><address>cucm.example.int</address><tlsPort>8443</tlsPort></server></userUdsServer>
            </edgeConfig></getEdgeConfigResponse>
            """.replaceAll(">\\s+<", "><").trim();

    static final EdgeIdentity EDGE = new EdgeIdentity("expe.example.com", 5061, 5222, 8443, List.of());

    @Test
    void theSampleExactly() {
        ServiceDomain domain = new ServiceDomain("example.com",
                List.of(new UcNode("cucm.example.int", null, 1, 1, 8443)),
                List.of(new TftpNode("cucm.example.int", null, 6970, 6972)), List.of(), List.of(),
                "<sip:192.168.2.100:5061;transport=tls;zone-id=3;directed;lr>");
        String xml = EdgeConfigDocument.write(domain, List.of("_cisco-phone-tftp", "_cuplogin", "_cisco-uds"), EDGE);
        assertThat(xml).isEqualTo(SAMPLE);
    }

    @Test
    void serversByPriorityImpDefaultsAndTurn() {
        ServiceDomain domain = new ServiceDomain("example.net",
                List.of(new UcNode("cucm2.example.net", null, 2, 5, 8443), new UcNode("cucm1.example.net", null, 1, 10, 8443)),
                List.of(), List.of(new UcNode("imp.example.net", null, 1, 1, 8443)), List.of(), null);
        EdgeIdentity edge = new EdgeIdentity("mra.example.net", 5062, 5223, 443, List.of("turn.example.net:3478"));
        String xml = EdgeConfigDocument.write(domain, List.of(), edge);
        assertThat(xml).isEqualTo("<getEdgeConfigResponse version=\"1.0\"><serviceConfig>"
                + "<service><name>_cisco-uds</name>"
                + "<server><priority>1</priority><weight>10</weight><port>8443</port><address>cucm1.example.net</address></server>"
                + "<server><priority>2</priority><weight>5</weight><port>8443</port><address>cucm2.example.net</address></server>"
                + "</service>"
                + "<service><name>_cuplogin</name>"
                + "<server><priority>1</priority><weight>1</weight><port>8443</port><address>imp.example.net</address></server>"
                + "</service>"
                + "<service><name>_cisco-phone-tftp</name><error>NameError</error></service>"
                + "</serviceConfig><edgeConfig>"
                + "<sipEdgeServer><server><address>mra.example.net</address><tlsPort>5062</tlsPort></server></sipEdgeServer>"
                + "<sipRequest><route>&lt;sip:mra.example.net:5062;transport=tls;lr&gt;</route></sipRequest>"
                + "<xmppEdgeServer><server><address>mra.example.net</address><tlsPort>5223</tlsPort></server></xmppEdgeServer>"
                + "<httpEdgeServer><server><address>mra.example.net</address><tlsPort>443</tlsPort></server></httpEdgeServer>"
                + "<turnEdgeServer><server><address>turn.example.net</address><udpPort>3478</udpPort><tcpPort>3478</tcpPort>"
                + "</server></turnEdgeServer>"
                + "<userUdsServer><server><address>cucm1.example.net</address><tlsPort>8443</tlsPort></server></userUdsServer>"
                + "</edgeConfig></getEdgeConfigResponse>");
    }

    @Test
    void unknownAndAskedTftpServerNames() {
        ServiceDomain domain = new ServiceDomain("example.org", List.of(new UcNode("u.example.org", null, 1, 1, 8443)),
                List.of(), List.of(), List.of(), null);
        String xml = EdgeConfigDocument.write(domain, List.of("_foo", "tftpServer"), EDGE);
        assertThat(xml).contains("<service><name>_foo</name><error>NameError</error></service>"
                + "<service><name>tftpServer</name><error>NameError</error></service></serviceConfig>");
    }
}
