package io.mraedge.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Edits on small bodies: terminators, unknown lines, builder checks. */
class SdpEditTest {

    private static byte[] rewrite(String body, SdpEdit edit) throws SdpException {
        return SessionDescription.parse(body.getBytes(StandardCharsets.UTF_8), SdpLimits.DEFAULT).rewrite(edit);
    }

    private static String text(String body, SdpEdit edit) throws SdpException {
        return new String(rewrite(body, edit), StandardCharsets.UTF_8);
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void mixedTerminatorsAreKeptPerLine() throws Exception {
        String body = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\ns=-\r\nt=0 0\nm=audio 5000 RTP/AVP 0\r\n"
                + "c=IN IP4 192.0.2.1\na=rtcp:5001\r\na=sendrecv\n";

        String out = text(body, SdpEdit.builder().connection(ip("203.0.113.1"))
                .media(0, 40000, OptionalInt.of(40001)).addAttribute(0, "x-mra-relay:ab").build());

        assertThat(out).isEqualTo("v=0\r\no=- 1 1 IN IP4 192.0.2.1\ns=-\r\nt=0 0\nm=audio 40000 RTP/AVP 0\r\n"
                + "c=IN IP4 203.0.113.1\na=rtcp:40001\r\na=sendrecv\na=x-mra-relay:ab\n");
    }

    @Test
    void unterminatedLastLineGetsATerminatorOnlyWhenSomethingFollows() throws Exception {
        String body = "v=0\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\na=sendrecv";

        assertThat(text(body, SdpEdit.builder().build())).isEqualTo(body);
        assertThat(text(body, SdpEdit.builder().media(0, 40000, OptionalInt.empty()).build()))
                .isEqualTo(body.replace("5000", "40000"));
        assertThat(text(body, SdpEdit.builder().media(0, 40000, OptionalInt.of(40001)).addAttribute(0, "x").build()))
                .isEqualTo(body.replace("5000", "40000") + "\r\na=rtcp:40001\r\na=x\r\n");
    }

    @Test
    void unknownLinesAndAttributesPassUnchanged() throws Exception {
        String body = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nx=vendor thing\r\nt=0 0\r\n"
                + "c=IN IP4 192.0.2.1\r\nz=0 -1h\r\nk=prompt\r\n\r\nm=audio 5000 RTP/AVP 0\r\ny=what\r\n"
                + "a=x-cisco-thing:{\"json\":1}\r\na=rtcp-fb:* nack\r\na=rtcpx:5\r\n";

        assertThat(text(body, SdpEdit.builder().connection(ip("198.51.100.1")).media(0, 40000, OptionalInt.empty())
                .candidates(CandidatePolicy.STRIP).build()))
                .isEqualTo(body.replace("c=IN IP4 192.0.2.1", "c=IN IP4 198.51.100.1").replace("5000", "40000"));
    }

    @Test
    void removeAttributeEverywhereButRejectedStreams() throws Exception {
        String body = "v=0\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\na=x-mra-relay:1\r\na=x-mra-relay-not:2\r\n"
                + "m=audio 5000 RTP/AVP 0\r\na=x-mra-relay:3\r\na=x-mra-relay\r\nm=video 0 RTP/AVP 96\r\n"
                + "a=x-mra-relay:4\r\n";

        assertThat(text(body, SdpEdit.builder().removeAttribute("x-mra-relay").build())).isEqualTo(
                "v=0\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\na=x-mra-relay-not:2\r\n"
                        + "m=audio 5000 RTP/AVP 0\r\nm=video 0 RTP/AVP 96\r\na=x-mra-relay:4\r\n");
    }

    @Test
    void rtcpAddressIsKeptWithoutAConnectionEditAndExtraRtcpLinesGo() throws Exception {
        String body = "v=0\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n"
                + "a=rtcp:5001 IN IP4 192.0.2.9\r\na=rtcp:5003\r\n";

        assertThat(text(body, SdpEdit.builder().media(0, 40000, OptionalInt.of(40001)).build())).isEqualTo(
                "v=0\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\n"
                        + "a=rtcp:40001 IN IP4 192.0.2.9\r\n");
    }

    @Test
    void candidatesStayWithoutAPolicyAndOnUnanchoredLines() throws Exception {
        String body = "v=0\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n"
                + "a=candidate:1 1 UDP 2130706431 192.0.2.1 5000 typ host\r\nm=video 5002 RTP/AVP 96\r\n"
                + "a=candidate:1 1 UDP 2130706431 192.0.2.1 5002 typ host\r\na=remote-candidates:1 192.0.2.7 9 \r\n";

        assertThat(text(body, SdpEdit.builder().media(0, 40000, OptionalInt.empty()).build()))
                .isEqualTo(body.replace("m=audio 5000", "m=audio 40000"));
        assertThat(text(body, SdpEdit.builder().media(0, 40000, OptionalInt.empty())
                .candidates(CandidatePolicy.STRIP).build())).isEqualTo(
                "v=0\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0\r\nm=video 5002 RTP/AVP 96\r\n"
                        + "a=candidate:1 1 UDP 2130706431 192.0.2.1 5002 typ host\r\na=remote-candidates:1 192.0.2.7 9 \r\n");
    }

    @Test
    void portZeroRejectsTheStreamAndDropsItsCandidates() throws Exception {
        String body = "v=0\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\na=rtcp:5001\r\n"
                + "a=candidate:1 1 UDP 2130706431 192.0.2.1 5000 typ host\r\na=sendrecv\r\n";

        String out = text(body, SdpEdit.builder().connection(ip("203.0.113.1")).media(0, 0, OptionalInt.empty())
                .candidates(CandidatePolicy.REWRITE).build());

        assertThat(out).isEqualTo("v=0\r\ns=-\r\nc=IN IP4 203.0.113.1\r\nt=0 0\r\nm=audio 0 RTP/AVP 0\r\n"
                + "a=sendrecv\r\n");
        assertThat(SessionDescription.parse(out.getBytes(StandardCharsets.US_ASCII), SdpLimits.DEFAULT)
                .media().get(0).rejected()).isTrue();
    }

    @Test
    void portCountIsKept() throws Exception {
        String body = "v=0\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=video 5000/2 RTP/AVP 31\r\n";

        assertThat(text(body, SdpEdit.builder().media(0, 7, OptionalInt.empty()).build()))
                .isEqualTo(body.replace("5000/2", "7/2"));
    }

    @Test
    void editNamingAMissingMediaLineIsRefused() throws Exception {
        SessionDescription sdp = SessionDescription.parse(
                "v=0\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 5000 RTP/AVP 0\r\n".getBytes(StandardCharsets.US_ASCII),
                SdpLimits.DEFAULT);

        assertThatThrownBy(() -> sdp.rewrite(SdpEdit.builder().media(1, 4000, OptionalInt.empty()).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m-line 1");
        assertThatThrownBy(() -> sdp.rewrite(SdpEdit.builder().addAttribute(3, "x").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("m-line 3");
    }

    @Test
    void builderRefusesBadSettings() throws Exception {
        assertThatThrownBy(() -> SdpEdit.builder().candidates(CandidatePolicy.REWRITE).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("connection");
        assertThatThrownBy(() -> SdpEdit.builder().media(0, 1, OptionalInt.empty()).media(0, 2, OptionalInt.empty()))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> SdpEdit.builder().media(0, -1, OptionalInt.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SdpEdit.builder().media(0, 5000, OptionalInt.of(0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SdpEdit.builder().media(0, 65536, OptionalInt.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SdpEdit.builder().media(0, 5000, OptionalInt.of(70000)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SdpEdit.builder().media(-1, 5000, OptionalInt.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SdpEdit.builder().addAttribute(0, "x\r\nm=audio 1 RTP/AVP 0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SdpEdit.builder().addAttribute(0, "a=x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SdpEdit.builder().removeAttribute("x y"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SdpEdit.builder().build().connection()).isEmpty();
        assertThat(SdpEdit.builder().connection(ip("2001:db8::7")).build().connection())
                .contains(new ConnectionData("IP6", "2001:db8::7"));
    }
}
