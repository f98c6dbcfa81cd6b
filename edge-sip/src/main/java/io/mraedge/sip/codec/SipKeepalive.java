package io.mraedge.sip.codec;

/**
 * RFC 5626 §4.4.1 CRLF keepalive seen between messages: a PING is CRLFCRLF, a PONG a single CRLF.
 */
public enum SipKeepalive {
    PING, PONG
}
