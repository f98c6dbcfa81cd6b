package io.mraedge.media.sdp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The raw lines of one body: offsets into the caller's bytes, never copies. Line {@code i} is
 * {@code body[start(i), end(i))}, its terminator (CRLF, LF, or nothing on an unterminated last
 * line) is {@code body[end(i), next(i))}.
 */
final class SdpLines {

    final byte[] body;
    final int count;
    /** {@code count + 1} entries; {@code starts[count] == body.length}. */
    private final int[] starts;
    private final int[] ends;
    /** Filled in by {@link SdpReader}. */
    final LineKind[] kinds;

    private SdpLines(byte[] body, int count, int[] starts, int[] ends) {
        this.body = body;
        this.count = count;
        this.starts = starts;
        this.ends = ends;
        this.kinds = new LineKind[count];
    }

    /** Byte classes for {@link #split}: what may appear in a line, and what ends one. */
    private static final byte TEXT = 0;
    private static final byte LF = 1;
    private static final byte CR = 2;
    private static final byte REFUSED = 3;
    private static final byte[] CLASSES = new byte[256];

    static {
        for (int c = 0; c < 0x20; c++) {
            CLASSES[c] = REFUSED;
        }
        CLASSES[0x7f] = REFUSED;
        CLASSES['\t'] = TEXT;
        CLASSES['\n'] = LF;
        CLASSES['\r'] = CR;
    }

    /**
     * Splits at LF or CRLF (RFC 8866 §5: CRLF, with LF alone accepted as §5 advises parsers
     * to). Refuses NUL, a CR not followed by LF, and other C0 control characters except TAB,
     * and DEL: RFC 8866 §9 {@code byte-string} excludes NUL, CR and LF, and the relay has no
     * use for the rest of the control range in a body it forwards.
     */
    static SdpLines split(byte[] body, SdpLimits limits) throws SdpException {
        int length = body.length;
        // Sized for typical lines of 32 bytes or more; grows (by doubling, up to the limit) otherwise.
        int capacity = Math.min(length / 32 + 8, limits.maxLines()) + 1;
        int[] starts = new int[capacity];
        int[] ends = new int[capacity];
        int count = 0;
        int at = 0;
        while (at < length) {
            int lineStart = at;
            while (at < length && CLASSES[body[at] & 0xff] == TEXT) {
                at++;
            }
            if (count == limits.maxLines()) {
                throw new SdpException("SDP body has more than maxLines " + limits.maxLines() + " lines");
            }
            if (count + 1 == starts.length) {
                int grown = Math.min(starts.length * 2, limits.maxLines() + 1);
                starts = Arrays.copyOf(starts, grown);
                ends = Arrays.copyOf(ends, grown);
            }
            starts[count] = lineStart;
            ends[count] = at;
            if (at < length) {
                byte c = body[at];
                if (c == '\n') {
                    at++;
                } else if (c == '\r' && at + 1 < length && body[at + 1] == '\n') {
                    at += 2;
                } else {
                    throw SdpException.atLine(count + 1, describeControl(c));
                }
            }
            count++;
        }
        starts[count] = length;
        return new SdpLines(body, count, starts, ends);
    }

    private static String describeControl(byte c) {
        if (c == 0) {
            return "NUL character";
        }
        if (c == '\r') {
            return "CR not followed by LF";
        }
        return String.format("control character 0x%02x", c & 0xff);
    }

    int start(int line) {
        return starts[line];
    }

    int end(int line) {
        return ends[line];
    }

    /** Start of the next line: the end of this line's terminator. */
    int next(int line) {
        return starts[line + 1];
    }

    int length(int line) {
        return ends[line] - starts[line];
    }

    /** Type letter of a non-empty line. */
    byte type(int line) {
        return body[starts[line]];
    }

    /** End of an {@code a=} line's attribute name: the first ':' or the end of the line. */
    int attributeNameEnd(int line) {
        int end = ends[line];
        for (int i = starts[line] + 2; i < end; i++) {
            if (body[i] == ':') {
                return i;
            }
        }
        return end;
    }

    /** Whether an {@code a=} line's attribute name is exactly {@code name} (ASCII). */
    boolean attributeNamed(int line, byte[] name) {
        int from = starts[line] + 2;
        int nameEnd = attributeNameEnd(line);
        return Arrays.equals(body, from, nameEnd, name, 0, name.length);
    }

    /** {@code body[from, to)} as UTF-8 text. */
    String text(int from, int to) {
        return new String(body, from, to - from, StandardCharsets.UTF_8);
    }
}
