package io.mraedge.sip.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.mraedge.core.net.NetTransport;
import io.mraedge.core.testing.Await;
import io.mraedge.media.ports.PortRange;
import io.mraedge.media.relay.ConnectorMediaConfig;
import io.mraedge.media.relay.ConnectorMediaRelay;
import io.mraedge.media.relay.EdgeMediaConfig;
import io.mraedge.media.relay.EdgeMediaRelay;
import io.mraedge.media.relay.LatchPolicy;
import io.mraedge.media.sdp.CandidatePolicy;
import io.mraedge.media.sdp.MediaDescription;
import io.mraedge.media.sdp.SdpLimits;
import io.mraedge.media.sdp.SessionDescription;
import io.mraedge.sip.MediaRefusal;
import io.mraedge.sip.SdpRewriter.Direction;
import io.mraedge.sip.codec.SipHeaderNames;
import io.mraedge.sip.codec.SipHeaders;
import io.mraedge.sip.codec.SipMessage;
import io.mraedge.sip.codec.SipRequest;
import io.mraedge.sip.codec.SipResponse;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The SIP side of media anchoring, with the real relays on loopback and no SIP stack: SDP goes
 * through the edge's anchor and then the connector's, as the flows call them, and RTP then
 * crosses both relays. Addresses: the edge on 127.0.0.1 (outside and inside), the connector on
 * 127.0.0.2, the client on 127.0.0.3, the inside endpoint on 127.0.0.4.
 */
class SdpAnchorTest {
    private static final InetAddress EDGE = address("127.0.0.1");
    private static final InetAddress CONNECTOR = address("127.0.0.2");
    private static final InetAddress CLIENT = address("127.0.0.3");
    private static final InetAddress INSIDE = address("127.0.0.4");
    private static final String CRYPTO = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";

    private NetTransport edgeTransport;
    private NetTransport connectorTransport;
    private EdgeMediaRelay edgeRelay;
    private ConnectorMediaRelay connectorRelay;
    private EdgeSdpAnchor edge;
    private ConnectorSdpAnchor connector;
    private DatagramChannel client;
    private DatagramChannel inside;

    private LatchPolicy latch = LatchPolicy.SIGNALLED_IP;

