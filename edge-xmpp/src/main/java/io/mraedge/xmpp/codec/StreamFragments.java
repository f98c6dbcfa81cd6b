package io.mraedge.xmpp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import java.nio.charset.StandardCharsets;

/**
 * The few pieces of XMPP the edge and connector write themselves: stream headers, the STARTTLS
 * exchange and stream errors (RFC 6120 §4.7, §5.4, §4.9). Everything else on a stream is
 * relayed. Values that come from the peer (domains, ids) are escaped as attribute values.
 *
 * <p>Ownership: every method returns a new buffer that the caller writes (passing it on) or
 * releases.
 */
public final class StreamFragments {
    private static final String DECLARATION = "<?xml version='1.0'?>";
    private static final byte[] STARTTLS_REQUIRED = ascii("<stream:features><starttls xmlns='" + XmppNamespaces.TLS
            + "'><required/></starttls></stream:features>");
    private static final byte[] PROCEED = ascii("<proceed xmlns='" + XmppNamespaces.TLS + "'/>");
    private static final byte[] STARTTLS = ascii("<starttls xmlns='" + XmppNamespaces.TLS + "'/>");
    private static final byte[] CLOSE = ascii("</stream:stream>");

    private StreamFragments() {
    }

    /**
     * The receiving entity's response header (RFC 6120 §4.7.1, §4.8): the content namespace of
     * the initiator, the dialback namespace when the initiator declared it, {@code from} when
     * known, a fresh {@code id} and version 1.0.
     */
    public static ByteBuf responseHeader(ByteBufAllocator alloc, String contentNamespace, String from, String id,
                                         boolean dialback) {
        StringBuilder s = openTag(contentNamespace, dialback);
        if (from != null) {
            attribute(s, "from", from);
        }
        attribute(s, "id", id);
        s.append(" version='1.0'>");
        return utf8(alloc, s);
    }

    /**
     * An initiating header (RFC 6120 §4.7.1) for a stream the connector opens upstream before
     * STARTTLS, carrying the initiator's {@code to} and, on server streams, {@code from}.
     */
    public static ByteBuf initialHeader(ByteBufAllocator alloc, String contentNamespace, String to, String from,
                                        boolean dialback) {
        StringBuilder s = openTag(contentNamespace, dialback);
        attribute(s, "to", to);
        if (from != null) {
            attribute(s, "from", from);
        }
        s.append(" version='1.0'>");
        return utf8(alloc, s);
    }

    /** Stream features offering only STARTTLS, which is required (RFC 6120 §5.4.1). */
    public static ByteBuf startTlsRequired(ByteBufAllocator alloc) {
        return bytes(alloc, STARTTLS_REQUIRED);
    }

    /** {@code <proceed/>}: the TLS handshake follows (RFC 6120 §5.4.2.3). */
    public static ByteBuf proceed(ByteBufAllocator alloc) {
        return bytes(alloc, PROCEED);
    }

    /** {@code <starttls/>}, sent upstream by the connector (RFC 6120 §5.4.2.1). */
    public static ByteBuf startTls(ByteBufAllocator alloc) {
        return bytes(alloc, STARTTLS);
    }

    /**
     * A stream error and the closing tag (RFC 6120 §4.9.1.1), with an optional human-readable
     * text (§4.9.2) in English.
     */
    public static ByteBuf error(ByteBufAllocator alloc, StreamError condition, String text) {
        StringBuilder s = new StringBuilder(160)
                .append("<stream:error><").append(condition.element())
                .append(" xmlns='").append(XmppNamespaces.STREAM_ERRORS).append("'/>");
        if (text != null) {
            s.append("<text xmlns='").append(XmppNamespaces.STREAM_ERRORS).append("' xml:lang='en'>");
            escape(s, text);
            s.append("</text>");
        }
        s.append("</stream:error></stream:stream>");
        return utf8(alloc, s);
    }

    /** {@code </stream:stream>}. */
    public static ByteBuf close(ByteBufAllocator alloc) {
        return bytes(alloc, CLOSE);
    }

    private static StringBuilder openTag(String contentNamespace, boolean dialback) {
        StringBuilder s = new StringBuilder(256).append(DECLARATION).append("<stream:stream");
        attribute(s, "xmlns", contentNamespace);
        attribute(s, "xmlns:stream", XmppNamespaces.STREAMS);
        if (dialback) {
            attribute(s, "xmlns:db", XmppNamespaces.DIALBACK);
        }
        return s;
    }

    private static void attribute(StringBuilder s, String name, String value) {
        s.append(' ').append(name).append("='");
        escape(s, value);
        s.append('\'');
    }

    /** XML 1.0 §2.4: the five characters with predefined entities, so a value can never end a quote. */
    private static void escape(StringBuilder s, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> s.append("&amp;");
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '\'' -> s.append("&apos;");
                case '"' -> s.append("&quot;");
                default -> s.append(c);
            }
        }
    }

    private static ByteBuf utf8(ByteBufAllocator alloc, CharSequence s) {
        return ByteBufUtil.writeUtf8(alloc, s);
    }

    private static ByteBuf bytes(ByteBufAllocator alloc, byte[] bytes) {
        return alloc.buffer(bytes.length).writeBytes(bytes);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
