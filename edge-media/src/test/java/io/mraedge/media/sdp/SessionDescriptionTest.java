package io.mraedge.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** What parsing reports about the bodies of the table. */
class SessionDescriptionTest {

    private static SessionDescription parse(String resource) throws SdpException {
        return SessionDescription.parse(SdpBodies.load(resource), SdpLimits.DEFAULT);
    }

    @Test
    void jabberAudioVideoBfcp() throws Exception {
        SessionDescription sdp = parse("jabber-av-bfcp.sdp");

        assertThat(sdp.connection()).isEmpty();
        assertThat(sdp.lineCount()).isEqualTo(85);
        assertThat(sdp.media()).extracting(MediaDescription::type)
                .containsExactly("audio", "video", "video", "application");
        MediaDescription audio = sdp.media().get(0);
        assertThat(audio.index()).isZero();
        assertThat(audio.port()).isEqualTo(24580);
        assertThat(audio.portCount()).isEqualTo(1);
        assertThat(audio.proto()).isEqualTo("RTP/SAVP");
        assertThat(audio.formats()).containsExactly("114", "9", "104", "105", "0", "8", "18", "111", "101");
        assertThat(audio.connection()).contains(new ConnectionData("IP4", "192.168.1.50"));
        assertThat(audio.effectiveConnection().inetAddress()).contains(InetAddress.getByName("192.168.1.50"));
        assertThat(audio.rtcpMux()).isFalse();
        assertThat(audio.rtcpPort()).isEqualTo(OptionalInt.of(24581));
        assertThat(audio.candidates()).hasSize(6).first()
                .isEqualTo("1 1 UDP 2130706431 192.168.1.50 24580 typ host");
        assertThat(audio.attributes("crypto")).containsExactly(
                "1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^31|1:1",
                "2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^31|1:1");
        assertThat(audio.attributes("sendrecv")).containsExactly("");
        MediaDescription main = sdp.media().get(1);
        assertThat(main.rtcpMux()).isTrue();
        assertThat(main.rtcpPort()).isEmpty();
        assertThat(main.attributes("content")).containsExactly("main");
        assertThat(sdp.media().get(2).attributes("content")).containsExactly("slides");
        MediaDescription bfcp = sdp.media().get(3);
        assertThat(bfcp.proto()).isEqualTo("UDP/BFCP");
        assertThat(bfcp.formats()).containsExactly("*");
        assertThat(bfcp.candidates()).isEmpty();
        assertThat(bfcp.rejected()).isFalse();
    }

    @Test
    void webrtcIpv6WithDtls() throws Exception {
        SessionDescription sdp = parse("webrtc-dtls.sdp");

        MediaDescription audio = sdp.media().get(0);
        assertThat(audio.proto()).isEqualTo("UDP/TLS/RTP/SAVPF");
        assertThat(audio.connection()).contains(new ConnectionData("IP6", "2001:db8:1::1"));
        assertThat(audio.effectiveConnection().inetAddress()).contains(InetAddress.getByName("2001:db8:1::1"));
        assertThat(audio.rtcpPort()).isEqualTo(OptionalInt.of(9));
        assertThat(audio.rtcpMux()).isTrue();
        assertThat(audio.candidates()).hasSize(4);
        assertThat(audio.attributes("setup")).containsExactly("actpass");
        assertThat(audio.attributes("fingerprint")).singleElement().asString().startsWith("sha-256 49:66:12");
        assertThat(sdp.media().get(1).attributes("ssrc")).hasSize(2);
    }

    @Test
    void ceEndpointSessionAndMediaConnections() throws Exception {
        SessionDescription sdp = parse("ce-multi-video.sdp");

        assertThat(sdp.connection()).contains(new ConnectionData("IP4", "10.0.0.44"));
        assertThat(sdp.media()).hasSize(5);
        assertThat(sdp.media().get(0).connection()).isEmpty();
        assertThat(sdp.media().get(0).effectiveConnection()).isEqualTo(new ConnectionData("IP4", "10.0.0.44"));
        assertThat(sdp.media().get(2).connection()).isPresent();
        assertThat(sdp.media().stream().filter(m -> m.type().equals("video")).map(m -> m.attributes("content")))
                .containsExactly(List.of("main"), List.of("slides"), List.of("alt"));
        assertThat(sdp.media().get(4).proto()).isEqualTo("TCP/BFCP");
    }

    @Test
    void rejectedStream() throws Exception {
        SessionDescription sdp = parse("port-zero.sdp");

        assertThat(sdp.media()).extracting(MediaDescription::rejected).containsExactly(false, true);
        assertThat(sdp.media().get(1).port()).isZero();
    }

    @Test
    void ipv6OnlySessionConnection() throws Exception {
        SessionDescription sdp = parse("ipv6-only.sdp");

        assertThat(sdp.connection()).contains(new ConnectionData("IP6", "2001:db8::1"));
        assertThat(sdp.media().get(0).connection()).isEmpty();
        assertThat(sdp.media().get(0).rtcpPort()).isEqualTo(OptionalInt.of(49173));
    }

    @Test
    void lfOnlyLines() throws Exception {
        SessionDescription sdp = parse("lf-only.sdp");

        assertThat(sdp.lineCount()).isEqualTo(17);
        assertThat(sdp.media().get(0).rtcpPort()).isEqualTo(OptionalInt.of(6001));
        assertThat(sdp.media().get(1).connection()).contains(new ConnectionData("IP4", "192.0.2.34"));
    }

    @Test
    void portCountAndMulticastAndDomainName() throws Exception {
        SessionDescription sdp = SessionDescription.parse(SdpBodies.crlf("v=0", "o=- 1 1 IN IP4 host.example.com",
                "s=-", "c=IN IP4 224.2.36.42/127/2", "t=0 0", "m=video 49170/2 RTP/AVP 31",
                "m=audio 5000 RTP/AVP 0", "c=IN IP4 media.example.com"), SdpLimits.DEFAULT);

        assertThat(sdp.connection()).contains(new ConnectionData("IP4", "224.2.36.42"));
        assertThat(sdp.media().get(0).portCount()).isEqualTo(2);
        assertThat(sdp.media().get(1).effectiveConnection().address()).isEqualTo("media.example.com");
        assertThat(sdp.media().get(1).effectiveConnection().inetAddress()).isEmpty();
    }

    @Test
    void connectionDataOfAddressUsesRfc5952Text() throws Exception {
        assertThat(ConnectionData.of(InetAddress.getByName("2001:0db8:0000:0000:0000:0000:0000:0001")))
                .isEqualTo(new ConnectionData("IP6", "2001:db8::1"));
        assertThat(ConnectionData.of(InetAddress.getByName("2001:db8:0:1:0:0:0:1")).address())
                .isEqualTo("2001:db8:0:1::1");
        assertThat(ConnectionData.of(InetAddress.getByName("2001:0:0:1:0:0:0:1")).address())
                .isEqualTo("2001:0:0:1::1");
        assertThat(ConnectionData.of(InetAddress.getByName("2001:db8:0:1:1:1:1:1")).address())
                .isEqualTo("2001:db8:0:1:1:1:1:1");
        assertThat(ConnectionData.of(InetAddress.getByName("::1")).address()).isEqualTo("::1");
        assertThat(ConnectionData.of(InetAddress.getByName("fe80::")).address()).isEqualTo("fe80::");
        assertThat(ConnectionData.of(InetAddress.getByName("192.0.2.7")))
                .isEqualTo(new ConnectionData("IP4", "192.0.2.7"));
    }
}
