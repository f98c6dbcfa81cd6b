package io.mraedge.sip.media;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * Removes {@code a=<name>} lines from a body without parsing it as SDP (it may be unreadable
 * SDP): lines end at LF; a line whose text starts with {@code a=<name>} followed by {@code :},
 * CR, LF or the end is dropped (RFC 8866 §5.13 attribute syntax).
 */
final class RelayAttributeFilter {
    private RelayAttributeFilter() {
    }

    /** A new body without those lines, or null when there are none (the body is left as it is). */
    static ByteBuf without(ByteBuf body, String name) {
        byte[] in = new byte[body.readableBytes()];
        body.getBytes(body.readerIndex(), in);
        byte[] prefix = ("a=" + name).getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[in.length];
        int n = 0;
        boolean removed = false;
        for (int start = 0; start < in.length; ) {
            int end = start;
            while (end < in.length && in[end] != '\n') {
                end++;
            }
            int next = end < in.length ? end + 1 : end;
            if (matches(in, start, next, prefix)) {
                removed = true;
            } else {
                System.arraycopy(in, start, out, n, next - start);
                n += next - start;
            }
            start = next;
        }
        return removed ? Unpooled.wrappedBuffer(out, 0, n) : null;
    }

    private static boolean matches(byte[] in, int start, int end, byte[] prefix) {
        if (end - start < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (in[start + i] != prefix[i]) {
                return false;
            }
        }
        int after = start + prefix.length;
        return after == end || in[after] == ':' || in[after] == '\r' || in[after] == '\n';
    }
}
