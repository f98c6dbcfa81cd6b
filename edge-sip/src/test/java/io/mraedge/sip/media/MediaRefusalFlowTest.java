package io.mraedge.sip.media;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.mraedge.core.testing.Await;
import io.mraedge.sip.codec.SipResponse;
import io.mraedge.sip.testing.SipCluster;
import io.mraedge.sip.testing.SipTestClient;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Media refusals over the real SIP path (client TLS → edge → traversal → connector → a TCP
 * stand-in for Unified CM that only records what reaches it): with one RTP/RTCP pair on the edge,
 * a second call's INVITE is answered 503 by the edge and never reaches the inside; after the first
 * call's BYE the range has recovered and the next INVITE goes through, anchored. Unreadable SDP
 * gets 488, and the flow keeps serving.
 */
class MediaRefusalFlowTest {
    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    Path dir;
    private SipCluster cluster;
    private ServerSocket upstream;
    private final StringBuffer inside = new StringBuffer();
    private Thread reader;

    @BeforeEach
    void start() throws Exception {
        upstream = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        reader = new Thread(this::record, "fake-ucm");
        reader.setDaemon(true);
        reader.start();
        cluster = SipCluster.start(dir, """
                media:
                  inside-address: 127.0.0.1
                  outside-ports: 62520-62521
                  traversal-ports: 62510-62511
                """);
        cluster.connector("connector-1", upstream.getLocalPort(), """
                media:
                  address: 127.0.0.2
                  ports: 62600-62699
                """);
    }

    private void record() {
        try (Socket s = upstream.accept(); InputStream in = s.getInputStream()) {
            byte[] b = new byte[8192];
            for (int n; (n = in.read(b)) > 0; ) {
                inside.append(new String(b, 0, n, StandardCharsets.UTF_8));
            }
        } catch (Exception ignored) {
            // closed at the end of the test
        }
    }

    @AfterEach
    void stop() throws Exception {
        cluster.close();
        upstream.close();
        reader.join(5000);
    }

    @Test
    void exhaustionGets503UntilTheFirstCallEndsAndUnreadableSdpGets488() throws Exception {
        try (SipTestClient client = SipTestClient.connect("127.0.0.1", cluster.sipPort())) {
            client.sendRaw(invite("call-1", 1, "m=audio 40000 RTP/AVP 0\r\n"));
            Await.until("the first INVITE reaches the inside, anchored", T,
                    () -> inside.indexOf("Call-ID: call-1") >= 0 && inside.indexOf("c=IN IP4 127.0.0.2") >= 0);

            client.sendRaw(invite("call-2", 1, "m=audio 40010 RTP/AVP 0\r\n"));
            SipResponse refused = client.nextFinal(T);
            assertThat(refused).isNotNull();
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.callId()).isEqualTo("call-2");
            assertThat(exhausted()).isPositive();
            Map<?, ?> media = (Map<?, ?>) cluster.edge().statusDocument().get("media");
            assertThat(media.get("portsFree")).isEqualTo(0);
            assertThat(((Number) media.get("portsExhausted")).longValue()).isPositive();

            client.sendRaw(invite("call-3", 1, "m=audio notaport RTP/AVP 0\r\n"));
            SipResponse unreadable = client.nextFinal(T);
            assertThat(unreadable.status()).isEqualTo(488);
            assertThat(unreadable.callId()).isEqualTo("call-3");

            client.sendRaw(request("BYE", "call-1", 2, ""));
            Await.until("the BYE reaches the inside", T, () -> inside.indexOf("CSeq: 2 BYE") >= 0);
            client.sendRaw(invite("call-4", 1, "m=audio 40020 RTP/AVP 0\r\n"));
            Await.until("after the BYE the range has recovered", T, () -> inside.indexOf("Call-ID: call-4") >= 0);
            assertThat(inside.toString()).doesNotContain("call-2").doesNotContain("call-3");
            assertThat(client.isActive()).isTrue();
        }
    }

    private double exhausted() {
        Counter c = cluster.edge().metrics().registry().find("mra.media.ports.exhausted").counter();
        return c == null ? -1 : c.count();
    }

    private static String invite(String callId, int cseq, String mline) {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.3\r\ns=-\r\nc=IN IP4 127.0.0.3\r\nt=0 0\r\n" + mline;
        return request("INVITE", callId, cseq, sdp);
    }

    private static String request(String method, String callId, int cseq, String sdp) {
        return method + " sip:bob@example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS 127.0.0.3:5999;branch=z9hG4bK-" + callId + "-" + cseq + "\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:alice@example.com>;tag=a1\r\nTo: <sip:bob@example.com>"
                + (method.equals("INVITE") ? "" : ";tag=b1") + "\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: " + cseq + " " + method + "\r\n"
                + "Contact: <sip:alice@127.0.0.3:5999;transport=tls>\r\n"
                + (sdp.isEmpty() ? "" : "Content-Type: application/sdp\r\n")
                + "Content-Length: " + sdp.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + sdp;
    }
}
