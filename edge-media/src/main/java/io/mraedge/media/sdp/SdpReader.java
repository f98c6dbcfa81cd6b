package io.mraedge.media.sdp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses a body into a {@link SessionDescription}: a state machine over the lines of
 * {@link SdpLines}. It checks what the relay depends on (v=, c=, m=, a=rtcp, a=candidate) and
 * classifies every line for the rewrite; other lines are kept unread.
 */
final class SdpReader {

    private enum State {
        /** Before the first line, which must be v=0. */
        VERSION,
        /** Session-level lines (RFC 8866 §5). */
        SESSION,
        /** Inside a media description (RFC 8866 §5.14 onwards). */
        MEDIA
    }

    private static final byte[] RTCP = ascii("rtcp");
    private static final byte[] RTCP_MUX = ascii("rtcp-mux");
    private static final byte[] CANDIDATE = ascii("candidate");
    private static final byte[] REMOTE_CANDIDATES = ascii("remote-candidates");

    private final SdpLines lines;
    private final byte[] b;
    private final SdpLimits limits;
    private final List<MediaDescription> media = new ArrayList<>(4);
    private State state = State.VERSION;
    private ConnectionData sessionConnection;
    private MediaLine current;

    private SdpReader(SdpLines lines, SdpLimits limits) {
        this.lines = lines;
        this.b = lines.body;
        this.limits = limits;
    }

    static SessionDescription read(byte[] body, SdpLimits limits) throws SdpException {
        if (body.length > limits.maxBytes()) {
            throw new SdpException("SDP body of " + body.length + " bytes exceeds maxBytes " + limits.maxBytes());
        }
        SdpLines lines = SdpLines.split(body, limits);
        SdpReader reader = new SdpReader(lines, limits);
        for (int i = 0; i < lines.count; i++) {
            reader.line(i);
        }
        return reader.finish();
    }

    private void line(int i) throws SdpException {
        int s = lines.start(i);
        int length = lines.length(i);
        lines.kinds[i] = LineKind.OTHER;
        if (state == State.VERSION) {
            // RFC 8866 §5.1: the first line is "v=0".
            if (length != 3 || b[s] != 'v' || b[s + 1] != '=' || b[s + 2] != '0') {
                throw SdpException.atLine(i + 1, "an SDP body starts with v=0 (RFC 8866 §5.1)");
            }
            state = State.SESSION;
            return;
        }
        if (length == 0) {
            return; // a blank line carries nothing; it is kept as it is
        }
        // RFC 8866 §5: <type>=<value>, <type> one lower-case letter.
        if (length < 2 || b[s] < 'a' || b[s] > 'z' || b[s + 1] != '=') {
            throw SdpException.atLine(i + 1, "not a <type>=<value> line");
        }
        switch (b[s]) {
            case 'm' -> mediaLine(i);
            case 'c' -> connectionLine(i);
            case 'a' -> attributeLine(i);
            default -> {
            }
        }
    }

    private void mediaLine(int i) throws SdpException {
        closeMedia(i);
        if (media.size() == limits.maxMedia()) {
            throw SdpException.atLine(i + 1, "more than maxMedia " + limits.maxMedia() + " m-lines");
        }
        lines.kinds[i] = LineKind.MEDIA;
        current = MediaLine.read(lines, i, media.size());
        state = State.MEDIA;
    }

    private void connectionLine(int i) throws SdpException {
        lines.kinds[i] = LineKind.CONNECTION;
        ConnectionData data = readConnectionAddress(b, lines.start(i) + 2, lines.end(i), i);
        if (state == State.SESSION) {
            // RFC 8866 §5: at most one c= at session level.
            if (sessionConnection != null) {
                throw SdpException.atLine(i + 1, "a second session-level c= line");
            }
            sessionConnection = data;
        } else if (current.connection == null) {
            current.connection = data; // further media-level c= lines are multicast layers
        }
    }

    private void attributeLine(int i) throws SdpException {
        lines.kinds[i] = LineKind.ATTRIBUTE;
        if (state != State.MEDIA) {
            return;
        }
        int nameStart = lines.start(i) + 2;
        int nameEnd = lines.attributeNameEnd(i);
        int valueStart = Math.min(nameEnd + 1, lines.end(i));
        // The name's length picks the one candidate name before any byte comparison.
        switch (nameEnd - nameStart) {
            case 4 -> {
                if (named(nameStart, RTCP)) {
                    lines.kinds[i] = LineKind.RTCP;
                    int port = readRtcp(i, valueStart);
                    if (current.rtcpPort < 0) {
                        current.rtcpPort = port;
                    }
                }
            }
            case 8 -> {
                if (named(nameStart, RTCP_MUX)) {
                    lines.kinds[i] = LineKind.RTCP_MUX;
                    current.rtcpMux = true;
                }
            }
            case 9 -> {
                if (named(nameStart, CANDIDATE)) {
                    lines.kinds[i] = LineKind.CANDIDATE;
                    checkCandidate(i, valueStart);
                }
            }
            case 17 -> {
                if (named(nameStart, REMOTE_CANDIDATES)) {
                    lines.kinds[i] = LineKind.REMOTE_CANDIDATES;
                }
            }
            default -> {
            }
        }
    }

    private boolean named(int from, byte[] name) {
        return Arrays.equals(b, from, from + name.length, name, 0, name.length);
    }

