package io.mraedge.xmpp.edge;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslHandler;

/**
 * Builds the pipeline of one accepted XMPP connection. The whole order, once, with the names
 * used everywhere:
 * <pre>
 *   (edge core)     accept-gate, tls-handshake-counter   bans and rate limit; remove themselves
 *   {@value #TLS}          SslHandler, edge certificate    from the start on direct TLS (5223); put in
 *                                                          by the negotiation after &lt;proceed/&gt; otherwise
 *   {@value #IDLE}         IdleStateHandler                added when the relay starts
 *   {@value #STANZA_LIMIT} {@link StanzaLimitHandler}      added when the relay starts
 *   {@value #NEGOTIATION}  {@link XmppNegotiationHandler}  headers, STARTTLS, routing; leaves when the relay starts
 *   flow-relay             FlowRelay's socket side         added by FlowRelay.bridge
 * </pre>
 */
public final class XmppEdgeInitializer extends ChannelInitializer<Channel> {
    public static final String TLS = "xmpp-tls";
    public static final String IDLE = "xmpp-idle";
    public static final String STANZA_LIMIT = "xmpp-stanza-limit";
    public static final String NEGOTIATION = "xmpp-negotiation";

    private final XmppListenerContext listener;

    public XmppEdgeInitializer(XmppListenerContext listener) {
        this.listener = listener;
    }

    @Override
    protected void initChannel(Channel ch) {
        ch.config().setAutoRead(false);
        if (!listener.kind().startTls()) {
            SslHandler tls = listener.tls().current().newHandler(ch.alloc());
            ch.pipeline().addLast(TLS, tls);
        }
        ch.pipeline().addLast(NEGOTIATION, new XmppNegotiationHandler(listener));
    }
}
