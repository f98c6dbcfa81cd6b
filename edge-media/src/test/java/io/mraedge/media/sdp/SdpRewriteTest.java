package io.mraedge.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of real-world bodies: each is rewritten with its edit and compared byte for byte
 * with a hand-written {@code <name>.rewritten.sdp}; independently, every line the edit may not
 * change must come out identical and in the same order.
 */
class SdpRewriteTest {

    /** Lines an edit may change; every other line must be byte-identical and keep its place. */
    private static final Predicate<String> EDITABLE = line -> line.startsWith("c=") || line.startsWith("m=")
            || line.startsWith("a=rtcp:") || line.startsWith("a=candidate:")
            || line.startsWith("a=remote-candidates:") || line.startsWith("a=x-mra-relay:");

    static Stream<Arguments> table() throws UnknownHostException {
        return Stream.of(
                Arguments.of("jabber-av-bfcp", SdpEdit.builder()
                        .connection(InetAddress.getByName("203.0.113.10"))
                        .media(0, 36002, OptionalInt.of(36003))
                        .media(1, 36004, OptionalInt.empty())
                        .media(2, 36006, OptionalInt.of(36007))
                        .candidates(CandidatePolicy.REWRITE)
                        .addAttribute(0, "x-mra-relay:00112233445566778899aabbccddeeff")
                        .build()),
                Arguments.of("webrtc-dtls", SdpEdit.builder()
                        .connection(InetAddress.getByName("2001:0db8:00ff:0000:0000:0000:0000:0010"))
                        .media(0, 36010, OptionalInt.empty())
                        .media(1, 36012, OptionalInt.of(36013))
                        .candidates(CandidatePolicy.STRIP)
                        .build()),
                Arguments.of("ce-multi-video", SdpEdit.builder()
                        .connection(InetAddress.getByName("198.51.100.200"))
                        .media(0, 36020, OptionalInt.of(36021))
                        .media(1, 36022, OptionalInt.of(36023))
                        .media(2, 36024, OptionalInt.of(36025))
                        .candidates(CandidatePolicy.STRIP)
                        .removeAttribute("x-mra-relay")
                        .addAttribute(2, "x-mra-relay:0123456789abcdef0123456789abcdef")
                        .build()),
                Arguments.of("port-zero", SdpEdit.builder()
                        .connection(InetAddress.getByName("203.0.113.20"))
                        .media(0, 36030, OptionalInt.of(36031))
                        .media(1, 36032, OptionalInt.of(36033)) // rejected: must stay untouched
                        .candidates(CandidatePolicy.REWRITE)
                        .addAttribute(1, "x-mra-relay:11111111111111111111111111111111")
                        .removeAttribute("x-mra-relay")
                        .build()),
                Arguments.of("ipv6-only", SdpEdit.builder()
                        .connection(InetAddress.getByName("2001:db8:0:0:0:0:0:a"))
                        .media(0, 36040, OptionalInt.of(36041))
                        .candidates(CandidatePolicy.REWRITE)
                        .build()),
                Arguments.of("lf-only", SdpEdit.builder()
                        .connection(InetAddress.getByName("192.0.2.200"))
                        .media(0, 36050, OptionalInt.of(36051))
                        .media(1, 36052, OptionalInt.empty())
                        .addAttribute(1, "x-mra-relay:abcdefabcdefabcdefabcdefabcdefab")
                        .build()),
                Arguments.of("session-c-only", SdpEdit.builder()
                        .connection(InetAddress.getByName("192.0.2.201"))
                        .media(0, 36060, OptionalInt.of(36061))
                        .media(1, 36062, OptionalInt.of(36063))
                        .candidates(CandidatePolicy.REWRITE) // no candidates offered: none added
                        .build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void rewriteMatchesTheHandWrittenExpectation(String name, SdpEdit edit) throws SdpException {
        byte[] body = SdpBodies.load(name + ".sdp");
        byte[] expected = SdpBodies.load(name + ".rewritten.sdp");

        byte[] rewritten = SessionDescription.parse(body, SdpLimits.DEFAULT).rewrite(edit);

        assertThat(SdpBodies.linesWithTerminators(rewritten)).containsExactlyElementsOf(
                SdpBodies.linesWithTerminators(expected));
        assertThat(rewritten).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void linesTheEditMayNotChangeAreIdenticalAndInOrder(String name, SdpEdit edit) throws SdpException {
        byte[] body = SdpBodies.load(name + ".sdp");

        byte[] rewritten = SessionDescription.parse(body, SdpLimits.DEFAULT).rewrite(edit);

        assertThat(untouched(rewritten)).containsExactlyElementsOf(untouched(body)).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void cryptoAndFingerprintPassUntouched(String name, SdpEdit edit) throws SdpException {
        byte[] body = SdpBodies.load(name + ".sdp");
        Predicate<String> keys = line -> line.startsWith("a=crypto:") || line.startsWith("a=fingerprint:");

        byte[] rewritten = SessionDescription.parse(body, SdpLimits.DEFAULT).rewrite(edit);

        assertThat(SdpBodies.linesWithTerminators(rewritten).stream().filter(keys))
                .containsExactlyElementsOf(SdpBodies.linesWithTerminators(body).stream().filter(keys).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void rewrittenBodyParsesWithTheNewTransport(String name, SdpEdit edit) throws SdpException {
        SessionDescription before = SessionDescription.parse(SdpBodies.load(name + ".sdp"), SdpLimits.DEFAULT);

        SessionDescription after = SessionDescription.parse(before.rewrite(edit), SdpLimits.DEFAULT);

        assertThat(after.media()).hasSameSizeAs(before.media());
        for (MediaDescription m : after.media()) {
            MediaDescription was = before.media().get(m.index());
            assertThat(m.type()).isEqualTo(was.type());
            assertThat(m.formats()).isEqualTo(was.formats());
            if (was.rejected()) {
                assertThat(m.port()).isZero();
                assertThat(m.effectiveConnection()).isEqualTo(was.effectiveConnection());
            } else {
                assertThat(m.effectiveConnection()).isEqualTo(edit.connection().orElseThrow());
                SdpEdit.MediaEdit anchor = edit.media(m.index());
                assertThat(m.port()).isEqualTo(anchor == null ? was.port() : anchor.port());
                if (anchor != null) {
                    assertThat(m.rtcpPort()).isEqualTo(anchor.rtcpPort() < 0 ? OptionalInt.empty()
                            : OptionalInt.of(anchor.rtcpPort()));
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void emptyEditReturnsIdenticalBytes(String resource) throws SdpException {
        byte[] body = SdpBodies.load(resource);

        byte[] rewritten = SessionDescription.parse(body, SdpLimits.DEFAULT).rewrite(SdpEdit.builder().build());

        assertThat(rewritten).isEqualTo(body).isNotSameAs(body);
    }

    static Stream<String> bodies() {
        return Stream.of(SdpBodies.NAMES).flatMap(n -> Stream.of(n + ".sdp", n + ".rewritten.sdp"));
    }

    private static List<String> untouched(byte[] body) {
        return SdpBodies.linesWithTerminators(body).stream().filter(EDITABLE.negate()).collect(Collectors.toList());
    }
}
