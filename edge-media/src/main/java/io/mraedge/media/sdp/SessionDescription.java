package io.mraedge.media.sdp;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed SDP body (RFC 8866) that keeps its raw lines, so that {@link #rewrite} changes only
 * what an {@link SdpEdit} names and copies every other byte. Immutable and safe to share; it
 * holds the caller's array, which the caller must not change afterwards.
 *
 * <p>Line terminators may be CRLF or LF, mixed; each line keeps its own (RFC 8866 §5 asks for
 * CRLF and advises parsers to accept LF).
 */
public final class SessionDescription {

    private final SdpLines lines;
    private final ConnectionData connection;
    private final List<MediaDescription> media;

    SessionDescription(SdpLines lines, ConnectionData connection, List<MediaDescription> media) {
        this.lines = lines;
        this.connection = connection;
        this.media = media;
    }

    /**
     * Parses {@code body} within {@code limits}.
     *
     * @throws SdpException when the body is over a limit or malformed; never another exception
     *                      for any content of {@code body}
     */
    public static SessionDescription parse(byte[] body, SdpLimits limits) throws SdpException {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(limits, "limits");
        return SdpReader.read(body, limits);
    }

    /** The session-level {@code c=} (RFC 8866 §5.7). */
    public Optional<ConnectionData> connection() {
        return Optional.ofNullable(connection);
    }

    /** The media descriptions in body order; {@link MediaDescription#index()} is the position. */
    public List<MediaDescription> media() {
        return media;
    }

    /** The number of lines of the body. */
    public int lineCount() {
        return lines.count;
    }

    /**
     * A new body with {@code edit} applied, built in one pass. Lines the edit does not touch
     * come out byte for byte, in order, with their own terminators; an empty edit returns a
     * copy of the body.
     *
     * @throws IllegalArgumentException when the edit names an m-line index the body lacks
     */
    public byte[] rewrite(SdpEdit edit) {
        Objects.requireNonNull(edit, "edit");
        return SdpRewriter.rewrite(lines, media, edit);
    }
}
