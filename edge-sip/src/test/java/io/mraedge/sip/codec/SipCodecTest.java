package io.mraedge.sip.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The decoder and encoder on an EmbeddedChannel: framing, limits, compact forms, keepalives, STUN. */
class SipCodecTest {
    static final String REGISTER = "REGISTER sip:example.com SIP/2.0\r\n"
            + "Via: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bK1;rport\r\n"
            + "Max-Forwards: 70\r\n"
            + "From: <sip:alice@example.com>;tag=a1\r\n"
            + "To: <sip:alice@example.com>\r\n"
            + "Call-ID: c1@10.0.0.5\r\n"
            + "CSeq: 1 REGISTER\r\n"
            + "Contact: <sip:alice@10.0.0.5:5061;transport=tls>;expires=600\r\n"
            + "Expires: 3600\r\n"
            + "Content-Length: 0\r\n\r\n";

    private EmbeddedChannel ch;

    private EmbeddedChannel channel(SipDecoderConfig config) {
        ch = new EmbeddedChannel(new SipObjectDecoder(config), SipObjectEncoder.INSTANCE);
        return ch;
    }

    @AfterEach
    void finish() {
        if (ch != null) {
            ch.finishAndReleaseAll();
        }
    }

    private static ByteBuf bytes(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private List<Object> feed(String s) {
        ch.writeInbound(bytes(s));
        List<Object> out = new ArrayList<>();
        Object m;
        while ((m = ch.readInbound()) != null) {
            out.add(m);
        }
        return out;
    }

    private static SipDecoderException failure(Object m) {
        assertThat(m).isInstanceOf(SipMessage.class);
        SipMessage msg = (SipMessage) m;
        assertThat(msg.decoderResult().isFailure()).as("failed: %s", msg).isTrue();
        return (SipDecoderException) msg.decoderResult().cause();
    }

    @Test
    void decodesARequestWithParsedAccessors() {
        channel(SipDecoderConfig.DEFAULT);
        List<Object> out = feed(REGISTER);
        assertThat(out).hasSize(1);
        SipRequest r = (SipRequest) out.get(0);
        assertThat(r.decoderResult().isSuccess()).isTrue();
        assertThat(r.method()).isEqualTo("REGISTER");
        assertThat(r.topVia().branch()).isEqualTo("z9hG4bK1");
        assertThat(r.topVia().rport()).isEmpty();
        assertThat(r.topVia().received()).isNull();
        assertThat(r.from().tag()).isEqualTo("a1");
        assertThat(r.to().tag()).isNull();
        assertThat(r.callId()).isEqualTo("c1@10.0.0.5");
        assertThat(r.cseq()).isEqualTo(new CSeq(1, "REGISTER"));
        assertThat(r.contacts().get(0).expires()).isEqualTo(600);
        assertThat(r.expires()).isEqualTo(3600);
        assertThat(r.contentLength()).isZero();
        r.release();
    }

    @Test
    void bodyIsASliceFramedByContentLengthAndTheNextMessageFollows() {
        channel(SipDecoderConfig.DEFAULT);
        String sdp = "v=0\r\no=- 1 1 IN IP4 10.0.0.5\r\n";
        String invite = REGISTER.replace("REGISTER sip:example.com", "INVITE sip:bob@example.com")
                .replace("1 REGISTER", "1 INVITE")
                .replace("Content-Length: 0\r\n", "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n")
                + sdp;
        List<Object> out = feed(invite + REGISTER);
        assertThat(out).hasSize(2);
        SipRequest inv = (SipRequest) out.get(0);
        assertThat(inv.contentType()).isEqualTo("application/sdp");
        assertThat(inv.body().toString(StandardCharsets.UTF_8)).isEqualTo(sdp);
        assertThat(((SipRequest) out.get(1)).method()).isEqualTo("REGISTER");
        ch.writeOutbound(inv);
        ByteBuf head = ch.readOutbound();
        ByteBuf body = ch.readOutbound();
        assertThat(head.toString(StandardCharsets.UTF_8)).startsWith("INVITE sip:bob@example.com SIP/2.0\r\n")
                .endsWith("Content-Length: " + sdp.length() + "\r\n\r\n");
        assertThat(body.toString(StandardCharsets.UTF_8)).isEqualTo(sdp);
        head.release();
        body.release();
        ((SipRequest) out.get(1)).release();
    }

    @Test
    void decodesByteByByte() {
        channel(SipDecoderConfig.DEFAULT);
        List<Object> out = new ArrayList<>();
        for (byte b : REGISTER.getBytes(StandardCharsets.UTF_8)) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
            Object m;
            while ((m = ch.readInbound()) != null) {
                out.add(m);
            }
        }
        assertThat(out).hasSize(1);
        assertThat(((SipMessage) out.get(0)).decoderResult().isSuccess()).isTrue();
        ((SipMessage) out.get(0)).release();
    }

