package io.mraedge.media.sdp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Applies an {@link SdpEdit} to a parsed body in one pass over its lines, appending to a
 * {@link ByteSink}: untouched lines are copied from the original bytes with their own
 * terminators; changed lines keep the terminator of the line they replace; new lines take the
 * terminator of the section's last line (or the body's first line's, when that one has none).
 */
final class SdpRewriter {

    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] RTCP_PREFIX = "a=rtcp:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TYP_HOST = " typ host".getBytes(StandardCharsets.US_ASCII);

    private final SdpLines lines;
    private final byte[] b;
    private final SdpEdit edit;
    private final ByteSink out;

    private SdpRewriter(SdpLines lines, SdpEdit edit) {
        this.lines = lines;
        this.b = lines.body;
        this.edit = edit;
        this.out = new ByteSink(b.length + 256);
    }

    static byte[] rewrite(SdpLines lines, List<MediaDescription> media, SdpEdit edit) {
        if (edit.highestIndex() >= media.size()) {
            throw new IllegalArgumentException("the edit names m-line " + edit.highestIndex() + " but the body has "
                    + media.size() + " m-line(s)");
        }
        SdpRewriter rewriter = new SdpRewriter(lines, edit);
        int sessionEnd = media.isEmpty() ? lines.count : media.get(0).firstLine();
        for (int i = 0; i < sessionEnd; i++) {
            rewriter.sessionLine(i);
        }
        for (MediaDescription m : media) {
            if (m.rejected()) {
                rewriter.copy(m.firstLine(), m.endLine()); // RFC 3264 §6: a rejected stream stays as it is
            } else {
                rewriter.section(m);
            }
        }
        return rewriter.out.toByteArray();
    }

    private void sessionLine(int i) {
        LineKind kind = lines.kinds[i];
        if (kind == LineKind.CONNECTION && edit.connectionLine() != null && !holdAddress(i)) {
            replaced(i, edit.connectionLine());
        } else if (kind != LineKind.ATTRIBUTE || !edit.removes(lines, i)) {
            copy(i, i + 1);
        }
    }

    /**
     * {@code c=IN IP4 0.0.0.0} (or {@code ::}) is the RFC 2543 way to put a call on hold (RFC 3264
     * §8.4): it stays, so the far side still learns it is on hold.
     */
    private boolean holdAddress(int i) {
        String line = lines.text(lines.start(i), lines.end(i)).trim();
        return line.endsWith(" 0.0.0.0") || line.endsWith(" ::");
    }

    private void section(MediaDescription m) {
        SdpEdit.MediaEdit anchor = edit.media(m.index());
        // A stream the edit rejects (port 0, RFC 3264 §6) has no candidates left to offer.
        CandidatePolicy policy = anchor == null ? null
                : anchor.port() == 0 ? CandidatePolicy.STRIP : edit.candidatePolicy();
        boolean rtcpWritten = false;
        boolean candidatesWritten = false;
        for (int i = m.firstLine(); i < m.endLine(); i++) {
            LineKind kind = lines.kinds[i];
            if (kind.isAttribute() && edit.removes(lines, i)) {
                continue;
            }
            switch (kind) {
                case MEDIA -> {
                    if (anchor != null) {
                        out.write(b, lines.start(i), m.portStart());
                        out.writePort(anchor.port());
                        out.write(b, m.portEnd(), lines.next(i));
                    } else {
                        copy(i, i + 1);
                    }
                }
                case CONNECTION -> {
                    if (edit.connectionLine() != null && !holdAddress(i)) {
                        replaced(i, edit.connectionLine());
                    } else {
                        copy(i, i + 1);
                    }
                }
                case RTCP -> {
                    if (anchor == null) {
                        copy(i, i + 1);
                    } else if (anchor.rtcpPort() >= 0 && !rtcpWritten) {
                        rtcp(i, anchor.rtcpPort());
                        rtcpWritten = true;
                    }
                }
                case CANDIDATE -> {
                    if (policy == null) {
                        copy(i, i + 1);
                    } else if (policy == CandidatePolicy.REWRITE && !candidatesWritten) {
                        hostCandidates(anchor, lines.end(i), lines.next(i));
                        candidatesWritten = true;
                    }
                }
                case REMOTE_CANDIDATES -> {
                    if (policy == null) {
                        copy(i, i + 1);
                    }
                }
                default -> copy(i, i + 1);
            }
        }
        sectionEnd(m, anchor, rtcpWritten);
    }

    /** New lines at the end of a section: a missing {@code a=rtcp}, then added attributes. */
    private void sectionEnd(MediaDescription m, SdpEdit.MediaEdit anchor, boolean rtcpWritten) {
        byte[][] added = edit.added(m.index());
        boolean newRtcp = anchor != null && anchor.rtcpPort() >= 0 && !rtcpWritten;
        if (!newRtcp && added == null) {
            return;
        }
        int last = m.endLine() - 1;
        int termFrom = lines.end(last);
        int termTo = lines.next(last);
        if (termFrom == termTo) {
            termFrom = lines.end(0);
            termTo = lines.next(0);
        }
        byte[] term = termFrom == termTo ? CRLF : null;
        if (!out.atLineStart()) {
            terminator(term, termFrom, termTo); // the body's last line had none
        }
        if (newRtcp) {
            out.write(RTCP_PREFIX);
            out.writePort(anchor.rtcpPort());
            terminator(term, termFrom, termTo);
        }
        if (added != null) {
            for (byte[] line : added) {
                out.write(line);
                terminator(term, termFrom, termTo);
            }
        }
    }

    /**
     * RFC 3605 §2.1: the port is replaced; an explicit address, when the line has one, becomes
     * the edit's address (or stays, when the edit sets none).
     */
    private void rtcp(int i, int port) {
        out.write(RTCP_PREFIX);
        out.writePort(port);
        int end = lines.end(i);
        int space = lines.start(i) + RTCP_PREFIX.length;
        while (space < end && b[space] != ' ') {
            space++;
        }
        if (space < end) {
            if (edit.connectionAddress() != null) {
                out.write(b, space, space + 1);
                out.write(edit.connectionAddress());
            } else {
                out.write(b, space, end);
            }
        }
        out.write(b, end, lines.next(i));
    }

    /** RFC 8839 §5.1: one host candidate per component, at the relay's address and ports. */
    private void hostCandidates(SdpEdit.MediaEdit anchor, int termFrom, int termTo) {
        byte[] term = termFrom == termTo ? CRLF : null;
        out.write(edit.rtpCandidatePrefix());
        out.writePort(anchor.port());
        out.write(TYP_HOST);
        terminator(term, termFrom, termTo);
        if (anchor.rtcpPort() >= 0) {
            out.write(edit.rtcpCandidatePrefix());
            out.writePort(anchor.rtcpPort());
            out.write(TYP_HOST);
            terminator(term, termFrom, termTo);
        }
    }

    private void replaced(int i, byte[] content) {
        out.write(content);
        out.write(b, lines.end(i), lines.next(i));
    }

    /** Copies lines {@code [from, to)} with their terminators. */
    private void copy(int from, int to) {
        out.write(b, lines.start(from), lines.start(to));
    }

    private void terminator(byte[] fixed, int from, int to) {
        if (fixed != null) {
            out.write(fixed);
        } else {
            out.write(b, from, to);
        }
    }
}
