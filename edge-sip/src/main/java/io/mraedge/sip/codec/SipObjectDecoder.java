package io.mraedge.sip.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderResult;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Decodes a SIP stream (TLS or TCP) into {@link SipRequest}s and {@link SipResponse}s, plus the
 * things that share a SIP flow between messages: {@link SipKeepalive} CRLFs (RFC 5626 §4.4.1)
 * and {@link StunMessage}s (RFC 5626 §4.4.2, RFC 5389 §6). In the shape of Netty's
 * {@code HttpObjectDecoder}: a {@link State} machine, limits from {@link SipDecoderConfig}, and
 * refusals as messages whose {@link SipMessage#decoderResult()} failed with a
 * {@link SipDecoderException}.
 *
 * <p>Framing (RFC 3261 §18.3): on a stream transport Content-Length is mandatory and frames the
 * body. When a message is bad but its end is known (the header section ended and exactly one
 * valid Content-Length was given), the failure is {@link SipDecoderException#recoverable()
 * recoverable}: its body is skipped and decoding carries on. Otherwise the decoder enters
 * {@code BAD_MESSAGE} and discards everything after; the handler answers and closes.
 *
 * <p>Lines end in CRLF; a bare CR or LF inside a line is refused (CRLF injection). Folded lines
 * (a line starting with SP or HT) continue the previous header. Compact names are expanded.
 *
 * <p>Ownership: a message's body is a retained slice of the cumulation buffer; the next handler
 * owns every message it receives.
 */
public final class SipObjectDecoder extends ByteToMessageDecoder {
    private enum State { SKIP_CONTROL_CHARS, READ_START_LINE, READ_HEADERS, READ_BODY, SKIP_BODY, BAD_MESSAGE }

    private final SipDecoderConfig config;
    private State state = State.SKIP_CONTROL_CHARS;
    private int lineFeeds;
    private SipMessage message;
    private SipHeaders headers;
    private SipDecoderException error;
    private String pendingName;
    private StringBuilder pendingValue;
    private int headerBytes;
    private int headerCount;
    private int contentLength;
    private boolean contentLengthSeen;
    private boolean contentLengthBad;
    private long toSkip;

    public SipObjectDecoder(SipDecoderConfig config) {
        this.config = config;
    }

    /** True while part of a message has been read but not the whole of it. */
    public boolean midMessage() {
        return state != State.SKIP_CONTROL_CHARS && state != State.BAD_MESSAGE;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case SKIP_CONTROL_CHARS:
                if (!skipControlChars(in, out)) {
                    return;
                }
                // RFC 5626 §4.4.2 / RFC 5389 §6: SIP starts with a letter; top two bits clear is STUN.
                if ((in.getByte(in.readerIndex()) & 0xC0) == 0) {
                    decodeStun(in, out);
                    return;
                }
                startMessage();
                // fall through
            case READ_START_LINE:
                if (!readStartLine(in)) {
                    if (state == State.BAD_MESSAGE) {
                        fail(in, out);
                    }
                    return;
                }
                state = State.READ_HEADERS;
                // fall through
            case READ_HEADERS:
                if (!readHeaders(in)) {
                    if (state == State.BAD_MESSAGE) {
                        fail(in, out);
                    }
                    return;
                }
                if (!endOfHeaders(in, out)) {
                    return;
                }
                // fall through
            case READ_BODY:
                if (state == State.READ_BODY) {
                    if (in.readableBytes() < contentLength) {
                        return;
                    }
                    message.body(contentLength == 0 ? io.netty.buffer.Unpooled.EMPTY_BUFFER
                            : in.readRetainedSlice(contentLength));
                    String invalid = SipValidation.check(message);
                    if (invalid != null) {
                        message.body(io.netty.buffer.Unpooled.EMPTY_BUFFER);
                        message.decoderResult(DecoderResult.failure(new SipDecoderException(400, invalid, true)));
                    }
                    out.add(message);
                    reset();
                    return;
                }
                // fall through
            case SKIP_BODY:
                if (state == State.SKIP_BODY) {
                    int n = (int) Math.min(toSkip, in.readableBytes());
                    in.skipBytes(n);
                    toSkip -= n;
                    if (toSkip == 0) {
                        reset();
                    }
                }
                return;
            case BAD_MESSAGE:
                in.skipBytes(in.readableBytes());
                return;
            default:
                throw new IllegalStateException("unknown state " + state);
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        if (in.isReadable()) {
            super.decodeLast(ctx, in, out);
        }
        if (lineFeeds == 1) {
            out.add(SipKeepalive.PONG);
            lineFeeds = 0;
        }
        if (midMessage()) {
            // The flow ended inside a message: a truncated message, refused (there is no one to answer).
            error = new SipDecoderException(400, "the flow ended inside a message (truncated)", false);
            state = State.BAD_MESSAGE;
            emitFailure(out);
        }
    }

    /** Consumes CRLFs between messages; true when positioned at the first byte of something else. */
    private boolean skipControlChars(ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            byte b = in.getByte(in.readerIndex());
            if (b == '\r') {
                in.skipBytes(1);
            } else if (b == '\n') {
                in.skipBytes(1);
                if (++lineFeeds == 2) {
                    out.add(SipKeepalive.PING); // RFC 5626 §4.4.1: CRLFCRLF is a ping
                    lineFeeds = 0;
                }
            } else {
                if (lineFeeds == 1) {
                    out.add(SipKeepalive.PONG);
                    lineFeeds = 0;
                }
                return true;
            }
        }
        if (lineFeeds == 1) {
            out.add(SipKeepalive.PONG); // a lone CRLF with nothing after it: the pong
            lineFeeds = 0;
        }
        return false;
    }

    private void decodeStun(ByteBuf in, List<Object> out) {
        if (in.readableBytes() < StunMessage.HEADER_LENGTH) {
            return; // wait for the STUN header
        }
        if (!StunMessage.looksLikeStun(in)) {
            startMessage();
            error = new SipDecoderException(400, "binary data that is neither SIP nor STUN", false);
            state = State.BAD_MESSAGE;
            fail(in, out);
            return;
        }
        int length = StunMessage.HEADER_LENGTH + in.getUnsignedShort(in.readerIndex() + 2);
        if (length > config.maxStunSize()) {
            startMessage();
            error = new SipDecoderException(513, "STUN message of " + length + " bytes is over the limit of "
                    + config.maxStunSize(), false);
            state = State.BAD_MESSAGE;
            fail(in, out);
            return;
        }
        if (in.readableBytes() >= length) {
            out.add(new StunMessage(in.readRetainedSlice(length)));
        }
    }

    private void startMessage() {
        headers = new SipHeaders();
        message = null;
        error = null;
        pendingName = null;
        pendingValue = null;
        headerBytes = 0;
        headerCount = 0;
        contentLength = 0;
        contentLengthSeen = false;
        contentLengthBad = false;
        state = State.READ_START_LINE;
    }

    private void reset() {
        message = null;
        headers = null;
        error = null;
        state = State.SKIP_CONTROL_CHARS;
    }

    /** Reads the start line; false when more input is needed or the message is beyond repair. */
    private boolean readStartLine(ByteBuf in) {
        int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        int end = lf < 0 ? in.writerIndex() : lf;
        int bad = firstControlChar(in, in.readerIndex(), end);
        if (bad >= 0) {
            unrecoverable(400, "control character 0x" + Integer.toHexString(in.getByte(bad) & 0xff)
                    + " in the start line (not SIP)");
            return false;
        }
        if (lf < 0) {
            if (in.readableBytes() > config.maxStartLineLength() + 1) {
                unrecoverable(513, "start line longer than " + config.maxStartLineLength() + " bytes");
            }
            return false;
        }
        String line = takeLine(in, lf);
        if (line == null) {
            return true; // bare LF, recorded
        }
        if (line.length() > config.maxStartLineLength()) {
            record(513, "start line longer than " + config.maxStartLineLength() + " bytes");
            return true;
        }
        message = parseStartLine(line);
        if (message == null) {
            record(400, "malformed start line: " + abbreviate(line));
        }
        return true;
    }

    private SipMessage parseStartLine(String line) {
        if (line.startsWith("SIP/")) {
            if (!line.startsWith(SipMessage.VERSION + " ") || line.length() < 11 || (line.length() > 11 && line.charAt(11) != ' ')) {
                return null;
            }
            String code = line.substring(8, 11);
            for (int i = 0; i < 3; i++) {
                if (!Character.isDigit(code.charAt(i))) {
                    return null;
                }
            }
            int status = Integer.parseInt(code);
            if (status < 100 || status > 699) {
                return null;
            }
            return new SipResponse(status, line.length() > 12 ? line.substring(12) : "", headers);
        }
        String[] parts = line.split(" ", -1);
        if (parts.length != 3 || !SipSyntax.isToken(parts[0]) || parts[1].isEmpty() || parts[1].indexOf(':') < 0
                || !parts[2].equals(SipMessage.VERSION)) {
            return null;
        }
        return new SipRequest(parts[0], parts[1], headers);
    }

    /** Reads header lines up to the empty line; false when more input is needed or beyond repair. */
    private boolean readHeaders(ByteBuf in) {
        for (;;) {
            int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (lf < 0) {
                if (in.readableBytes() > config.maxHeaderSize() + 1) {
                    unrecoverable(513, "a header line longer than " + config.maxHeaderSize() + " bytes");
                }
                return false;
            }
            int lineLength = lf - in.readerIndex() + 1;
            headerBytes += lineLength;
            if (headerBytes > 4L * config.maxHeaderSize()) {
                unrecoverable(513, "header section keeps going past " + 4L * config.maxHeaderSize() + " bytes");
                return false;
            }
            int bad = firstControlChar(in, in.readerIndex(), lf);
            String line = takeLine(in, lf);
            if (line == null) {
                continue; // bare LF, recorded
            }
            if (line.isEmpty()) {
                commitPending();
                return true;
            }
            if (bad >= 0) {
                record(400, "control character in a header line (CRLF injection?)");
                continue;
            }
            if (headerBytes > config.maxHeaderSize()) {
                record(513, "header section larger than " + config.maxHeaderSize() + " bytes");
            }
            char first = line.charAt(0);
            if (first == ' ' || first == '\t') {
                // RFC 3261 §7.3.1: a line starting with whitespace continues the previous header.
                if (pendingName == null) {
                    if (error == null) {
                        record(400, "folded line without a header before it");
                    }
                    continue;
                }
                pendingValue.append(' ').append(line.trim());
                continue;
            }
            commitPending();
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).trim();
            if (!SipSyntax.isToken(name)) {
                record(400, "malformed header line: " + abbreviate(line));
                continue;
            }
            if (++headerCount > config.maxHeaderCount()) {
                // Kept only for framing: Content-Length still counts, nothing is stored.
                record(513, "more than " + config.maxHeaderCount() + " header lines");
            }
            pendingName = SipHeaderNames.normalize(name);
            pendingValue = new StringBuilder(line.length() - colon).append(line, colon + 1, line.length());
        }
    }

    private void commitPending() {
        if (pendingName == null) {
            return;
        }
        String value = pendingValue.toString().trim();
        if (pendingName.equals(SipHeaderNames.CONTENT_LENGTH)) {
            int n = parseLength(value);
            if (n < 0 || contentLengthSeen) {
                contentLengthBad = true;
            }
            contentLengthSeen = true;
            contentLength = Math.max(n, 0);
        }
        if (error == null || error.status() != 513) {
            headers.add(pendingName, value);
        }
        pendingName = null;
        pendingValue = null;
    }

    /** At the end of the header section: decides framing. False when the message is done (failed). */
    private boolean endOfHeaders(ByteBuf in, List<Object> out) {
        if (!contentLengthSeen || contentLengthBad) {
            // RFC 3261 §18.3: without exactly one valid Content-Length the end of the message is unknown.
            error = new SipDecoderException(error != null ? error.status() : 400,
                    (error != null ? error.getMessage() + "; and " : "")
                            + (contentLengthSeen ? "duplicate or invalid Content-Length" : "no Content-Length"),
                    false);
            state = State.BAD_MESSAGE;
            fail(in, out);
            return false;
        }
        if (error == null && contentLength > config.maxBodySize()) {
            record(513, "body of " + contentLength + " bytes is over the limit of " + config.maxBodySize());
        }
        if (error != null) {
            emitFailure(out);
            toSkip = contentLength;
            state = toSkip == 0 ? State.SKIP_CONTROL_CHARS : State.SKIP_BODY;
            if (toSkip == 0) {
                reset();
            }
            return false;
        }
        state = State.READ_BODY;
        return true;
    }

    private static int parseLength(String v) {
        if (v.isEmpty() || v.length() > 9) {
            return -1;
        }
        for (int i = 0; i < v.length(); i++) {
            if (!Character.isDigit(v.charAt(i))) {
                return -1;
            }
        }
        return Integer.parseInt(v);
    }

    /** Takes a line ending at {@code lf}; null (and an error recorded) when it lacks its CR. */
    private String takeLine(ByteBuf in, int lf) {
        int start = in.readerIndex();
        int length = lf - start;
        in.readerIndex(lf + 1);
        if (length == 0 || in.getByte(lf - 1) != '\r') {
            record(400, "line ends in a bare LF");
            return null;
        }
        return in.toString(start, length - 1, StandardCharsets.UTF_8);
    }

    /** Index of the first control character in [from, to) other than HT, or a CR just before {@code to}. */
    private static int firstControlChar(ByteBuf in, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = in.getByte(i);
            if ((b >= 0 && b < 0x20 && b != '\t' && !(b == '\r' && i == to - 1)) || b == 0x7f) {
                return i;
            }
        }
        return -1;
    }

    private void record(int status, String why) {
        if (error == null) {
            error = new SipDecoderException(status, why, true);
        }
    }

    private void unrecoverable(int status, String why) {
        error = error == null ? new SipDecoderException(status, why, false) : error.unrecoverable();
        state = State.BAD_MESSAGE;
    }

    /** Emits the failed message and discards the rest of the input (BAD_MESSAGE). */
    private void fail(ByteBuf in, List<Object> out) {
        emitFailure(out);
        in.skipBytes(in.readableBytes());
    }

    private void emitFailure(List<Object> out) {
        SipMessage failed = message != null ? message
                : new SipRequest(SipRequest.INVALID, "", headers != null ? headers : new SipHeaders());
        failed.decoderResult(DecoderResult.failure(error));
        out.add(failed);
        message = null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }
}
