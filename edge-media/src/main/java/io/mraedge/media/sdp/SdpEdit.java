package io.mraedge.media.sdp;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@link SessionDescription#rewrite} changes: the relay's address for every {@code c=},
 * the relay's ports for the anchored m-lines, what happens to their ICE candidates, and
 * attributes to add or remove. Immutable; the text it writes is encoded once, here, so that a
 * rewrite only copies bytes. An edit with nothing set changes nothing.
 *
 * <p>Rejected m-lines (port 0) are never touched, whatever the edit says about them.
 */
public final class SdpEdit {

    private final ConnectionData connection;
    /** {@code c=IN IP4 <addr>}, without terminator; null when the address is not set. */
    private final byte[] connectionLine;
    /** {@code IN IP4 <addr>} for {@code a=rtcp}. */
    private final byte[] connectionAddress;
    private final byte[] rtpCandidatePrefix;
    private final byte[] rtcpCandidatePrefix;
    private final CandidatePolicy candidates;
    private final MediaEdit[] media;
    private final byte[][][] added;
    private final byte[][] removed;

    private SdpEdit(Builder builder) {
        this.connection = builder.connection;
        this.candidates = builder.candidates;
        if (connection != null) {
            String address = "IN " + connection.addrType() + " " + connection.address();
            this.connectionAddress = ascii(address);
            this.connectionLine = ascii("c=" + address);
            // RFC 8839 §5.1 and §5.1.2.1: host type preference 126, local preference 65535,
            // priority = 2^24 * 126 + 2^8 * 65535 + (256 - component id).
            this.rtpCandidatePrefix = ascii("a=candidate:1 1 UDP 2130706431 " + connection.address() + " ");
            this.rtcpCandidatePrefix = ascii("a=candidate:1 2 UDP 2130706430 " + connection.address() + " ");
        } else {
            this.connectionAddress = null;
            this.connectionLine = null;
            this.rtpCandidatePrefix = null;
            this.rtcpCandidatePrefix = null;
        }
        int size = 0;
        for (int i = 0; i < builder.media.size(); i++) {
            size = builder.media.get(i) != null ? i + 1 : size;
        }
        this.media = builder.media.subList(0, size).toArray(new MediaEdit[0]);
        size = 0;
        for (int i = 0; i < builder.added.size(); i++) {
            size = builder.added.get(i) != null ? i + 1 : size;
        }
        this.added = new byte[size][][];
        for (int i = 0; i < size; i++) {
            List<byte[]> lines = builder.added.get(i);
            this.added[i] = lines == null ? null : lines.toArray(new byte[0][]);
        }
        this.removed = builder.removed.toArray(new byte[0][]);
    }

    /** A new, empty builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The address every {@code c=} line gets, when set. */
    public Optional<ConnectionData> connection() {
        return Optional.ofNullable(connection);
    }

    /** The candidate policy for anchored m-lines; empty leaves candidates as they are. */
    public Optional<CandidatePolicy> candidates() {
        return Optional.ofNullable(candidates);
    }

    /** The highest m-line index this edit names, or -1. */
    int highestIndex() {
        return Math.max(media.length, added.length) - 1;
    }

    /** The anchoring of m-line {@code index}, or null when it keeps its port. */
    MediaEdit media(int index) {
        return index < media.length ? media[index] : null;
    }

    /** {@code a=<line>} lines to append to m-line {@code index}, without terminators; may be null. */
    byte[][] added(int index) {
        return index < added.length ? added[index] : null;
    }

    CandidatePolicy candidatePolicy() {
        return candidates;
    }

    byte[] connectionLine() {
        return connectionLine;
    }

    byte[] connectionAddress() {
        return connectionAddress;
    }

    byte[] rtpCandidatePrefix() {
        return rtpCandidatePrefix;
    }

    byte[] rtcpCandidatePrefix() {
        return rtcpCandidatePrefix;
    }

    /** Whether {@code a=} line {@code line} names an attribute this edit removes. */
    boolean removes(SdpLines lines, int line) {
        for (byte[] name : removed) {
            if (lines.attributeNamed(line, name)) {
                return true;
            }
        }
        return false;
    }

