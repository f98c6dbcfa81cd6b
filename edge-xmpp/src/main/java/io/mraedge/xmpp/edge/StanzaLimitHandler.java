package io.mraedge.xmpp.edge;

import io.mraedge.xmpp.codec.StanzaScanner;
import io.mraedge.xmpp.codec.StreamError;
import io.mraedge.xmpp.codec.StreamFragments;
import io.mraedge.xmpp.codec.XmppNamespaces;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * On a relayed XMPP connection, between the socket and the flow relay:
 * <ul>
 *   <li>client to IM&P: measures every stanza by element depth ({@link StanzaScanner}, no parse)
 *       and refuses one over {@code max-stanza-size} (or a restarted header over
 *       {@code max-header-size}) with {@code <policy-violation/>}, an XMPP protocol violation;
 *   <li>IM&P to client, on client streams until SASL succeeds: recognises SASL
 *       {@code <failure/>} answers (RFC 6120 §6.4.5) and reports each as an authentication failure
 *       of the client's source; {@code <aborted/>} (the client gave up) is not one;
 *   <li>idle for {@code idle-timeout} either way: {@code <connection-timeout/>}.
 * </ul>
 * A refusal here is written into the stream IM&P opened (its header has reached the client), so
 * it is just the error and the closing tag. Relayed bytes that arrive after it are dropped.
 *
 * <p>Ownership: inbound buffers are passed on, or released when refused; outbound buffers are
 * passed on, or released (their promise succeeded) once the stream has been refused.
 */
final class StanzaLimitHandler extends ChannelDuplexHandler {
    /** SASL results are short; their head up to here is enough to tell failure from aborted. */
    private static final int SASL_HEAD_BYTES = 192;
    private static final byte[] FAILURE = ascii("<failure");
    private static final byte[] SUCCESS = ascii("<success");
    private static final byte[] ABORTED = ascii("<aborted");
    private static final byte[] SASL_NS = ascii(XmppNamespaces.SASL);

    private final XmppListenerContext listener;
    private final StanzaScanner fromClient;
    private StanzaScanner fromServer;
    private ChannelHandlerContext ctx;
    private boolean refused;

    /**
     * @param saslWatch where SASL failures are reported; null on server-to-server streams, whose
     *                  authentication (dialback, EXTERNAL) is between the servers
     */
    StanzaLimitHandler(XmppListenerContext listener, XmppListenerContext saslWatch) {
        this.listener = listener;
        int maxStanza = listener.limits().maxStanzaSize();
        int maxHeader = listener.limits().maxHeaderSize();
        this.fromClient = new StanzaScanner(maxStanza, maxHeader);
        if (saslWatch != null) {
            fromServer = new StanzaScanner(Integer.MAX_VALUE, Integer.MAX_VALUE);
            fromServer.capture(SASL_HEAD_BYTES, this::serverElement);
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof ByteBuf buf) {
            StanzaScanner.Verdict verdict = fromClient.scan(buf);
            if (verdict == StanzaScanner.Verdict.STANZA_TOO_LARGE || verdict == StanzaScanner.Verdict.HEADER_TOO_LARGE) {
                buf.release();
                boolean header = verdict == StanzaScanner.Verdict.HEADER_TOO_LARGE;
                refuse(StreamError.POLICY_VIOLATION, header
                        ? "stream header longer than " + listener.limits().maxHeaderSize() + " bytes"
                        : "stanza longer than " + listener.limits().maxStanzaSize() + " bytes", true);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            promise.trySuccess();
            return;
        }
        if (fromServer != null && msg instanceof ByteBuf buf) {
            fromServer.scan(buf);
        }
        ctx.write(msg, promise);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            refuse(StreamError.CONNECTION_TIMEOUT, "idle for " + listener.limits().idleTimeout().toSeconds() + " s", false);
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    /** A first-level element from IM&P while SASL is running. */
    private void serverElement(byte[] head, int length) {
        if (!contains(head, length, SASL_NS)) {
            return;
        }
        if (startsWith(head, length, SUCCESS)) {
            // Authenticated: nothing more to watch on this side.
            fromServer.stopCapture();
            fromServer = null;
        } else if (startsWith(head, length, FAILURE) && !contains(head, length, ABORTED)) {
            listener.authenticationFailed(ctx.channel());
        }
    }

    private void refuse(StreamError condition, String cause, boolean violation) {
        if (refused) {
            return;
        }
        refused = true;
        listener.refused(ctx.channel(), condition, cause, violation);
        ctx.writeAndFlush(StreamFragments.error(ctx.alloc(), condition, null)).addListener(ChannelFutureListener.CLOSE);
    }

    private static boolean startsWith(byte[] head, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (head[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] head, int length, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (head[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