    @Test
    void decodesAResponse() {
        channel(SipDecoderConfig.DEFAULT);
        String ok = "SIP/2.0 200 OK\r\nVia: SIP/2.0/TLS 10.0.0.5:5061;branch=z9hG4bK1;received=1.2.3.4;rport=999\r\n"
                + "From: <sip:a@x>;tag=1\r\nTo: <sip:a@x>;tag=2\r\nCall-ID: c\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n";
        SipResponse r = (SipResponse) feed(ok).get(0);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.reason()).isEqualTo("OK");
        assertThat(r.topVia().received()).isEqualTo("1.2.3.4");
        assertThat(r.topVia().rport()).isEqualTo("999");
        assertThat(r.to().tag()).isEqualTo("2");
        r.release();
    }

    static List<Map.Entry<Character, String>> compactForms() {
        return new ArrayList<>(SipHeaderNames.compactForms().entrySet());
    }

    @ParameterizedTest
    @MethodSource("compactForms")
    void expandsEveryCompactForm(Map.Entry<Character, String> form) {
        channel(SipDecoderConfig.DEFAULT);
        String extra = form.getValue().equals(SipHeaderNames.CONTENT_LENGTH) ? "" : form.getKey() + ": x\r\n";
        // Rewrite the message using the compact form for the mandatory headers it replaces.
        String msg = REGISTER;
        String full = form.getValue();
        if (msg.contains("\r\n" + full + ": ")) {
            msg = msg.replace("\r\n" + full + ": ", "\r\n" + form.getKey() + ": ");
            extra = "";
        }
        msg = msg.replace("Content-Length: 0\r\n\r\n", extra + "Content-Length: 0\r\n\r\n")
                .replace("\r\nl: 0", "\r\nl: 0");
        SipRequest r = (SipRequest) feed(msg).get(0);
        assertThat(r.decoderResult().isSuccess()).as(msg).isTrue();
        assertThat(r.headers().contains(full)).as("%s expands to %s", form.getKey(), full).isTrue();
        assertThat(r.headers().contains(String.valueOf(form.getKey()))).isFalse();
        r.release();
    }

    @Test
    void namesAreCaseInsensitiveAndFoldedLinesJoin() {
        channel(SipDecoderConfig.DEFAULT);
        String msg = REGISTER.replace("Call-ID: c1@10.0.0.5", "cALL-iD: c1@10.0.0.5")
                .replace("Contact: <sip:alice@10.0.0.5:5061;transport=tls>;expires=600",
                        "Contact: <sip:alice@10.0.0.5:5061;transport=tls>\r\n \t;expires=600");
        SipRequest r = (SipRequest) feed(msg).get(0);
        assertThat(r.callId()).isEqualTo("c1@10.0.0.5");
        assertThat(r.headers().name(4)).isEqualTo("Call-ID");
        assertThat(r.contacts().get(0).expires()).isEqualTo(600);
        r.release();
    }

    @Test
    void startLineLimit() {
        channel(SipDecoderConfig.DEFAULT.withMaxStartLineLength(64));
        String longUri = "sip:" + "a".repeat(80) + "@example.com";
        SipDecoderException e = failure(feed(REGISTER.replace("sip:example.com SIP", longUri + " SIP")).get(0));
        assertThat(e.status()).isEqualTo(513);
        assertThat(e.recoverable()).isTrue();
        // Without a line end in sight the end of the message cannot be found: unrecoverable.
        channel(SipDecoderConfig.DEFAULT.withMaxStartLineLength(64));
        SipDecoderException e2 = failure(feed("REGISTER " + "a".repeat(200)).get(0));
        assertThat(e2.status()).isEqualTo(513);
        assertThat(e2.recoverable()).isFalse();
    }

    @Test
    void headerSizeLimit() {
        channel(SipDecoderConfig.DEFAULT.withMaxHeaderSize(512));
        String big = REGISTER.replace("Max-Forwards: 70\r\n", "X-Big: " + "b".repeat(300) + "\r\nX-Big2: " + "b".repeat(300) + "\r\n");
        List<Object> out = feed(big + REGISTER);
        SipDecoderException e = failure(out.get(0));
        assertThat(e.status()).isEqualTo(513);
        assertThat(e.recoverable()).isTrue();
        assertThat(((SipMessage) out.get(1)).decoderResult().isSuccess()).isTrue();
        ((SipMessage) out.get(1)).release();
        // One line longer than the whole limit, with no end yet: unrecoverable.
        channel(SipDecoderConfig.DEFAULT.withMaxHeaderSize(512));
        SipDecoderException e2 = failure(feed("REGISTER sip:x SIP/2.0\r\nX: " + "b".repeat(600)).get(0));
        assertThat(e2.recoverable()).isFalse();
    }

    @Test
    void headerCountLimit() {
        channel(SipDecoderConfig.DEFAULT.withMaxHeaderCount(10));
        String many = REGISTER.replace("Max-Forwards: 70\r\n", "X-A: 1\r\nX-B: 2\r\nX-C: 3\r\n");
        List<Object> out = feed(many + REGISTER);
        SipDecoderException e = failure(out.get(0));
        assertThat(e.status()).isEqualTo(513);
        assertThat(e.getMessage()).contains("more than 10 header lines");
        assertThat(((SipMessage) out.get(1)).decoderResult().isSuccess()).isTrue();
        ((SipMessage) out.get(1)).release();
    }

    @Test
    void bodySizeLimit() {
        channel(SipDecoderConfig.DEFAULT.withMaxBodySize(10));
        String body = "x".repeat(20);
        List<Object> out = feed(REGISTER.replace("Content-Length: 0", "Content-Length: 20") + body + REGISTER);
        SipDecoderException e = failure(out.get(0));
        assertThat(e.status()).isEqualTo(513);
        assertThat(e.recoverable()).isTrue();
        assertThat(((SipMessage) out.get(1)).decoderResult().isSuccess()).isTrue();
        ((SipMessage) out.get(1)).release();
    }

    @Test
    void stunSizeLimit() {
        channel(new SipDecoderConfig(4096, 32768, 100, 65536, 20));
        ByteBuf stun = Unpooled.buffer().writeShort(1).writeShort(8).writeInt(StunMessage.MAGIC_COOKIE)
                .writeBytes(new byte[12]).writeBytes(new byte[8]);
        ch.writeInbound(stun);
        SipDecoderException e = failure(ch.readInbound());
        assertThat(e.status()).isEqualTo(513);
    }

    @Test
    void limitsAreValidated() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SipDecoderConfig.DEFAULT.withMaxHeaderCount(1))
                .hasMessageContaining("maxHeaderCount");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SipDecoderConfig.DEFAULT.withMaxBodySize(-1))
                .hasMessageContaining("maxBodySize");
    }

    @Test
    void missingOrDuplicateContentLengthLosesFraming() {
        channel(SipDecoderConfig.DEFAULT);
        SipDecoderException e = failure(feed(REGISTER.replace("Content-Length: 0\r\n", "")).get(0));
        assertThat(e.recoverable()).isFalse();
        channel(SipDecoderConfig.DEFAULT);
        SipDecoderException e2 = failure(feed(REGISTER.replace("Content-Length: 0\r\n", "Content-Length: 0\r\nl: 0\r\n")).get(0));
        assertThat(e2.recoverable()).isFalse();
        assertThat(feed(REGISTER)).as("BAD_MESSAGE discards what follows").isEmpty();
    }

    @Test
    void crlfInjectionIsRefusedButFramingSurvives() {
        channel(SipDecoderConfig.DEFAULT);
        List<Object> out = feed(REGISTER.replace("Max-Forwards: 70\r\n", "Subject: a\rInjected: b\r\n") + REGISTER);
        assertThat(failure(out.get(0)).status()).isEqualTo(400);
        assertThat(((SipMessage) out.get(1)).decoderResult().isSuccess()).isTrue();
        ((SipMessage) out.get(1)).release();
    }

    @Test
    void keepalivesBetweenMessages() {
        channel(SipDecoderConfig.DEFAULT);
        assertThat(feed("\r\n\r\n")).containsExactly(SipKeepalive.PING);
        assertThat(feed("\r\n")).containsExactly(SipKeepalive.PONG);
        List<Object> out = feed("\r\n\r\n" + REGISTER);
        assertThat(out.get(0)).isEqualTo(SipKeepalive.PING);
        ((SipMessage) out.get(1)).release();
        ch.writeOutbound(SipKeepalive.PONG);
        ByteBuf pong = ch.readOutbound();
        assertThat(pong.toString(StandardCharsets.US_ASCII)).isEqualTo("\r\n");
        pong.release();
    }

    @Test
    void stunBindingIsDetectedAndAnswered() throws Exception {
        channel(SipDecoderConfig.DEFAULT);
        byte[] txid = new byte[12];
        for (int i = 0; i < 12; i++) {
            txid[i] = (byte) i;
        }
        ch.writeInbound(Unpooled.buffer().writeShort(1).writeShort(0).writeInt(StunMessage.MAGIC_COOKIE).writeBytes(txid));
        StunMessage stun = ch.readInbound();
        assertThat(stun.isBindingRequest()).isTrue();
        ByteBuf ok = stun.bindingSuccess(ch.alloc(), new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853));
        assertThat(ok.getUnsignedShort(0)).isEqualTo(StunMessage.BINDING_SUCCESS);
        assertThat(ok.getInt(4)).isEqualTo(StunMessage.MAGIC_COOKIE);
        assertThat(ok.getByte(8 + 11)).isEqualTo((byte) 11);
        // RFC 5769 §2.2-style check of X-Port and X-Address.
        assertThat(ok.getUnsignedShort(20 + 6) ^ 0x2112).isEqualTo(32853);
        assertThat(ok.getInt(20 + 8) ^ StunMessage.MAGIC_COOKIE).isEqualTo(0xC0000201);
        ok.release();
        stun.release();
        List<Object> out = feed(REGISTER);
        ((SipMessage) out.get(0)).release();
    }

    @Test
    void truncatedMessageAtEndOfFlowIsRefused() {
        channel(SipDecoderConfig.DEFAULT);
        ch.writeInbound(bytes(REGISTER.replace("Content-Length: 0", "Content-Length: 50") + "short"));
        assertThat((Object) ch.readInbound()).isNull();
        ch.finish();
        SipDecoderException e = failure(ch.readInbound());
        assertThat(e.getMessage()).contains("truncated");
    }

    @Test
    void headerSplittingAndParsing() {
        SipHeaders h = new SipHeaders().add("Via", "SIP/2.0/TCP a;branch=1, SIP/2.0/TCP b;branch=2");
        assertThat(h.values("via")).hasSize(2);
        assertThat(h.removeFirst("Via")).isEqualTo("SIP/2.0/TCP a;branch=1");
        assertThat(h.get("Via")).isEqualTo("SIP/2.0/TCP b;branch=2");
        NameAddress na = NameAddress.parse("\"A, B\" <sip:a@b;lr>;tag=x");
        assertThat(na.uri()).isEqualTo("sip:a@b;lr");
        assertThat(na.tag()).isEqualTo("x");
        assertThat(SipUri.aor("sip:Alice@Example.COM:5061;transport=tls")).isEqualTo("sip:Alice@example.com");
        assertThat(Via.parse("SIP/2.0/TLS [2001:db8::1]:5061;branch=z").port()).isEqualTo(5061);
    }
}