    /** The port and optional RTCP port (-1 for none) an anchored m-line gets. */
    record MediaEdit(int port, int rtcpPort) {
    }

    /**
     * Builds an {@link SdpEdit}. Every setter checks its argument; {@link #build()} refuses
     * {@link CandidatePolicy#REWRITE} without {@link #connection}, which the new candidates
     * need.
     */
    public static final class Builder {
        private ConnectionData connection;
        private CandidatePolicy candidates;
        private final List<MediaEdit> media = new ArrayList<>();
        private final List<List<byte[]>> added = new ArrayList<>();
        private final List<byte[]> removed = new ArrayList<>();

        private Builder() {
        }

        /** The address for every {@code c=} line, session and media level; IP4/IP6 follows the address. */
        public Builder connection(InetAddress address) {
            Objects.requireNonNull(address, "address");
            this.connection = ConnectionData.of(address);
            return this;
        }

        /**
         * Anchors m-line {@code index} (from 0): its {@code m=} port becomes {@code port}; with
         * {@code rtcpPort} its {@code a=rtcp} is replaced (or written, when it had none) with
         * that port, and without it any {@code a=rtcp} is removed (rtcp-mux, RFC 5761 §5.1.3).
         * Port 0 rejects the stream (RFC 3264 §6): its candidates are then dropped whatever the
         * candidate policy.
         */
        public Builder media(int index, int port, OptionalInt rtcpPort) {
            checkIndex(index);
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range 0..65535: " + port);
            }
            Objects.requireNonNull(rtcpPort, "rtcpPort");
            if (rtcpPort.isPresent()) {
                checkPort("rtcpPort", rtcpPort.getAsInt());
            }
            while (media.size() <= index) {
                media.add(null);
            }
            if (media.get(index) != null) {
                throw new IllegalStateException("media(" + index + ", ...) is already set");
            }
            media.set(index, new MediaEdit(port, rtcpPort.orElse(-1)));
            return this;
        }

        /** What anchored m-lines do with their ICE candidates; unset leaves them as they are. */
        public Builder candidates(CandidatePolicy policy) {
            this.candidates = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * Appends {@code a=<line>} at the end of m-line {@code index}'s section, e.g.
         * {@code "x-mra-relay:0123..."}; several are appended in the order given.
         */
        public Builder addAttribute(int index, String line) {
            checkIndex(index);
            Objects.requireNonNull(line, "line");
            if (line.isEmpty() || line.startsWith("a=")) {
                throw new IllegalArgumentException("attribute must be <name>[:<value>] without 'a=': '" + line + "'");
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c < 0x20 && c != '\t' || c == 0x7f) {
                    throw new IllegalArgumentException("attribute contains a control character: '" + line + "'");
                }
            }
            while (added.size() <= index) {
                added.add(null);
            }
            if (added.get(index) == null) {
                added.set(index, new ArrayList<>(2));
            }
            added.get(index).add(("a=" + line).getBytes(StandardCharsets.UTF_8));
            return this;
        }

        /** Removes every {@code a=<name>} line, session and media level, e.g. {@code "x-mra-relay"}. */
        public Builder removeAttribute(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isEmpty() || name.chars().anyMatch(c -> c <= 0x20 || c >= 0x7f || c == ':')) {
                throw new IllegalArgumentException("attribute name must be a token: '" + name + "'");
            }
            byte[] bytes = ascii(name);
            if (removed.stream().noneMatch(r -> Arrays.equals(r, bytes))) {
                removed.add(bytes);
            }
            return this;
        }

        /** The immutable edit. */
        public SdpEdit build() {
            if (candidates == CandidatePolicy.REWRITE && connection == null) {
                throw new IllegalStateException("candidates(REWRITE) needs connection(address) for the new candidates");
            }
            return new SdpEdit(this);
        }

        private static void checkIndex(int index) {
            if (index < 0 || index >= SdpLimits.MAX_MAX_MEDIA) {
                throw new IllegalArgumentException("m-line index out of range 0.." + (SdpLimits.MAX_MAX_MEDIA - 1)
                        + ": " + index);
            }
        }

        private static void checkPort(String what, int port) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(what + " out of range 1..65535: " + port);
            }
        }
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
