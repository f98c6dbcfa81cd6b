package io.mraedge.xmpp.edge;

import io.mraedge.core.plugin.EdgeContext;
import io.mraedge.core.protection.ProtectionCategory;
import io.mraedge.core.tls.ReloadableSslContext;
import io.mraedge.xmpp.codec.StreamError;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every connection of one XMPP listener shares: the edge, the listener's kind and limits,
 * its TLS context, the served domains, and the one way refusals are logged and counted.
 *
 * <p>Protection: protocol violations (malformed or restricted XML, oversized headers or
 * stanzas, STARTTLS skipped, unknown domains, negotiation timeouts) are
 * {@link ProtectionCategory#XMPP_PROTOCOL_VIOLATION}. SASL {@code <failure/>} answers from IM&P
 * are authentication failures; the product has no XMPP authentication category, so they are
 * counted under the same XMPP category rather than adding one to the core: repeated password
 * guessing through the edge then bans the source like any other XMPP abuse.
 */
public final class XmppListenerContext {
    private static final Logger log = LoggerFactory.getLogger(XmppListenerContext.class);

    private final EdgeContext edge;
    private final XmppListenerKind kind;
    private final XmppLimits limits;
    private final ReloadableSslContext tls;
    private final ServedDomains domains;

    public XmppListenerContext(EdgeContext edge, XmppListenerKind kind, XmppLimits limits, ReloadableSslContext tls,
                               ServedDomains domains) {
        this.edge = Objects.requireNonNull(edge);
        this.kind = Objects.requireNonNull(kind);
        this.limits = Objects.requireNonNull(limits);
        this.tls = Objects.requireNonNull(tls);
        this.domains = Objects.requireNonNull(domains);
    }

    public EdgeContext edge() {
        return edge;
    }

    public XmppListenerKind kind() {
        return kind;
    }

    public XmppLimits limits() {
        return limits;
    }

    public ReloadableSslContext tls() {
        return tls;
    }

    public ServedDomains domains() {
        return domains;
    }

    /**
     * Logs a refusal naming its cause and source and, when {@code violation}, reports an XMPP
     * protocol violation to protection.
     */
    void refused(Channel ch, StreamError condition, String cause, boolean violation) {
        InetSocketAddress source = (InetSocketAddress) ch.remoteAddress();
        if (violation) {
            log.info("{}: refused {} with <{}/>: {} [{}]", kind.listenerName(), source, condition.element(), cause,
                    ProtectionCategory.XMPP_PROTOCOL_VIOLATION.yamlKey());
            edge.refused(ProtectionCategory.XMPP_PROTOCOL_VIOLATION, source, localPort(ch));
        } else {
            log.info("{}: refused {} with <{}/>: {}", kind.listenerName(), source, condition.element(), cause);
        }
    }

    /** A SASL {@code <failure/>} from IM&P to this client: an authentication failure of its source. */
    void authenticationFailed(Channel ch) {
        InetSocketAddress source = (InetSocketAddress) ch.remoteAddress();
        log.info("{}: SASL authentication failure for {} [{}]", kind.listenerName(), source,
                ProtectionCategory.XMPP_PROTOCOL_VIOLATION.yamlKey());
        edge.refused(ProtectionCategory.XMPP_PROTOCOL_VIOLATION, source, localPort(ch));
    }

    private static int localPort(Channel ch) {
        return ch.localAddress() instanceof InetSocketAddress local ? local.getPort() : 0;
    }
}
