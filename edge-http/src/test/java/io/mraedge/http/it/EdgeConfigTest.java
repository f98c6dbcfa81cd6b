package io.mraedge.http.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.testing.TestPki;
import io.mraedge.http.testing.Curl;
import io.mraedge.http.testing.HttpCluster;
import io.mraedge.http.testing.NginxBackend;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * get_edge_config through a real edge and connector with curl, for two domains, HTTP/1.1 and
 * h2, checked element by element against the shape of the sample in mra-facts.md.
 */
class EdgeConfigTest {
    @TempDir
    static Path dir;
    static NginxBackend nginx;
    static HttpCluster cluster;
    static Curl curl;

    @BeforeAll
    static void start() throws Exception {
        TestPki pki = TestPki.create(dir);
        nginx = NginxBackend.start(dir.resolve("nginx"), pki);
        cluster = HttpCluster.start(dir, pki, nginx, HttpCluster.options().edgeHttp("""
                  edge-config:
                    sip-tls-port: 5061
                    xmpp-port: 5222
                    http-port: 8443
                """));
        curl = cluster.curl();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (nginx != null) {
            nginx.close();
        }
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.US_ASCII)).replace("=", "");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--http1.1", "--http2"})
    void exampleCom(String version) throws Exception {
        Curl.Result r = curl.get("/" + b64("example.com") + "/get_edge_config?service_name=_cisco-uds&service_name=_cuplogin",
                version, "-u", "alice:secret");
        assertThat(r.status()).as(r.stderr()).isEqualTo(200);
        assertThat(r.header("content-type")).isEqualTo("text/xml; charset=utf-8");
        assertThat(r.header("set-cookie")).startsWith("X-Auth=").contains("Domain=.example.com");
        Element root = parse(r.body());
        assertThat(root.getTagName()).isEqualTo("getEdgeConfigResponse");
        assertThat(root.getAttribute("version")).isEqualTo("1.0");
        assertThat(names(root)).containsExactly("serviceConfig", "edgeConfig");

        Element services = child(root, "serviceConfig");
        assertThat(names(services)).containsExactly("service", "service", "service");
        List<Element> service = children(services);
        assertService(service.get(0), "_cisco-uds", "cucm1.example.int");
        assertService(service.get(1), "_cuplogin", "imp1.example.int");
        assertThat(names(service.get(2))).containsExactly("name", "address");
        assertThat(text(service.get(2), "name")).isEqualTo("tftpServer");
        assertThat(text(service.get(2), "address")).isEqualTo("tftp1.example.int");

        Element edge = child(root, "edgeConfig");
        assertThat(names(edge)).containsExactly("sipEdgeServer", "sipRequest", "xmppEdgeServer", "httpEdgeServer",
                "turnEdgeServer", "userUdsServer");
        assertServer(child(edge, "sipEdgeServer"), "expe1.example.com", "5061");
        assertThat(names(child(edge, "sipRequest"))).containsExactly("route");
        assertThat(text(child(edge, "sipRequest"), "route")).isEqualTo("<sip:expe1.example.com:5061;transport=tls;lr>");
        assertServer(child(edge, "xmppEdgeServer"), "expe1.example.com", "5222");
        assertServer(child(edge, "httpEdgeServer"), "expe1.example.com", "8443");
        assertThat(children(child(edge, "turnEdgeServer"))).isEmpty();
        assertServer(child(edge, "userUdsServer"), "cucm1.example.int", Integer.toString(nginx.udsPort()));
        assertThat(r.body()).as("the route is escaped as in the sample")
                .contains("<route>&lt;sip:expe1.example.com:5061;transport=tls;lr&gt;</route>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--http1.1", "--http2"})
    void exampleNetWithNameErrorsAndCeForm(String version) throws Exception {
        // CE endpoints: trailing slash, Accept: text/xml, and here URL-safe base64 with padding.
        String domain = Base64.getUrlEncoder().encodeToString("example.net".getBytes(StandardCharsets.US_ASCII));
        Curl.Result r = curl.get("/" + domain + "/get_edge_config/?service_name=_cisco-uds&service_name=_cuplogin"
                + "&service_name=_cisco-phone-tftp", version, "-u", "alice:secret", "-H", "Accept: text/xml");
        assertThat(r.status()).as(r.stderr()).isEqualTo(200);
        Element root = parse(r.body());
        List<Element> service = children(child(root, "serviceConfig"));
        assertThat(service).hasSize(3);
        // _cisco-uds: two servers by priority; weight as configured.
        assertThat(text(service.get(0), "name")).isEqualTo("_cisco-uds");
        List<Element> servers = children(service.get(0)).subList(1, 3);
        assertThat(names(servers.get(0))).containsExactly("priority", "weight", "port", "address");
        assertThat(text(servers.get(0), "priority")).isEqualTo("1");
        assertThat(text(servers.get(0), "weight")).isEqualTo("10");
        assertThat(text(servers.get(0), "address")).isEqualTo("cucm2.example.net");
        assertThat(text(servers.get(1), "priority")).isEqualTo("2");
        assertThat(text(servers.get(1), "address")).isEqualTo("cucm1.example.int");
        // Not configured for example.net: NameError, exactly as the sample writes it.
        for (int i = 1; i <= 2; i++) {
            assertThat(names(service.get(i))).containsExactly("name", "error");
            assertThat(text(service.get(i), "error")).isEqualTo("NameError");
        }
        assertThat(text(service.get(1), "name")).isEqualTo("_cuplogin");
        assertThat(text(service.get(2), "name")).isEqualTo("_cisco-phone-tftp");
        Element edge = child(root, "edgeConfig");
        assertThat(text(child(edge, "sipRequest"), "route")).isEqualTo("<sip:10.0.0.5:5061;transport=tls;lr>");
        assertServer(child(edge, "userUdsServer"), "cucm2.example.net", Integer.toString(nginx.udsPort()));
    }

    @Test
    void refusals() {
        Curl.Result noCredentials = curl.get("/" + b64("example.com") + "/get_edge_config", "--http2");
        assertThat(noCredentials.status()).isEqualTo(401);
        assertThat(noCredentials.header("www-authenticate")).isEqualTo("Basic realm=\"Cisco-Edge\"");
        assertThat(curl.get("/" + b64("example.org") + "/get_edge_config", "--http1.1", "-u", "alice:secret").status())
                .as("a domain that is not configured").isEqualTo(403);
        assertThat(curl.get("/" + b64("example.com") + "/get_edge_config", "--http1.1", "-u", "alice:secret",
                "-X", "DELETE").status()).isEqualTo(405);
        assertThat(curl.get("/" + b64("example.com") + "/get_edge_config", "--http2",
                "-H", "Authorization: Bearer some-token").status()).isEqualTo(401);
    }

    private static void assertService(Element service, String name, String address) {
        assertThat(names(service)).containsExactly("name", "server");
        assertThat(text(service, "name")).isEqualTo(name);
        Element server = child(service, "server");
        assertThat(names(server)).containsExactly("priority", "weight", "port", "address");
        assertThat(text(server, "priority")).isEqualTo("1");
        assertThat(text(server, "weight")).isEqualTo("1");
        assertThat(text(server, "port")).isEqualTo(Integer.toString(nginx.udsPort()));
        assertThat(text(server, "address")).isEqualTo(address);
    }

    private static void assertServer(Element parent, String address, String tlsPort) {
        assertThat(names(parent)).containsExactly("server");
        Element server = child(parent, "server");
        assertThat(names(server)).containsExactly("address", "tlsPort");
        assertThat(text(server, "address")).isEqualTo(address);
        assertThat(text(server, "tlsPort")).isEqualTo(tlsPort);
    }

    static Element parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
    }

    static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            } else {
                assertThat(n.getTextContent().trim()).as("no stray text in <%s>", e.getTagName()).isIn("",
                        e.getTextContent().trim());
            }
        }
        return out;
    }

    static List<String> names(Element e) {
        return children(e).stream().map(Element::getTagName).toList();
    }

    static Element child(Element e, String name) {
        return children(e).stream().filter(c -> c.getTagName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("<" + e.getTagName() + "> has no <" + name + ">"));
    }

    static String text(Element e, String name) {
        return child(e, name).getTextContent();
    }
}
