package io.mraedge.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every refusal is an {@link SdpException} that says what is wrong and where. */
class SdpMalformedTest {

    private static final String HEAD = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";

    private static SessionDescription parse(String body) throws SdpException {
        return SessionDescription.parse(body.getBytes(StandardCharsets.ISO_8859_1), SdpLimits.DEFAULT);
    }

    private static void refused(String body, String messagePart) {
        assertThatThrownBy(() -> parse(body)).isExactlyInstanceOf(SdpException.class)
                .hasMessageContaining(messagePart);
    }

    @Test
    void versionLineFirst() {
        refused("o=- 1 1 IN IP4 192.0.2.1\r\nv=0\r\n", "SDP line 1: an SDP body starts with v=0");
        refused("v=1\r\ns=-\r\n", "SDP line 1: an SDP body starts with v=0");
        refused("\r\nv=0\r\n", "SDP line 1");
        refused("", "SDP body is empty");
        refused(" v=0\r\n", "SDP line 1");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "m=audio abc RTP/AVP 0", "m=audio 70000 RTP/AVP 0", "m=audio 65536 RTP/AVP 0", "m=audio -1 RTP/AVP 0",
        "m=audio 123456 RTP/AVP 0", "m=audio 5000", "m=audio 5000 RTP/AVP", "m=audio 5000 RTP/AVP ",
        "m=audio 5000/0 RTP/AVP 0", "m=audio 5000/ RTP/AVP 0", "m=audio  5000 RTP/AVP 0", "m=", "m=audio",
        "m=audio 5000 RTP/AVP 0  8", "m=audio 5000x RTP/AVP 0",
    })
    void badMediaLine(String line) {
        refused(HEAD + line + "\r\n", "SDP line 6: m= line is malformed");
    }

    @Test
    void mediaPortLimits() throws Exception {
        assertThat(parse(HEAD + "m=audio 65535 RTP/AVP 0\r\n").media().get(0).port()).isEqualTo(65535);
        assertThat(parse(HEAD + "m=audio 0 RTP/AVP 0\r\n").media().get(0).rejected()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "c=IN IP4 999.1.1.1", "c=IN IP4 2001:db8::1", "c=IN IP6 2001:db8:::1", "c=IN IP6 1:2:3:4:5:6:7:8:9",
        "c=IN IP4 ", "c=IN IP5 192.0.2.1", "c=ATM NSAP 47.0091", "c=IN IP4 1.2.3", "c=IN IP4 01.2.3.4",
        "c=IN IP4 bad_host!", "c=IN IP4 192.0.2.1/", "c=IN IP4 224.2.1.1/127/2/3", "c=IN IP6 fe80::1%eth0",
        "c=IN  IP4 192.0.2.1", "c=IN IP4 192.0.2.1 ", "c=IN IP6 2001:db8::1/1/2", "c=",
    })
    void badConnectionLine(String line) {
        assertThatThrownBy(() -> parse(HEAD + "m=audio 5000 RTP/AVP 0\r\n" + line + "\r\n"))
                .isExactlyInstanceOf(SdpException.class).hasMessageStartingWith("SDP line 7: connection");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "c=IN IP4 0.0.0.0", "c=IN IP4 255.255.255.255", "c=IN IP6 ::", "c=IN IP6 ::ffff:192.0.2.1",
        "c=IN IP6 2001:DB8::A", "c=IN IP6 1:2:3:4:5:6:7:8", "c=IN IP6 1::", "c=IN IP6 ff15::101/3",
        "c=IN IP4 sip-1.example.com", "c=IN IP6 host.example.com",
    })
    void goodConnectionLine(String line) {
        assertThatCode(() -> parse(HEAD + "m=audio 5000 RTP/AVP 0\r\n" + line + "\r\n")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\0", "\u0001", "\u001b", "\u007f", "\r", "\u000b"})
    void controlCharacters(String c) {
        assertThatThrownBy(() -> parse(HEAD + "a=tool:x" + c + "y\r\n"))
                .isExactlyInstanceOf(SdpException.class).hasMessageStartingWith("SDP line 6: ");
    }

    @Test
    void tabAndUtf8AreAllowed() throws Exception {
        SessionDescription sdp = parse(HEAD.replace("s=-", "s=caf\u00c3\u00a9\tcall"));
        assertThat(sdp.lineCount()).isEqualTo(5);
    }

    @Test
    void connectionRequiredForEveryMedia() {
        refused("v=0\r\ns=-\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\nc=IN IP4 192.0.2.1\r\nm=video 5002 RTP/AVP 96\r\n",
                "SDP m-line 1 (video) has no c= line and the session has none (RFC 8866 §5.7)");
        refused(HEAD + "c=IN IP4 192.0.2.2\r\n", "SDP line 6: a second session-level c= line");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=rtcp:abc", "a=rtcp:70000", "a=rtcp:", "a=rtcp", "a=rtcp:5001 IN IP4 bad!",
        "a=rtcp:5001 IN IP4", "a=rtcp:5001 ", "a=rtcp: 5001"})
    void badRtcp(String line) {
        assertThatThrownBy(() -> parse(HEAD + "m=audio 5000 RTP/AVP 0\r\n" + line + "\r\n"))
                .isExactlyInstanceOf(SdpException.class).hasMessageStartingWith("SDP line 7: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a=candidate:1 1 UDP 2130706431 192.0.2.1 5000 typ", "a=candidate:1 1 UDP 2130706431 192.0.2.1 5000",
        "a=candidate:1 x UDP 2130706431 192.0.2.1 5000 typ host", "a=candidate:1 1 UDP 2130706431 192.0.2.1 99999 typ host",
        "a=candidate:1 1 UDP prio 192.0.2.1 5000 typ host", "a=candidate:1 1 UDP 2130706431 192.0.2.1 5000 type host",
        "a=candidate:", "a=candidate", "a=candidate:1  1 UDP 2130706431 192.0.2.1 5000 typ host",
        "a=candidate:1 0 UDP 2130706431 192.0.2.1 5000 typ host",
        "a=candidate:123456789012345678901234567890123 1 UDP 1 192.0.2.1 5000 typ host",
    })
    void badCandidate(String line) {
        assertThatThrownBy(() -> parse(HEAD + "m=audio 5000 RTP/AVP 0\r\n" + line + "\r\n"))
                .isExactlyInstanceOf(SdpException.class).hasMessageStartingWith("SDP line 7: a=candidate");
    }

    @Test
    void candidateWithMdnsNameAndExtensions() throws Exception {
        SessionDescription sdp = parse(HEAD + "m=audio 5000 RTP/AVP 0\r\n"
                + "a=candidate:842163049 1 udp 1677729535 3f6b1c2e-5d5e-4b7e-9c1b-0e8f.local 52360 typ host"
                + " generation 0 ufrag Oy+q network-cost 999\r\n");
        assertThat(sdp.media().get(0).candidates()).hasSize(1);
    }

    @Test
    void sessionLevelCandidateIsNotChecked() throws Exception {
        assertThat(parse(HEAD + "a=candidate:nonsense\r\n").media()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hello", "A=foo", "=x", "a", "1=2", "a:b=c"})
    void notTypeEqualsValue(String line) {
        refused(HEAD + line + "\r\n", "SDP line 6: not a <type>=<value> line");
    }

    @Test
    void maxBytes() throws Exception {
        byte[] body = (HEAD + "m=audio 5000 RTP/AVP 0\r\n").getBytes(StandardCharsets.US_ASCII);
        SdpLimits exact = new SdpLimits(body.length, 1024, 16);
        assertThat(SessionDescription.parse(body, exact).media()).hasSize(1);
        assertThatThrownBy(() -> SessionDescription.parse(body, new SdpLimits(body.length - 1, 1024, 16)))
                .isExactlyInstanceOf(SdpException.class)
                .hasMessage("SDP body of " + body.length + " bytes exceeds maxBytes " + (body.length - 1));
    }

    @Test
    void maxLines() throws Exception {
        byte[] body = (HEAD + "m=audio 5000 RTP/AVP 0\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(SessionDescription.parse(body, new SdpLimits(65536, 6, 16)).lineCount()).isEqualTo(6);
        assertThatThrownBy(() -> SessionDescription.parse(body, new SdpLimits(65536, 5, 16)))
                .isExactlyInstanceOf(SdpException.class).hasMessage("SDP body has more than maxLines 5 lines");
        byte[] many = (HEAD + "a=x\r\n".repeat(2000)).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> SessionDescription.parse(many, SdpLimits.DEFAULT))
                .isExactlyInstanceOf(SdpException.class).hasMessage("SDP body has more than maxLines 1024 lines");
    }

    @Test
    void maxMedia() throws Exception {
        String two = HEAD + "m=audio 5000 RTP/AVP 0\r\nm=video 5002 RTP/AVP 96\r\n";
        byte[] body = two.getBytes(StandardCharsets.US_ASCII);
        assertThat(SessionDescription.parse(body, new SdpLimits(65536, 1024, 2)).media()).hasSize(2);
        assertThatThrownBy(() -> SessionDescription.parse(body, new SdpLimits(65536, 1024, 1)))
                .isExactlyInstanceOf(SdpException.class).hasMessage("SDP line 7: more than maxMedia 1 m-lines");
        byte[] seventeen = (HEAD + "m=audio 5000 RTP/AVP 0\r\n".repeat(17)).getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> SessionDescription.parse(seventeen, SdpLimits.DEFAULT))
                .isExactlyInstanceOf(SdpException.class).hasMessageContaining("more than maxMedia 16 m-lines");
    }

    @Test
    void limitsAreValidated() {
        assertThat(SdpLimits.DEFAULT).isEqualTo(new SdpLimits(65536, 1024, 16));
        assertThatThrownBy(() -> new SdpLimits(0, 1024, 16)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBytes");
        assertThatThrownBy(() -> new SdpLimits(65536, 0, 16)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxLines");
        assertThatThrownBy(() -> new SdpLimits(65536, 1024, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxMedia");
    }
}
