package io.mraedge.xmpp.codec;

/**
 * The XML namespaces of XMPP that the edge and connector look at (RFC 6120, XEP-0220). Nothing
 * else in the module spells them.
 */
public final class XmppNamespaces {
    /** RFC 6120 §4.8.1: the stream element's namespace, bound to the {@code stream} prefix. */
    public static final String STREAMS = "http://etherx.jabber.org/streams";
    /** RFC 6120 §4.8.2: content namespace of client-to-server streams. */
    public static final String CLIENT = "jabber:client";
    /** RFC 6120 §4.8.2: content namespace of server-to-server streams. */
    public static final String SERVER = "jabber:server";
    /** XEP-0220: the dialback namespace, declared with the {@code db} prefix on s2s headers. */
    public static final String DIALBACK = "jabber:server:dialback";
    /** RFC 6120 §5.4: STARTTLS negotiation. */
    public static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    /** RFC 6120 §6.4: SASL negotiation. */
    public static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    /** RFC 6120 §4.9.2: conditions of stream errors. */
    public static final String STREAM_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";

    private XmppNamespaces() {
    }
}
