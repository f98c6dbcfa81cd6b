package io.mraedge.media.relay;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bencoding rtpengine's ng control protocol speaks (BEP 3): byte strings {@code 4:spam},
 * integers {@code i42e}, lists {@code l...e} and dictionaries {@code d...e} with byte-string keys.
 * Strings are carried as Java {@link String}s in UTF-8. Decoding is bounded by the input length
 * and by {@link #MAX_DEPTH}.
 */
final class Bencode {
    static final int MAX_DEPTH = 32;

    private Bencode() {
    }

    /** Encodes a {@link String}, {@link Number}, {@link List} or {@link Map} with String keys (sorted, as BEP 3 asks). */
    static byte[] encode(Object value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        encode(value, out, 0);
        return out.toByteArray();
    }

    private static void encode(Object value, ByteArrayOutputStream out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH);
        }
        if (value instanceof String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeBytes((b.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(b);
        } else if (value instanceof Number n) {
            out.writeBytes(("i" + n.longValue() + "e").getBytes(StandardCharsets.US_ASCII));
        } else if (value instanceof List<?> list) {
            out.write('l');
            for (Object item : list) {
                encode(item, out, depth + 1);
            }
            out.write('e');
        } else if (value instanceof Map<?, ?> map) {
            out.write('d');
            for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                encode((String) e.getKey(), out, depth + 1);
                encode(e.getValue(), out, depth + 1);
            }
            out.write('e');
        } else {
            throw new IllegalArgumentException("cannot bencode " + (value == null ? "null" : value.getClass()));
        }
    }

    /** Decodes exactly one value spanning {@code data[from..to)}. */
    static Object decode(byte[] data, int from, int to) {
        Decoder d = new Decoder(data, from, to);
        Object v = d.value(0);
        if (d.pos != to) {
            throw new IllegalArgumentException("trailing bytes after bencoded value at " + d.pos);
        }
        return v;
    }

    private static final class Decoder {
        private final byte[] data;
        private final int end;
        private int pos;

        Decoder(byte[] data, int from, int to) {
            this.data = data;
            this.pos = from;
            this.end = to;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw new IllegalArgumentException("nested deeper than " + MAX_DEPTH);
            }
            byte b = peek();
            switch (b) {
                case 'i': {
                    pos++;
                    long v = Long.parseLong(until('e'));
                    return v;
                }
                case 'l': {
                    pos++;
                    List<Object> list = new ArrayList<>();
                    while (peek() != 'e') {
                        list.add(value(depth + 1));
                    }
                    pos++;
                    return list;
                }
                case 'd': {
                    pos++;
                    Map<String, Object> map = new LinkedHashMap<>();
                    while (peek() != 'e') {
                        String key = string();
                        map.put(key, value(depth + 1));
                    }
                    pos++;
                    return map;
                }
                default:
                    if (b >= '0' && b <= '9') {
                        return string();
                    }
                    throw new IllegalArgumentException("unexpected byte '" + (char) b + "' at " + pos);
            }
        }

        private String string() {
            int len = Integer.parseInt(until(':'));
            if (len < 0 || len > end - pos) {
                throw new IllegalArgumentException("string length " + len + " runs past the end at " + pos);
            }
            String s = new String(data, pos, len, StandardCharsets.UTF_8);
            pos += len;
            return s;
        }

        private String until(char terminator) {
            int start = pos;
            while (pos < end && data[pos] != terminator) {
                pos++;
            }
            if (pos >= end) {
                throw new IllegalArgumentException("missing '" + terminator + "' after " + start);
            }
            String s = new String(data, start, pos - start, StandardCharsets.US_ASCII);
            pos++;
            return s;
        }

        private byte peek() {
            if (pos >= end) {
                throw new IllegalArgumentException("truncated bencoded value");
            }
            return data[pos];
        }
    }
}
