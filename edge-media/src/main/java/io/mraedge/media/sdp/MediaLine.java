package io.mraedge.media.sdp;

import java.nio.charset.StandardCharsets;

/**
 * A media description while {@link SdpReader} reads it: the parsed {@code m=} line and what the
 * following lines of its section set.
 */
final class MediaLine {

    private final SdpLines lines;
    private final int index;
    private final int line;
    private final String type;
    private final int port;
    private final int portStart;
    private final int portEnd;
    private final int portCount;
    private final String proto;
    private final int formatsStart;
    ConnectionData connection;
    int rtcpPort = -1;
    boolean rtcpMux;

    private MediaLine(SdpLines lines, int index, int line, String type, int port, int portStart, int portEnd,
            int portCount, String proto, int formatsStart) {
        this.lines = lines;
        this.index = index;
        this.line = line;
        this.type = type;
        this.port = port;
        this.portStart = portStart;
        this.portEnd = portEnd;
        this.portCount = portCount;
        this.proto = proto;
        this.formatsStart = formatsStart;
    }

    /** RFC 8866 §5.14: {@code m=<media> SP <port>["/"<number of ports>] SP <proto> 1*(SP <fmt>)}. */
    static MediaLine read(SdpLines lines, int line, int index) throws SdpException {
        byte[] b = lines.body;
        int end = lines.end(line);
        int typeStart = lines.start(line) + 2;
        int typeEnd = tokenEnd(b, typeStart, end);
        if (typeEnd == typeStart || typeEnd == end || b[typeEnd] != ' ') {
            throw malformed(line, "the media type");
        }
        int portStart = typeEnd + 1;
        int portEnd = portStart;
        while (portEnd < end && b[portEnd] >= '0' && b[portEnd] <= '9') {
            portEnd++;
        }
        int port = SdpReader.parsePort(b, portStart, portEnd);
        if (port < 0) {
            throw malformed(line, "the port: not a number 0-65535");
        }
        int at = portEnd;
        int portCount = 1;
        if (at < end && b[at] == '/') {
            int countStart = ++at;
            while (at < end && b[at] >= '0' && b[at] <= '9') {
                at++;
            }
            portCount = SdpReader.parsePort(b, countStart, at);
            if (portCount < 1) {
                throw malformed(line, "the number of ports");
            }
        }
        if (at == end || b[at] != ' ') {
            throw malformed(line, "the port");
        }
        int protoStart = at + 1;
        int protoEnd = tokenEnd(b, protoStart, end);
        if (protoEnd == protoStart || protoEnd == end || b[protoEnd] != ' ') {
            throw malformed(line, "the transport protocol or formats");
        }
        int formatsStart = protoEnd + 1;
        at = formatsStart;
        while (true) {
            int fmtEnd = tokenEnd(b, at, end);
            if (fmtEnd == at) {
                throw malformed(line, "the formats");
            }
            if (fmtEnd == end) {
                break;
            }
            if (b[fmtEnd] != ' ') {
                throw malformed(line, "the formats");
            }
            at = fmtEnd + 1;
        }
        return new MediaLine(lines, index, line, ascii(b, typeStart, typeEnd), port, portStart, portEnd, portCount,
                ascii(b, protoStart, protoEnd), formatsStart);
    }

    /** @param endLine the line after the section's last: the next m= line, or the line count */
    MediaDescription toDescription(int endLine, ConnectionData sessionConnection) {
        return new MediaDescription(this.lines, index, line, endLine, type, port, portStart, portEnd, portCount,
                proto, formatsStart, connection, connection != null ? connection : sessionConnection,
                rtcpMux, rtcpPort);
    }

    /** End of an RFC 8866 §9 {@code token}-like run of visible ASCII (0x21-0x7e). */
    private static int tokenEnd(byte[] b, int from, int end) {
        int at = from;
        while (at < end && b[at] > 0x20 && b[at] < 0x7f) {
            at++;
        }
        return at;
    }

    private static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.US_ASCII);
    }

    private static SdpException malformed(int line, String part) {
        return SdpException.atLine(line + 1, "m= line is malformed in " + part + " (RFC 8866 §5.14)");
    }
}
