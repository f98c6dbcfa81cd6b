package io.mraedge.xmpp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class XmppStreamDecoderTest {
    private static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' to='Example.COM' from='alice@example.com' version='1.0'>";

    @Test
    void readsTheHeaderAndEndsItsOffsetAtTheClosingBracket() {
        XmppStreamDecoder decoder = new XmppStreamDecoder(4096, 4096);
        String pipelined = "<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGFsaWNlAHB3</auth>";
        List<XmppStreamEvent> events = feed(decoder, HEADER + pipelined, HEADER.length() + pipelined.length());
        XmppStreamEvent.StreamOpened opened = (XmppStreamEvent.StreamOpened) events.get(0);
        assertThat(opened.header().to()).isEqualTo("Example.COM");
        assertThat(opened.header().from()).isEqualTo("alice@example.com");
        assertThat(opened.header().contentNamespace()).isEqualTo(XmppNamespaces.CLIENT);
        assertThat(opened.header().version()).isEqualTo("1.0");
        assertThat(opened.header().dialback()).isFalse();
        assertThat(opened.header().check(XmppNamespaces.CLIENT)).isEmpty();
        assertThat(opened.header().check(XmppNamespaces.SERVER)).contains(StreamError.INVALID_NAMESPACE);
        assertThat(events.get(1)).isInstanceOf(XmppStreamEvent.Element.class);
    }

    @Test
    void theOffsetAfterTheHeaderIsExactEvenWhenFedOneByteAtATime() {
        XmppStreamDecoder decoder = new XmppStreamDecoder(4096, 4096);
        byte[] bytes = (HEADER + "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>").getBytes(StandardCharsets.UTF_8);
        long headerEnd = -1;
        long starttlsEnd = -1;
        for (byte b : bytes) {
            ByteBuf one = Unpooled.wrappedBuffer(new byte[] {b});
            decoder.feed(one);
            for (XmppStreamEvent e = decoder.next(); !(e instanceof XmppStreamEvent.NeedInput); e = decoder.next()) {
                if (e instanceof XmppStreamEvent.StreamOpened) {
                    headerEnd = decoder.offset();
                } else if (e instanceof XmppStreamEvent.Element el) {
                    assertThat(el.is(XmppNamespaces.TLS, "starttls")).isTrue();
                    starttlsEnd = decoder.offset();
                }
            }
        }
        assertThat(headerEnd).isEqualTo(HEADER.length());
        assertThat(starttlsEnd).isEqualTo(bytes.length);
    }

    @Test
    void featuresListTheirChildren() {
        XmppStreamDecoder decoder = new XmppStreamDecoder(4096, 4096);
        String server = "<?xml version='1.0'?><stream:stream xmlns='jabber:server' xmlns:db='jabber:server:dialback' "
                + "xmlns:stream='http://etherx.jabber.org/streams' id='x' version='1.0'>"
                + "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
                + "<dialback xmlns='urn:xmpp:features:dialback'/></stream:features>";
        List<XmppStreamEvent> events = feed(decoder, server, -1);
        assertThat(((XmppStreamEvent.StreamOpened) events.get(0)).header().dialback()).isTrue();
        XmppStreamEvent.Element features = (XmppStreamEvent.Element) events.get(1);
        assertThat(features.is(XmppNamespaces.STREAMS, "features")).isTrue();
        assertThat(features.hasChild(XmppNamespaces.TLS, "starttls")).isTrue();
        assertThat(features.hasChild(XmppNamespaces.TLS, "required")).as("grandchildren are not children").isFalse();
    }

    @Test
    void malformedXmlIsNotWellFormedAndStaysSo() {
        XmppStreamDecoder decoder = new XmppStreamDecoder(4096, 4096);
        List<XmppStreamEvent> events = feed(decoder, HEADER + "<message><body>hi</message>", -1);
        assertThat(events.get(events.size() - 1)).isInstanceOfSatisfying(XmppStreamEvent.Malformed.class,
                m -> assertThat(m.error()).isEqualTo(StreamError.NOT_WELL_FORMED));
        assertThat(decoder.next()).isInstanceOf(XmppStreamEvent.Malformed.class);
    }

    @Test
    void garbageBeforeTheHeaderIsNotWellFormed() {
        XmppStreamDecoder decoder = new XmppStreamDecoder(4096, 4096);
        assertThat(last(feed(decoder, "GET / HTTP/1.1\r\nHost: x\r\n\r\n", -1))).isInstanceOfSatisfying(
                XmppStreamEvent.Malformed.class, m -> assertThat(m.error()).isEqualTo(StreamError.NOT_WELL_FORMED));
    }

    @Test
    void commentsAndDoctypesAreRestrictedXml() {
        assertThat(last(feed(new XmppStreamDecoder(4096, 4096), HEADER + "<!-- hi -->", -1)))
                .isInstanceOfSatisfying(XmppStreamEvent.Malformed.class,
                        m -> assertThat(m.error()).isEqualTo(StreamError.RESTRICTED_XML));
        assertThat(last(feed(new XmppStreamDecoder(4096, 4096), HEADER + "<?php echo 1; ?>", -1)))
                .isInstanceOfSatisfying(XmppStreamEvent.Malformed.class,
                        m -> assertThat(m.error()).isEqualTo(StreamError.RESTRICTED_XML));
        // A DTD is refused one way or the other: Aalto, told not to support DTDs, rejects an
        // internal subset outright (not-well-formed); a bare one is restricted XML.
        assertThat(last(feed(new XmppStreamDecoder(4096, 4096), "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'b'>]>" + HEADER, -1)))
                .isInstanceOfSatisfying(XmppStreamEvent.Malformed.class,
                        m -> assertThat(m.error()).isIn(StreamError.RESTRICTED_XML, StreamError.NOT_WELL_FORMED));
        assertThat(last(feed(new XmppStreamDecoder(4096, 4096), "<!DOCTYPE stream>" + HEADER, -1)))
                .isInstanceOfSatisfying(XmppStreamEvent.Malformed.class,
                        m -> assertThat(m.error()).isIn(StreamError.RESTRICTED_XML, StreamError.NOT_WELL_FORMED));
    }

    @Test
    void aHeaderOverTheLimitIsAPolicyViolationEvenBeforeItEnds() {
        XmppStreamDecoder decoder = new XmppStreamDecoder(300, 4096);
        String longHeader = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='"
                + "a".repeat(400);
        assertThat(last(feed(decoder, longHeader, -1))).isInstanceOfSatisfying(XmppStreamEvent.Malformed.class,
                m -> assertThat(m.error()).isEqualTo(StreamError.POLICY_VIOLATION));
    }

    @Test
    void anElementOverTheLimitIsAPolicyViolation() {
        XmppStreamDecoder decoder = new XmppStreamDecoder(4096, 1024);
        assertThat(last(feed(decoder, HEADER + "<message><body>" + "x".repeat(2000), -1)))
                .isInstanceOfSatisfying(XmppStreamEvent.Malformed.class,
                        m -> assertThat(m.error()).isEqualTo(StreamError.POLICY_VIOLATION));
    }

    @Test
    void theWrongFirstElementIsAnInvalidNamespace() {
        assertThat(last(feed(new XmppStreamDecoder(4096, 4096), "<stream xmlns='jabber:client'>", -1)))
                .isInstanceOfSatisfying(XmppStreamEvent.Malformed.class,
                        m -> assertThat(m.error()).isEqualTo(StreamError.INVALID_NAMESPACE));
    }

    @Test
    void streamErrorsAndTheClosingTagAreSeen() {
        XmppStreamDecoder decoder = new XmppStreamDecoder(4096, 4096);
        List<XmppStreamEvent> events = feed(decoder, HEADER
                + "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>", -1);
        XmppStreamEvent.Element error = (XmppStreamEvent.Element) events.get(1);
        assertThat(error.hasChild(XmppNamespaces.STREAM_ERRORS, "host-unknown")).isTrue();
        assertThat(events.get(2)).isInstanceOf(XmppStreamEvent.StreamClosed.class);
    }

    @Test
    void aMissingVersionIsUnsupported() {
        StreamHeader old = new StreamHeader(XmppNamespaces.CLIENT, "example.com", null, null, null, false);
        assertThat(old.check(XmppNamespaces.CLIENT)).contains(StreamError.UNSUPPORTED_VERSION);
    }

    /** Feeds {@code text} and collects events until NeedInput or a terminal one. */
    private static List<XmppStreamEvent> feed(XmppStreamDecoder decoder, String text, int expectFed) {
        ByteBuf buf = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        try {
            decoder.feed(buf);
            if (expectFed >= 0) {
                assertThat(decoder.fed()).isEqualTo(expectFed);
            }
            List<XmppStreamEvent> events = new ArrayList<>();
            while (true) {
                XmppStreamEvent e = decoder.next();
                if (e instanceof XmppStreamEvent.NeedInput) {
                    return events;
                }
                events.add(e);
                if (e instanceof XmppStreamEvent.Malformed || e instanceof XmppStreamEvent.StreamClosed) {
                    return events;
                }
            }
        } finally {
            buf.release();
        }
    }

    private static XmppStreamEvent last(List<XmppStreamEvent> events) {
        assertThat(events).isNotEmpty();
        return events.get(events.size() - 1);
    }
}
