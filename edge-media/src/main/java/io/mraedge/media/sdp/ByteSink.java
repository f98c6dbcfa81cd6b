package io.mraedge.media.sdp;

import java.util.Arrays;

/** A growable byte array that a rewrite appends to; one copy at the end to trim it. */
final class ByteSink {

    private byte[] buffer;
    private int size;

    ByteSink(int capacity) {
        buffer = new byte[capacity];
    }

    void write(byte[] source, int from, int to) {
        int length = to - from;
        ensure(length);
        System.arraycopy(source, from, buffer, size, length);
        size += length;
    }

    void write(byte[] source) {
        write(source, 0, source.length);
    }

    /** A port as decimal digits (0-65535). */
    void writePort(int port) {
        ensure(5);
        int digits = port >= 10000 ? 5 : port >= 1000 ? 4 : port >= 100 ? 3 : port >= 10 ? 2 : 1;
        for (int i = size + digits - 1; i >= size; i--) {
            buffer[i] = (byte) ('0' + port % 10);
            port /= 10;
        }
        size += digits;
    }

    /** Whether nothing was written or the last byte written ends a line. */
    boolean atLineStart() {
        return size == 0 || buffer[size - 1] == '\n';
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
