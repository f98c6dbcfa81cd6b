package io.mraedge.xmpp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;

/**
 * Follows the element depth of relayed XMPP bytes without parsing them (no tree, no strings, no
 * allocation per byte), so that the edge can bound the size of each stanza after the relay has
 * started. It knows just enough XML to find tag boundaries: attribute values (which may hold
 * {@code >} and {@code /}), self-closing tags, end tags, the XML declaration before a stream
 * restart, CDATA sections and comments.
 *
 * <p>Depth 1 is inside the stream element; a first-level element (a stanza, or a SASL or
 * stream-management element) is measured from its {@code <} to the {@code >} that brings the
 * depth back to 1. Whitespace between stanzas (keepalives, RFC 6120 §4.6.1) is not measured and
 * passes. An opening {@code <stream:stream>} tag is a stream restart (RFC 6120 §4.3.3, after
 * SASL): the depth goes back to 1 and its tag is measured against the header limit instead.
 *
 * <p>Optionally it keeps the first bytes of each first-level element ({@link #capture}), for a
 * caller that needs to recognise a handful of elements (SASL results) by their head.
 *
 * <p>Not thread-safe; one channel's event loop uses it.
 */
public final class StanzaScanner implements ByteProcessor {
    /** What {@link #scan} found. */
    public enum Verdict { OK, STANZA_TOO_LARGE, HEADER_TOO_LARGE, STREAM_CLOSED }

    /** Told of each complete first-level element while capturing. */
    @FunctionalInterface
    public interface ElementListener {
        /** {@code head[0, length)} are the element's first bytes, starting with {@code <}. */
        void element(byte[] head, int length);
    }

    private enum State { TEXT, LT, START_NAME, START_TAG, ATTR_SINGLE, ATTR_DOUBLE, SELF_CLOSE, END_TAG,
        PI, PI_QUESTION, BANG, CDATA, COMMENT, DECLARATION }

    private static final byte[] STREAM_TAG = {'s', 't', 'r', 'e', 'a', 'm', ':', 's', 't', 'r', 'e', 'a', 'm'};

    private final int maxStanzaBytes;
    private final int maxHeaderBytes;
    private State state = State.TEXT;
    private int depth = 1;
    private boolean measuring;
    private long elementBytes;
    private long limit;
    private int nameLength;
    private boolean nameIsStream;
    private int run;
    private Verdict verdict = Verdict.OK;
    private byte[] head;
    private int headLength;
    private ElementListener listener;

    public StanzaScanner(int maxStanzaBytes, int maxHeaderBytes) {
        if (maxStanzaBytes <= 0 || maxHeaderBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxStanzaBytes = maxStanzaBytes;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    /** Keeps the first {@code headBytes} of each first-level element for {@code listener}. */
    public void capture(int headBytes, ElementListener listener) {
        this.head = new byte[headBytes];
        this.listener = listener;
    }

    /** Stops capturing and lets go of the capture buffer. */
    public void stopCapture() {
        head = null;
        listener = null;
    }

    public boolean capturing() {
        return head != null;
    }

    /** The current element depth (1: between stanzas). */
    public int depth() {
        return depth;
    }

    /**
     * Scans the readable bytes of {@code buf} (indices unchanged). After a verdict other than OK
     * the scanner stays there.
     */
    public Verdict scan(ByteBuf buf) {
        if (verdict == Verdict.OK && buf.isReadable()) {
            buf.forEachByte(this);
        }
        return verdict;
    }

    @Override
    public boolean process(byte b) {
        if (measuring) {
            if (++elementBytes > limit) {
                verdict = limit == maxHeaderBytes && nameIsStream ? Verdict.HEADER_TOO_LARGE : Verdict.STANZA_TOO_LARGE;
                return false;
            }
            if (head != null && headLength < head.length) {
                head[headLength++] = b;
            }
        }
        switch (state) {
            case TEXT -> {
                if (b == '<') {
                    if (depth == 1) {
                        startMeasuring(b);
                    }
                    state = State.LT;
                }
            }
            case LT -> {
                switch (b) {
                    case '/' -> state = State.END_TAG;
                    case '?' -> state = State.PI;
                    case '!' -> state = State.BANG;
                    default -> {
                        state = State.START_NAME;
                        nameLength = 0;
                        nameIsStream = true;
                        name(b);
                    }
                }
            }
            case START_NAME -> {
                if (b == '>') {
                    opened();
                } else if (b == '/') {
                    state = State.SELF_CLOSE;
                } else if (isSpace(b)) {
                    state = State.START_TAG;
                } else {
                    name(b);
                }
            }
            case START_TAG -> {
                switch (b) {
                    case '\'' -> state = State.ATTR_SINGLE;
                    case '"' -> state = State.ATTR_DOUBLE;
                    case '/' -> state = State.SELF_CLOSE;
                    case '>' -> opened();
                    default -> { }
                }
            }
            case ATTR_SINGLE -> {
                if (b == '\'') {
                    state = State.START_TAG;
                }
            }
            case ATTR_DOUBLE -> {
                if (b == '"') {
                    state = State.START_TAG;
                }
            }
            case SELF_CLOSE -> {
                if (b == '>') {
                    state = State.TEXT;
                    elementEnded();
                } else {
                    state = State.START_TAG;
                }
            }
            case END_TAG -> {
                if (b == '>') {
                    state = State.TEXT;
                    depth--;
                    if (depth <= 0) {
                        measuring = false;
                        verdict = Verdict.STREAM_CLOSED;
                        return false;
                    }
                    elementEnded();
                }
            }
            case PI -> {
                if (b == '?') {
                    state = State.PI_QUESTION;
                }
            }
            case PI_QUESTION -> {
                if (b == '>') {
                    state = State.TEXT;
                    if (depth == 1) {
                        // The XML declaration before a restarted stream header: not a stanza.
                        measuring = false;
                    }
                } else if (b != '?') {
                    state = State.PI;
                }
            }
            case BANG -> {
                run = 0;
                state = b == '[' ? State.CDATA : b == '-' ? State.COMMENT : State.DECLARATION;
            }
            case CDATA -> run = endOfRun(b, (byte) ']');
            case COMMENT -> run = endOfRun(b, (byte) '-');
            case DECLARATION -> {
                if (b == '>') {
                    state = State.TEXT;
                }
            }
            default -> throw new IllegalStateException(state.name());
        }
        return true;
    }

    private int endOfRun(byte b, byte mark) {
        if (b == mark) {
            return run + 1;
        }
        if (b == '>' && run >= 2) {
            state = State.TEXT;
            if (depth == 1) {
                measuring = false;
            }
        }
        return 0;
    }

    private void startMeasuring(byte lt) {
        measuring = true;
        elementBytes = 1;
        limit = maxStanzaBytes;
        if (head != null) {
            head[0] = lt;
            headLength = 1;
        }
    }

    private void name(byte b) {
        nameIsStream &= nameLength < STREAM_TAG.length && STREAM_TAG[nameLength] == b;
        nameLength++;
        if (nameIsStream && nameLength == STREAM_TAG.length && measuring) {
            limit = maxHeaderBytes;
        }
    }

    private void opened() {
        state = State.TEXT;
        if (nameIsStream && nameLength == STREAM_TAG.length) {
            // RFC 6120 §4.3.3: a restarted stream; the old stream element is never closed.
            depth = 1;
            measuring = false;
            return;
        }
        depth++;
    }

    private void elementEnded() {
        if (depth == 1 && measuring) {
            measuring = false;
            if (listener != null) {
                listener.element(head, headLength);
            }
        }
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
