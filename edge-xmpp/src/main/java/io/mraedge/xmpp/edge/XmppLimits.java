package io.mraedge.xmpp.edge;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits every XMPP connection on the edge is held to ({@code xmpp.limits}). RFC 6120
 * §13.12 asks servers to bound stanza sizes and connection times; these are ours.
 *
 * @param maxHeaderSize      bytes of one opening {@code <stream:stream>} tag with the XML declaration
 *                           before it; over it: {@code <policy-violation/>}. Default 4 KiB: a real
 *                           header is about 200 bytes.
 * @param maxStanzaSize      bytes of one first-level element (a stanza), measured by element depth on
 *                           the relayed bytes; over it: {@code <policy-violation/>}. Default 256 KiB,
 *                           as Prosody's and ejabberd's c2s defaults, so the edge never refuses
 *                           what IM&P would accept.
 * @param negotiationTimeout from accept until the relay starts: STARTTLS, TLS, the restarted header
 *                           and the connector's answer. Default 30 s; over it:
 *                           {@code <connection-timeout/>}.
 * @param idleTimeout        no byte either way for this long closes a relayed stream with
 *                           {@code <connection-timeout/>}. Default 10 min; clients send whitespace
 *                           keepalives or XEP-0199 pings well within it.
 */
public record XmppLimits(int maxHeaderSize, int maxStanzaSize, Duration negotiationTimeout, Duration idleTimeout) {
    public static final int DEFAULT_MAX_HEADER_SIZE = 4 * 1024;
    public static final int MIN_HEADER_SIZE = 256;
    /** The upper bound of {@code max-header-size}; the connector bounds replayed headers by it too. */
    public static final int MAX_HEADER_SIZE = io.mraedge.xmpp.XmppProtocol.MAX_HEADER_SIZE;
    public static final int DEFAULT_MAX_STANZA_SIZE = 256 * 1024;
    public static final int MIN_STANZA_SIZE = 1024;
    public static final int MAX_STANZA_SIZE = 16 * 1024 * 1024;
    public static final Duration DEFAULT_NEGOTIATION_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(10);

    public XmppLimits {
        if (maxHeaderSize < MIN_HEADER_SIZE || maxHeaderSize > MAX_HEADER_SIZE) {
            throw new IllegalArgumentException("maxHeaderSize out of range: " + maxHeaderSize);
        }
        if (maxStanzaSize < MIN_STANZA_SIZE || maxStanzaSize > MAX_STANZA_SIZE) {
            throw new IllegalArgumentException("maxStanzaSize out of range: " + maxStanzaSize);
        }
        Objects.requireNonNull(negotiationTimeout, "negotiationTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (negotiationTimeout.isNegative() || negotiationTimeout.isZero() || idleTimeout.isNegative()
                || idleTimeout.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
    }

    public static XmppLimits defaults() {
        return new XmppLimits(DEFAULT_MAX_HEADER_SIZE, DEFAULT_MAX_STANZA_SIZE, DEFAULT_NEGOTIATION_TIMEOUT,
                DEFAULT_IDLE_TIMEOUT);
    }
}