    @BeforeEach
    void start() throws Exception {
        startRelays(PortRange.of(62000, 62099), 32);
        client = DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(CLIENT, 0));
        inside = DatagramChannel.open(StandardProtocolFamily.INET).bind(new InetSocketAddress(INSIDE, 0));
    }

    private void startRelays(PortRange outside, int maxStreamsPerFlow) throws Exception {
        edgeTransport = NetTransport.create("anchor-edge", 1, true);
        connectorTransport = NetTransport.create("anchor-connector", 1, true);
        edgeRelay = EdgeMediaRelay.start(new EdgeMediaConfig(EDGE, EDGE, EDGE, outside, PortRange.of(62200, 62203),
                latch, Duration.ofSeconds(60), 2048, 16, CandidatePolicy.STRIP),
                edgeTransport, new SimpleMeterRegistry(), System::nanoTime);
        connectorRelay = ConnectorMediaRelay.start(new ConnectorMediaConfig(CONNECTOR, PortRange.of(62300, 62399),
                Duration.ofSeconds(60), Duration.ofMillis(20), Duration.ofSeconds(10), 2048, 16),
                connectorTransport, new SimpleMeterRegistry(), System::nanoTime);
        edge = new EdgeSdpAnchor(edgeRelay, SdpLimits.DEFAULT, maxStreamsPerFlow);
        connector = new ConnectorSdpAnchor(connectorRelay, SdpLimits.DEFAULT, maxStreamsPerFlow);
    }

    @AfterEach
    void stop() throws Exception {
        stopRelays();
        client.close();
        inside.close();
    }

    private void stopRelays() {
        edgeRelay.close();
        connectorRelay.close();
        edgeTransport.close();
        connectorTransport.close();
    }

    @Test
    void aCallIsAnchoredOnBothLegsAndCarriesRtpBothWaysUntilBye() throws Exception {
        int clientPort = ((InetSocketAddress) client.getLocalAddress()).getPort();
        SipRequest invite = request("INVITE", "c1", 1, audio(CLIENT, clientPort, true)
                + "a=candidate:1 1 UDP 2130706431 192.168.1.20 " + clientPort + " typ host\r\n");

        edge.rewrite(invite, Direction.TOWARD_INSIDE, "flow-1");
        SessionDescription towardConnector = sdp(invite);
        MediaDescription relayed = towardConnector.media().get(0);
        assertThat(relayed.effectiveConnection().address()).isEqualTo("127.0.0.1");
        assertThat(relayed.port()).isBetween(62200, 62203);
        assertThat(relayed.attributes(SdpAnchor.RELAY_ATTRIBUTE)).singleElement().asString().hasSize(32);
        assertThat(relayed.candidates()).isEmpty();
        assertThat(text(invite)).contains(CRYPTO);

        connector.rewrite(invite, Direction.TOWARD_INSIDE, "tok-1");
        MediaDescription towardInside = sdp(invite).media().get(0);
        assertThat(towardInside.effectiveConnection().address()).isEqualTo("127.0.0.2");
        assertThat(towardInside.port()).isBetween(62300, 62399);
        assertThat(towardInside.attributes(SdpAnchor.RELAY_ATTRIBUTE)).isEmpty();
        assertThat(text(invite)).contains(CRYPTO);
        int connectorInsidePort = towardInside.port();
        invite.release();

        int insidePort = ((InetSocketAddress) inside.getLocalAddress()).getPort();
        SipResponse ok = response(200, "c1", 1, "INVITE", audio(INSIDE, insidePort, true));
        connector.rewrite(ok, Direction.TOWARD_CLIENT, "tok-1");
        edge.rewrite(ok, Direction.TOWARD_CLIENT, "flow-1");
        MediaDescription towardClient = sdp(ok).media().get(0);
        assertThat(towardClient.effectiveConnection().address()).isEqualTo("127.0.0.1");
        assertThat(towardClient.port()).isBetween(62000, 62099);
        assertThat(towardClient.rtcpMux()).isTrue();
        assertThat(towardClient.rtcpPort()).as("rtcp-mux on both sides: one port").isEmpty();
        int outsidePort = towardClient.port();
        ok.release();

        InetSocketAddress edgeOutside = new InetSocketAddress(EDGE, outsidePort);
        // The edge learns the connector's traversal leg from its probe: send until the path is through.
        int warmup = 0;
        ByteBuffer got = ByteBuffer.allocate(2048);
        inside.configureBlocking(false);
        while (true) {
            client.send(rtp(warmup++), edgeOutside);
            Thread.sleep(20);
            got.clear();
            if (inside.receive(got) != null || warmup > 250) {
                break;
            }
        }
        assertThat(warmup).as("first packet through within 250 tries").isLessThanOrEqualTo(250);
        drain(inside);

        int n = 200;
        for (int i = 0; i < n; i++) {
            client.send(rtp(1000 + i), edgeOutside);
        }
        assertThat(receive(inside, n, new InetSocketAddress(CONNECTOR, connectorInsidePort))).isEqualTo(n);
        for (int i = 0; i < n; i++) {
            inside.send(rtp(2000 + i), new InetSocketAddress(CONNECTOR, connectorInsidePort));
        }
        client.configureBlocking(false);
        assertThat(receive(client, n, edgeOutside)).isEqualTo(n);

        SipRequest bye = request("BYE", "c1", 2, null);
        edge.rewrite(bye, Direction.TOWARD_INSIDE, "flow-1");
        connector.rewrite(bye, Direction.TOWARD_INSIDE, "tok-1");
        bye.release();
        assertThat(edge.calls()).isZero();
        assertThat(connector.calls()).isZero();
        Await.until("edge ports back", Duration.ofSeconds(5), () -> edgeRelay.totals().portsFree() == 100);
        Await.until("connector ports back", Duration.ofSeconds(5), () -> connectorRelay.totals().portsFree() == 100);
        assertThat(edgeRelay.totals().streamsActive()).isZero();
    }

    @Test
    void portExhaustionRefusesTheOfferWith503AndTheRangeRecoversAfterBye() throws Exception {
        stopRelays();
        startRelays(PortRange.of(62000, 62003), 32); // two RTP/RTCP pairs
        SipRequest first = request("INVITE", "c1", 1, audio(CLIENT, 40000, false) + "m=video 40002 RTP/AVP 96\r\n");
        edge.rewrite(first, Direction.TOWARD_INSIDE, "flow-1");
        assertThat(sdp(first).media()).extracting(MediaDescription::port).allMatch(p -> p >= 62200 && p <= 62203);
        first.release();
        assertThat(edgeRelay.totals().portsFree()).isZero();

        SipRequest second = request("INVITE", "c2", 1, audio(CLIENT, 40010, false));
        String before = text(second);
        assertThatThrownBy(() -> edge.rewrite(second, Direction.TOWARD_INSIDE, "flow-1"))
                .isInstanceOfSatisfying(MediaRefusal.class, r -> {
                    assertThat(r.status()).isEqualTo(503);
                    assertThat(r.getMessage()).contains("no media ports");
                });
        assertThat(text(second)).as("a refused request is left as it was").isEqualTo(before);
        assertThat(edgeRelay.totals().portsExhausted()).isPositive();
        assertThat(edge.calls()).isEqualTo(1);

        SipRequest bye = request("BYE", "c1", 2, null);
        edge.rewrite(bye, Direction.TOWARD_INSIDE, "flow-1");
        bye.release();
        Await.until("ports back", Duration.ofSeconds(5), () -> edgeRelay.totals().portsFree() == 4);
        edge.rewrite(second, Direction.TOWARD_INSIDE, "flow-1");
        assertThat(sdp(second).media().get(0).port()).isBetween(62200, 62203);
        second.release();
        edge.flowClosed("flow-1");
        Await.until("ports back after the flow closed", Duration.ofSeconds(5),
                () -> edgeRelay.totals().portsFree() == 4);
    }

    @Test
    void perFlowStreamBoundRefusesBeyondItWhileAnotherFlowStillGetsPorts() throws Exception {
        stopRelays();
        startRelays(PortRange.of(62000, 62099), 2);
        SipRequest a = request("INVITE", "c1", 1, audio(CLIENT, 40000, false) + "m=video 40002 RTP/AVP 96\r\n");
        edge.rewrite(a, Direction.TOWARD_INSIDE, "flow-1");
        a.release();
        SipRequest b = request("INVITE", "c2", 1, audio(CLIENT, 40010, false));
        assertThatThrownBy(() -> edge.rewrite(b, Direction.TOWARD_INSIDE, "flow-1"))
                .isInstanceOfSatisfying(MediaRefusal.class, r -> assertThat(r.status()).isEqualTo(503));
        edge.rewrite(b, Direction.TOWARD_INSIDE, "flow-2");
        b.release();
        assertThat(edge.calls()).isEqualTo(2);
    }

    @Test
    void unreadableSdpIsRefusedWith488InARequestAndPassesUntouchedInAResponse() {
        SipRequest bad = request("INVITE", "c1", 1, "v=0\r\nm=audio notaport RTP/AVP 0\r\n");
        assertThatThrownBy(() -> edge.rewrite(bad, Direction.TOWARD_INSIDE, "flow-1"))
                .isInstanceOfSatisfying(MediaRefusal.class, r -> assertThat(r.status()).isEqualTo(488));
        bad.release();
        SipResponse badAnswer = response(200, "c1", 1, "INVITE", "v=0\r\nm=audio notaport RTP/AVP 0\r\n");
        String before = text(badAnswer);
        edge.rewrite(badAnswer, Direction.TOWARD_CLIENT, "flow-1");
        assertThat(text(badAnswer)).isEqualTo(before);
        badAnswer.release();
        assertThat(edge.calls()).isZero();
    }

    @Test
    void cancelAndAFailureToTheInitialInviteFreeTheMediaButAFailedReInviteDoesNot() {
        SipRequest invite = request("INVITE", "c1", 1, audio(CLIENT, 40000, false));
        edge.rewrite(invite, Direction.TOWARD_INSIDE, "flow-1");
        invite.release();
        SipRequest cancel = request("CANCEL", "c1", 1, null);
        edge.rewrite(cancel, Direction.TOWARD_INSIDE, "flow-1");
        cancel.release();
        assertThat(edge.calls()).isZero();

        SipRequest invite2 = request("INVITE", "c2", 1, audio(CLIENT, 40000, false));
        edge.rewrite(invite2, Direction.TOWARD_INSIDE, "flow-1");
        invite2.release();
        SipResponse busy = response(486, "c2", 1, "INVITE", null);
        edge.rewrite(busy, Direction.TOWARD_CLIENT, "flow-1");
        busy.release();
        assertThat(edge.calls()).isZero();

        SipRequest invite3 = request("INVITE", "c3", 1, audio(CLIENT, 40000, false));
        edge.rewrite(invite3, Direction.TOWARD_INSIDE, "flow-1");
        invite3.release();
        SipResponse ok = response(200, "c3", 1, "INVITE", audio(INSIDE, 50000, false));
        edge.rewrite(ok, Direction.TOWARD_CLIENT, "flow-1");
        ok.release();
        SipResponse glare = response(491, "c3", 2, "INVITE", null);
        edge.rewrite(glare, Direction.TOWARD_CLIENT, "flow-1");
        glare.release();
        assertThat(edge.calls()).as("a failed re-INVITE leaves the call").isEqualTo(1);
        SipRequest reinvite = request("INVITE", "c3", 3, audio(CLIENT, 0, false));
        edge.rewrite(reinvite, Direction.TOWARD_INSIDE, "flow-1");
        reinvite.release();
        assertThat(edge.calls()).as("the dialog goes on").isEqualTo(1);
        assertThat(edge.streams()).as("port 0 for its only stream frees the call's media").isZero();
    }

    @Test
    void sdpOutsideACallHoldsNoPortsAndAClientCannotNameARelayToken() {
        String injected = audio(CLIENT, 40000, false) + "a=x-mra-relay:00112233445566778899aabbccddeeff\r\n";
        SipRequest options = request("OPTIONS", "o1", 1, injected);
        edge.rewrite(options, Direction.TOWARD_INSIDE, "flow-1");
        assertThat(text(options)).doesNotContain("x-mra-relay").contains("m=audio 40000 ");
        options.release();
        SipResponse bogus = response(200, "unknown", 1, "INVITE", injected);
        edge.rewrite(bogus, Direction.TOWARD_INSIDE, "flow-1");
        assertThat(text(bogus)).doesNotContain("x-mra-relay");
        bogus.release();
        SipResponse unreadable = response(200, "unknown", 1, "INVITE", "v=0\r\nm=audio x RTP/AVP 0\r\n"
                + "a=x-mra-relay:00112233445566778899aabbccddeeff\r\n");
        edge.rewrite(unreadable, Direction.TOWARD_INSIDE, "flow-1");
        assertThat(text(unreadable)).doesNotContain("x-mra-relay");
        unreadable.release();
        assertThat(edge.calls()).isZero();
        assertThat(edgeRelay.totals().portsFree()).isEqualTo(100);
    }

    @Test
    void aCancelledReInviteKeepsTheCallAndAHoldAddressStaysAHoldAddress() throws Exception {
        SipRequest invite = request("INVITE", "c1", 1, audio(CLIENT, 40000, false));
        edge.rewrite(invite, Direction.TOWARD_INSIDE, "flow-1");
        invite.release();
        SipResponse ok = response(200, "c1", 1, "INVITE", audio(INSIDE, 50000, false));
        edge.rewrite(ok, Direction.TOWARD_CLIENT, "flow-1");
        ok.release();
        SipRequest hold = request("INVITE", "c1", 2, audio(address("0.0.0.0"), 40000, false));
        edge.rewrite(hold, Direction.TOWARD_INSIDE, "flow-1");
        assertThat(sdp(hold).media().get(0).effectiveConnection().address()).isEqualTo("0.0.0.0");
        hold.release();
        SipRequest cancel = request("CANCEL", "c1", 2, null);
        edge.rewrite(cancel, Direction.TOWARD_INSIDE, "flow-1");
        cancel.release();
        assertThat(edge.calls()).isEqualTo(1);
        assertThat(edge.streams()).isEqualTo(1);
    }

    @Test
    void rtcpComesBackWhenRtcpMuxIsNoLongerAgreed() throws Exception {
        SipRequest invite = request("INVITE", "c1", 1, audio(CLIENT, 40000, true));
        edge.rewrite(invite, Direction.TOWARD_INSIDE, "flow-1");
        invite.release();
        SipResponse ok = response(200, "c1", 1, "INVITE", audio(INSIDE, 50000, true));
        edge.rewrite(ok, Direction.TOWARD_CLIENT, "flow-1");
        assertThat(sdp(ok).media().get(0).rtcpPort()).isEmpty();
        ok.release();
        SipRequest reinvite = request("INVITE", "c1", 2, audio(CLIENT, 40000, false));
        edge.rewrite(reinvite, Direction.TOWARD_INSIDE, "flow-1");
        assertThat(sdp(reinvite).media().get(0).rtcpPort()).as("a=rtcp toward the inside again").isPresent();
        reinvite.release();
        SipResponse ok2 = response(200, "c1", 2, "INVITE", audio(INSIDE, 50000, false));
        edge.rewrite(ok2, Direction.TOWARD_CLIENT, "flow-1");
        MediaDescription md = sdp(ok2).media().get(0);
        assertThat(md.rtcpPort()).isPresent();
        assertThat(md.rtcpPort().getAsInt()).isEqualTo(md.port() + 1);
        ok2.release();
        assertThat(edge.streams()).isEqualTo(1);
    }

    @Test
    void signallingIpLatchesOnTheAddressTheClientsSipComesFromNotTheSdpsPrivateOne() throws Exception {
        stopRelays();
        latch = LatchPolicy.SIGNALLING_IP;
        startRelays(PortRange.of(62000, 62099), 32);
        edge.flowOpened("flow-nat", new InetSocketAddress(CLIENT, 5999)); // its NAT's public address
        SipRequest invite = request("INVITE", "c1", 1, audio(address("10.1.2.3"), 40000, true));
        edge.rewrite(invite, Direction.TOWARD_INSIDE, "flow-nat");
        connector.rewrite(invite, Direction.TOWARD_INSIDE, "tok-nat");
        int connectorInsidePort = sdp(invite).media().get(0).port();
        invite.release();
        int insidePort = ((InetSocketAddress) inside.getLocalAddress()).getPort();
        SipResponse ok = response(200, "c1", 1, "INVITE", audio(INSIDE, insidePort, true));
        connector.rewrite(ok, Direction.TOWARD_CLIENT, "tok-nat");
        edge.rewrite(ok, Direction.TOWARD_CLIENT, "flow-nat");
        InetSocketAddress edgeOutside = new InetSocketAddress(EDGE, sdp(ok).media().get(0).port());
        ok.release();

        inside.configureBlocking(false);
        try (DatagramChannel stranger = DatagramChannel.open(StandardProtocolFamily.INET)
                .bind(new InetSocketAddress(address("127.0.0.6"), 0))) {
            for (int i = 0; i < 20; i++) {
                stranger.send(rtp(i), edgeOutside); // not the client's address: may not latch
            }
            ByteBuffer got = ByteBuffer.allocate(2048);
            int tries = 0;
            while (tries++ < 250) { // the client's packets latch once the connector's probe is through
                client.send(rtp(100 + tries), edgeOutside);
                Thread.sleep(20);
                got.clear();
                if (inside.receive(got) != null) {
                    break;
                }
            }
            assertThat(tries).as("the client's RTP got through within 250 tries").isLessThanOrEqualTo(250);
            drain(inside);
            for (int i = 0; i < 50; i++) {
                stranger.send(rtp(1000 + i), edgeOutside);
                client.send(rtp(2000 + i), edgeOutside);
            }
            assertThat(receive(inside, 50, new InetSocketAddress(CONNECTOR, connectorInsidePort))).isEqualTo(50);
            got.clear();
            Thread.sleep(100);
            assertThat(inside.receive(got)).as("nothing beyond the client's 50").isNull();
            assertThat(edgeRelay.totals().toInside().droppedPackets()).as("the stranger's packets, dropped")
                    .isGreaterThanOrEqualTo(70);
        }
        edge.flowClosed("flow-nat");
        connector.flowClosed("tok-nat");
    }

    // ------------------------------------------------------------------ helpers

    private static String audio(InetAddress at, int port, boolean mux) {
        return "v=0\r\no=- 1 1 IN IP4 " + at.getHostAddress() + "\r\ns=-\r\nc=IN IP4 " + at.getHostAddress()
                + "\r\nt=0 0\r\nm=audio " + port + " RTP/SAVP 0 8\r\n" + CRYPTO + "\r\n" + (mux ? "a=rtcp-mux\r\n" : "");
    }

    private static SipRequest request(String method, String callId, int cseq, String sdp) {
        SipHeaders h = new SipHeaders();
        h.add(SipHeaderNames.VIA, "SIP/2.0/TLS 127.0.0.3:5999;branch=z9hG4bK-" + method + cseq);
        h.add(SipHeaderNames.FROM, "<sip:alice@example.com>;tag=a");
        h.add(SipHeaderNames.TO, "<sip:bob@example.com>");
        h.add(SipHeaderNames.CALL_ID, callId);
        h.add(SipHeaderNames.CSEQ, cseq + " " + method);
        return withBody(new SipRequest(method, "sip:bob@example.com", h), sdp);
    }

    private static SipResponse response(int status, String callId, int cseq, String method, String sdp) {
        SipHeaders h = new SipHeaders();
        h.add(SipHeaderNames.VIA, "SIP/2.0/TLS 127.0.0.3:5999;branch=z9hG4bK-x");
        h.add(SipHeaderNames.FROM, "<sip:alice@example.com>;tag=a");
        h.add(SipHeaderNames.TO, "<sip:bob@example.com>;tag=b");
        h.add(SipHeaderNames.CALL_ID, callId);
        h.add(SipHeaderNames.CSEQ, cseq + " " + method);
        return withBody(new SipResponse(status, "Reason", h), sdp);
    }

    private static <M extends SipMessage> M withBody(M m, String sdp) {
        if (sdp != null) {
            m.headers().add(SipHeaderNames.CONTENT_TYPE, "application/sdp");
            m.body(Unpooled.copiedBuffer(sdp, StandardCharsets.UTF_8));
        }
        return m;
    }

    private static SessionDescription sdp(SipMessage m) throws Exception {
        return SessionDescription.parse(ByteBufUtil.getBytes(m.body()), SdpLimits.DEFAULT);
    }

    private static String text(SipMessage m) {
        return m.body().toString(StandardCharsets.UTF_8);
    }

    private static ByteBuffer rtp(int seq) {
        ByteBuffer b = ByteBuffer.allocate(172);
        b.put((byte) 0x80).put((byte) 0).putShort((short) seq).putInt(seq * 160).putInt(0x1234);
        return b.position(0);
    }

    private static void drain(DatagramChannel ch) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(2048);
        Thread.sleep(100);
        while (ch.receive(b) != null) {
            b.clear();
        }
    }

    /** Receives up to {@code n} datagrams from {@code from} within a few seconds; returns how many came. */
    private static int receive(DatagramChannel ch, int n, InetSocketAddress from) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(2048);
        int count = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (count < n && System.nanoTime() < deadline) {
            b.clear();
            InetSocketAddress sender = (InetSocketAddress) ch.receive(b);
            if (sender == null) {
                Thread.sleep(2);
                continue;
            }
            assertThat(sender).isEqualTo(from);
            count++;
        }
        return count;
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