    /** RFC 3605 §2.1: {@code a=rtcp:<port> [<nettype> SP <addrtype> SP <connection-address>]}. */
    private int readRtcp(int i, int from) throws SdpException {
        int end = lines.end(i);
        int at = from;
        while (at < end && b[at] != ' ') {
            at++;
        }
        int port = parsePort(b, from, at);
        if (port < 0) {
            throw SdpException.atLine(i + 1, "a=rtcp port is not a number 0-65535");
        }
        if (at < end) {
            readConnectionAddress(b, at + 1, end, i);
        }
        return port;
    }

    /**
     * RFC 8839 §5.1: {@code foundation SP component-id SP transport SP priority SP
     * connection-address SP port SP "typ" SP cand-type *(SP ...)}. Checks the fields the
     * relay would misread; the address may be a name (mDNS, RFC 8839 §5.1).
     */
    private void checkCandidate(int i, int from) throws SdpException {
        int end = lines.end(i);
        int field = 0;
        int at = from;
        while (field < 8) {
            int fieldEnd = at;
            while (fieldEnd < end && b[fieldEnd] != ' ') {
                fieldEnd++;
            }
            int width = fieldEnd - at;
            boolean ok = switch (field) {
                case 0 -> width >= 1 && width <= 32;
                case 1 -> width <= 3 && between(parsePort(b, at, fieldEnd), 1, 256);
                case 3 -> width >= 1 && width <= 10 && allDigits(b, at, fieldEnd);
                case 5 -> parsePort(b, at, fieldEnd) >= 0;
                case 6 -> width == 3 && b[at] == 't' && b[at + 1] == 'y' && b[at + 2] == 'p';
                default -> width >= 1;
            };
            if (!ok) {
                throw SdpException.atLine(i + 1, "a=candidate field " + (field + 1) + " is malformed (RFC 8839 §5.1)");
            }
            field++;
            at = fieldEnd + 1;
            if (fieldEnd == end && field < 8) {
                throw SdpException.atLine(i + 1, "a=candidate has " + field + " fields, at least 8 needed (RFC 8839 §5.1)");
            }
        }
    }

    private void closeMedia(int endLine) {
        if (current != null) {
            media.add(current.toDescription(endLine, sessionConnection));
            current = null;
        }
    }

    private SessionDescription finish() throws SdpException {
        if (state == State.VERSION) {
            throw new SdpException("SDP body is empty: an SDP body starts with v=0 (RFC 8866 §5.1)");
        }
        closeMedia(lines.count);
        // RFC 8866 §5.7: a c= in every media description or one at session level.
        if (sessionConnection == null) {
            for (MediaDescription m : media) {
                if (m.connection().isEmpty()) {
                    throw new SdpException("SDP m-line " + m.index() + " (" + m.type()
                            + ") has no c= line and the session has none (RFC 8866 §5.7)");
                }
            }
        }
        return new SessionDescription(lines, sessionConnection, List.copyOf(media));
    }

    /**
     * RFC 8866 §5.7 {@code IN SP IP4|IP6 SP connection-address}, the multicast {@code /ttl} and
     * {@code /count} suffixes allowed and dropped from {@link ConnectionData#address()}.
     */
    static ConnectionData readConnectionAddress(byte[] b, int from, int end, int line) throws SdpException {
        if (end - from < 8 || b[from] != 'I' || b[from + 1] != 'N' || b[from + 2] != ' '
                || b[from + 3] != 'I' || b[from + 4] != 'P' || b[from + 6] != ' '
                || (b[from + 5] != '4' && b[from + 5] != '6')) {
            throw SdpException.atLine(line + 1, "connection data is not IN IP4|IP6 <address> (RFC 8866 §5.7)");
        }
        boolean v4 = b[from + 5] == '4';
        int addrStart = from + 7;
        int addrEnd = addrStart;
        while (addrEnd < end && b[addrEnd] != '/') {
            addrEnd++;
        }
        if (!validSuffix(b, addrEnd, end, v4 ? 2 : 1)) {
            throw SdpException.atLine(line + 1, "connection address has a malformed multicast suffix");
        }
        boolean literal = v4 ? IpLiteral.parseIpv4(b, addrStart, addrEnd) != null
                : IpLiteral.parseIpv6(b, addrStart, addrEnd) != null;
        if (!literal && !IpLiteral.isDomainName(b, addrStart, addrEnd)) {
            throw SdpException.atLine(line + 1, "connection address '"
                    + new String(b, addrStart, addrEnd - addrStart, StandardCharsets.UTF_8)
                    + "' is neither an IP" + (v4 ? "4" : "6") + " address nor a domain name");
        }
        return new ConnectionData(v4 ? ConnectionData.IP4 : ConnectionData.IP6,
                new String(b, addrStart, addrEnd - addrStart, StandardCharsets.US_ASCII));
    }

    /** Zero to {@code max} parts of {@code "/" 1*DIGIT}. */
    private static boolean validSuffix(byte[] b, int from, int end, int max) {
        int parts = 0;
        int at = from;
        while (at < end) {
            if (b[at] != '/' || ++parts > max) {
                return false;
            }
            int digits = ++at;
            while (at < end && b[at] >= '0' && b[at] <= '9') {
                at++;
            }
            if (at == digits || at - digits > 5) {
                return false;
            }
        }
        return true;
    }

    /** A decimal port 0-65535 in {@code b[from, to)}, at most 5 digits; -1 when it is not one. */
    static int parsePort(byte[] b, int from, int to) {
        if (to - from < 1 || to - from > 5) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return -1;
            }
            value = value * 10 + (b[i] - '0');
        }
        return value <= 65535 ? value : -1;
    }

    private static boolean between(int value, int min, int max) {
        return value >= min && value <= max;
    }

    private static boolean allDigits(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < '0' || b[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
