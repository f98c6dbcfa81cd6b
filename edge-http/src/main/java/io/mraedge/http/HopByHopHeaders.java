package io.mraedge.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.AsciiString;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Headers that belong to one connection and are never forwarded by a proxy (RFC 9110 §7.6.1):
 * the fixed list, plus every name the message's {@code Connection} header lists. Also the
 * names a client must never set on its own: the traversal protocol's {@code mra-*} headers,
 * Netty's {@code x-http2-*} extension headers, and the forwarding headers the connector sets.
 */
public final class HopByHopHeaders {
    private static final Set<AsciiString> FIXED = Set.of(
            HttpHeaderNames.CONNECTION, HttpHeaderNames.KEEP_ALIVE, HttpHeaderNames.PROXY_CONNECTION,
            HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderNames.TE, HttpHeaderNames.TRAILER, HttpHeaderNames.UPGRADE,
            HttpHeaderNames.PROXY_AUTHORIZATION, HttpHeaderNames.PROXY_AUTHENTICATE, HttpHeaderNames.HOST,
            HttpHeaderNames.EXPECT, AsciiString.cached("http2-settings"));

    private final Set<String> listed;

    private HopByHopHeaders(Set<String> listed) {
        this.listed = listed;
    }

    private static final HopByHopHeaders NONE_LISTED = new HopByHopHeaders(Set.of());

    /** The set for one message, given its {@code Connection} header values (may be empty). */
    public static HopByHopHeaders of(List<? extends CharSequence> connectionValues) {
        if (connectionValues.isEmpty()) {
            return NONE_LISTED;
        }
        Set<String> listed = new HashSet<>();
        for (CharSequence v : connectionValues) {
            for (String token : v.toString().split(",")) {
                String t = token.trim().toLowerCase(Locale.ROOT);
                if (!t.isEmpty()) {
                    listed.add(t);
                }
            }
        }
        return new HopByHopHeaders(listed);
    }

    /** True when {@code name} must not be forwarded. Host is rebuilt from the target, not copied. */
    public boolean drop(CharSequence name) {
        AsciiString lower = AsciiString.of(name).toLowerCase();
        if (FIXED.contains(lower) || isReserved(lower)) {
            return true;
        }
        return !listed.isEmpty() && listed.contains(lower.toString());
    }

    /** Names a client may not send: {@code mra-*}, {@code x-http2-*}, X-Forwarded-For, TrackingID. */
    public static boolean isReserved(CharSequence name) {
        AsciiString lower = AsciiString.of(name).toLowerCase();
        return lower.startsWith("mra-") || lower.startsWith("x-http2-") || lower.startsWith(":")
                || lower.contentEquals("x-forwarded-for") || lower.contentEquals(HttpTraversal.TRACKING_ID_HEADER);
    }
}
