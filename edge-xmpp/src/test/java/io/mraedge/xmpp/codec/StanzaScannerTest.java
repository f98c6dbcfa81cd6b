package io.mraedge.xmpp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StanzaScannerTest {

    @Test
    void tracksDepthThroughAttributesSelfClosingTagsAndWhitespace() {
        StanzaScanner scanner = new StanzaScanner(1024, 512);
        assertThat(scan(scanner, "<message to='a@b' x=\"1>2/3\"><body>a &gt; b</body><x/></message>"))
                .isEqualTo(StanzaScanner.Verdict.OK);
        assertThat(scanner.depth()).isEqualTo(1);
        assertThat(scan(scanner, " \n ")).as("whitespace keepalive").isEqualTo(StanzaScanner.Verdict.OK);
        assertThat(scan(scanner, "<r xmlns='urn:xmpp:sm:3'/><iq type='get'><query")).isEqualTo(StanzaScanner.Verdict.OK);
        assertThat(scanner.depth()).isEqualTo(2);
        assertThat(scan(scanner, " xmlns='jabber:iq:roster'/></iq>")).isEqualTo(StanzaScanner.Verdict.OK);
        assertThat(scanner.depth()).isEqualTo(1);
    }

    @Test
    void aStanzaOverTheLimitIsFoundWhileItIsStillArriving() {
        StanzaScanner scanner = new StanzaScanner(1024, 512);
        assertThat(scan(scanner, "<message><body>")).isEqualTo(StanzaScanner.Verdict.OK);
        assertThat(scan(scanner, "x".repeat(1100))).isEqualTo(StanzaScanner.Verdict.STANZA_TOO_LARGE);
    }

    @Test
    void manySmallStanzasNeverAddUp() {
        StanzaScanner scanner = new StanzaScanner(1024, 512);
        String stanza = "<message to='bob@example.com'><body>" + "y".repeat(900) + "</body></message>";
        for (int i = 0; i < 100; i++) {
            assertThat(scan(scanner, stanza + " ")).isEqualTo(StanzaScanner.Verdict.OK);
        }
    }

    @Test
    void aStreamRestartGoesBackToDepthOneAndIsHeldToTheHeaderLimit() {
        StanzaScanner scanner = new StanzaScanner(4096, 300);
        assertThat(scan(scanner, "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>AGFsaWNl</auth>"
                + "<?xml version='1.0'?><stream:stream xmlns='jabber:client' to='example.com' version='1.0' "
                + "xmlns:stream='http://etherx.jabber.org/streams'><iq><bind/></iq>")).isEqualTo(StanzaScanner.Verdict.OK);
        assertThat(scanner.depth()).isEqualTo(1);
        assertThat(scan(scanner, "<stream:stream to='" + "a".repeat(400) + "'>"))
                .isEqualTo(StanzaScanner.Verdict.HEADER_TOO_LARGE);
    }

    @Test
    void theClosingStreamTagEndsTheStream() {
        StanzaScanner scanner = new StanzaScanner(1024, 512);
        assertThat(scan(scanner, "<presence/></stream:stream>")).isEqualTo(StanzaScanner.Verdict.STREAM_CLOSED);
    }

    @Test
    void cdataAndCommentsDoNotConfuseIt() {
        StanzaScanner scanner = new StanzaScanner(1024, 512);
        assertThat(scan(scanner, "<message><body><![CDATA[</message> <a>]]></body><!-- </x> --></message>"))
                .isEqualTo(StanzaScanner.Verdict.OK);
        assertThat(scanner.depth()).isEqualTo(1);
    }

    @Test
    void capturesTheHeadOfEachFirstLevelElement() {
        StanzaScanner scanner = new StanzaScanner(1024, 512);
        List<String> heads = new ArrayList<>();
        scanner.capture(16, (head, length) -> heads.add(new String(head, 0, length, StandardCharsets.US_ASCII)));
        scan(scanner, "<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/></failure>  <a/>");
        assertThat(heads).containsExactly("<failure xmlns='", "<a/>");
        scanner.stopCapture();
        scan(scanner, "<b/>");
        assertThat(heads).hasSize(2);
    }

    private static StanzaScanner.Verdict scan(StanzaScanner scanner, String text) {
        ByteBuf buf = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        try {
            return scanner.scan(buf);
        } finally {
            buf.release();
        }
    }
}
