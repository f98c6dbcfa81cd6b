package io.mraedge.media.sdp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One media description of a parsed body (RFC 8866 §5.14): its {@code m=} line and what the
 * lines of its section say about transport. Attribute values are read from the body on demand.
 * Immutable; {@link #index()} is the position among the body's m-lines, from 0, and is what
 * {@link SdpEdit.Builder#media} names.
 */
public final class MediaDescription {

    private final SdpLines lines;
    private final int index;
    private final int firstLine;
    private final int endLine;
    private final String type;
    private final int port;
    private final int portStart;
    private final int portEnd;
    private final int portCount;
    private final String proto;
    private final int formatsStart;
    private final ConnectionData connection;
    private final ConnectionData effectiveConnection;
    private final boolean rtcpMux;
    private final int rtcpPort;

    MediaDescription(SdpLines lines, int index, int firstLine, int endLine, String type, int port, int portStart,
            int portEnd, int portCount, String proto, int formatsStart, ConnectionData connection,
            ConnectionData effectiveConnection, boolean rtcpMux, int rtcpPort) {
        this.lines = lines;
        this.index = index;
        this.firstLine = firstLine;
        this.endLine = endLine;
        this.type = type;
        this.port = port;
        this.portStart = portStart;
        this.portEnd = portEnd;
        this.portCount = portCount;
        this.proto = proto;
        this.formatsStart = formatsStart;
        this.connection = connection;
        this.effectiveConnection = effectiveConnection;
        this.rtcpMux = rtcpMux;
        this.rtcpPort = rtcpPort;
    }

    /** Position among the body's m-lines, from 0. */
    public int index() {
        return index;
    }

    /** {@code audio}, {@code video}, {@code application}, ... */
    public String type() {
        return type;
    }

    /** The transport port of the m-line; 0 for a rejected stream. */
    public int port() {
        return port;
    }

    /** The {@code /<number of ports>} of the m-line, 1 when absent. */
    public int portCount() {
        return portCount;
    }

    /** {@code RTP/AVP}, {@code RTP/SAVP}, {@code UDP/TLS/RTP/SAVPF}, {@code UDP/BFCP}, ... */
    public String proto() {
        return proto;
    }

    /** The media formats (RTP payload types, or {@code *} for BFCP), in order. */
    public List<String> formats() {
        byte[] b = lines.body;
        int end = lines.end(firstLine);
        List<String> formats = new ArrayList<>();
        int at = formatsStart;
        while (at < end) {
            int fmtEnd = at;
            while (fmtEnd < end && b[fmtEnd] != ' ') {
                fmtEnd++;
            }
            formats.add(new String(b, at, fmtEnd - at, StandardCharsets.US_ASCII));
            at = fmtEnd + 1;
        }
        return List.copyOf(formats);
    }

    /** RFC 3264 §6: port 0 marks a rejected (or disabled) stream, which a rewrite never touches. */
    public boolean rejected() {
        return port == 0;
    }

    /** The media-level {@code c=} (the first, when multicast layers give several). */
    public Optional<ConnectionData> connection() {
        return Optional.ofNullable(connection);
    }

    /** The media-level {@code c=}, else the session-level one (RFC 8866 §5.7). Never null. */
    public ConnectionData effectiveConnection() {
        return effectiveConnection;
    }

    /** Whether {@code a=rtcp-mux} is present (RFC 5761 §5.1.1). */
    public boolean rtcpMux() {
        return rtcpMux;
    }

    /** The port of the first {@code a=rtcp} (RFC 3605 §2.1), empty when there is none. */
    public OptionalInt rtcpPort() {
        return rtcpPort < 0 ? OptionalInt.empty() : OptionalInt.of(rtcpPort);
    }

    /** The values of the {@code a=candidate} lines (after {@code "candidate:"}), in order. */
    public List<String> candidates() {
        return attributes("candidate");
    }

    /**
     * The values of this section's {@code a=<name>} lines in order: the text after the first
     * ':', or "" for a property attribute. {@code name} is matched exactly (RFC 8866 §5.13).
     */
    public List<String> attributes(String name) {
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        List<String> values = new ArrayList<>();
        for (int i = firstLine + 1; i < endLine; i++) {
            if (lines.length(i) >= 2 && lines.type(i) == 'a' && lines.attributeNamed(i, wanted)) {
                int nameEnd = lines.attributeNameEnd(i);
                int end = lines.end(i);
                values.add(nameEnd == end ? "" : lines.text(nameEnd + 1, end));
            }
        }
        return List.copyOf(values);
    }

    /** Line index of the {@code m=} line. */
    int firstLine() {
        return firstLine;
    }

    /** Line index after the section's last line. */
    int endLine() {
        return endLine;
    }

    /** Offsets of the port digits in the body. */
    int portStart() {
        return portStart;
    }

    int portEnd() {
        return portEnd;
    }

    @Override
    public String toString() {
        return "m=" + type + " " + port + (portCount > 1 ? "/" + portCount : "") + " " + proto + " (index " + index + ")";
    }
}
