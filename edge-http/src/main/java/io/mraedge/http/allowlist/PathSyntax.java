package io.mraedge.http.allowlist;

import java.util.Optional;

/**
 * The strict form of a path (and query) forwarded to an inside server. The path is kept as the
 * client sent it, percent-encoding included, and is accepted only when no server behind the
 * edge could read it as something else than the allow list saw:
 * <ul>
 *   <li>only RFC 3986 §3.3 {@code pchar}s and {@code /}; no backslash, space, control character
 *       or non-ASCII byte;
 *   <li>no empty segment ({@code //}) and no dot segment ({@code .}, {@code ..}), RFC 3986 §5.2.4;
 *   <li>percent-encoding well formed, and never of {@code /}, {@code \}, a control character,
 *       an unreserved character (so no {@code %2e} dot and no second spelling of a plain
 *       character), nor {@code %25} followed by two hex digits (double encoding);
 *   <li>segments of at most a configured length.
 * </ul>
 * The query may hold {@code /} and {@code ?} (RFC 3986 §3.4) and percent-encoded characters,
 * but no control character, encoded or not.
 */
public final class PathSyntax {
    private static final String SUB_DELIMS = "!$&'()*+,;=";

    private PathSyntax() {
    }

    /**
     * Why {@code path} is not acceptable, or empty when it is. {@code path} excludes the query
     * and must start with {@code /}.
     */
    public static Optional<String> checkPath(String path, int maxSegmentLength) {
        if (path.isEmpty() || path.charAt(0) != '/') {
            return Optional.of("the path does not start with /");
        }
        int segmentStart = 1;
        for (int i = 1; i <= path.length(); i++) {
            if (i == path.length() || path.charAt(i) == '/') {
                Optional<String> problem = checkSegment(path, segmentStart, i, i == path.length(), maxSegmentLength);
                if (problem.isPresent()) {
                    return problem;
                }
                segmentStart = i + 1;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> checkSegment(String path, int from, int to, boolean last, int maxLength) {
        int length = to - from;
        if (length == 0) {
            // "/a/" ends in an empty segment, which is a directory and fine; "//" anywhere is not.
            return last ? Optional.empty() : Optional.of("the path has an empty segment (//)");
        }
        if (length > maxLength) {
            return Optional.of("a path segment is longer than " + maxLength + " characters");
        }
        String segment = path.substring(from, to);
        if (segment.equals(".") || segment.equals("..")) {
            return Optional.of("the path has a dot segment");
        }
        for (int i = from; i < to; i++) {
            char c = path.charAt(i);
            if (c == '%') {
                Optional<String> problem = checkEscape(path, i, to, true);
                if (problem.isPresent()) {
                    return problem;
                }
                i += 2;
            } else if (!isPchar(c)) {
                return Optional.of("the path has a character that must not appear there: " + describe(c));
            }
        }
        return Optional.empty();
    }

    /** Why {@code query} (without the {@code ?}) is not acceptable, or empty when it is. */
    public static Optional<String> checkQuery(String query) {
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '%') {
                Optional<String> problem = checkEscape(query, i, query.length(), false);
                if (problem.isPresent()) {
                    return problem;
                }
                i += 2;
            } else if (!isPchar(c) && c != '/' && c != '?') {
                return Optional.of("the query has a character that must not appear there: " + describe(c));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> checkEscape(String s, int at, int end, boolean inPath) {
        if (at + 2 >= end) {
            return Optional.of("a percent-encoding is cut short");
        }
        int hi = Character.digit(s.charAt(at + 1), 16);
        int lo = Character.digit(s.charAt(at + 2), 16);
        if (hi < 0 || lo < 0) {
            return Optional.of("a percent-encoding is not two hex digits");
        }
        int value = hi * 16 + lo;
        if (value < 0x20 || value == 0x7f) {
            return Optional.of("an encoded control character (%" + s.substring(at + 1, at + 3) + ")");
        }
        if (!inPath) {
            return Optional.empty();
        }
        if (value == '/' || value == '\\') {
            return Optional.of("an encoded slash or backslash (%" + s.substring(at + 1, at + 3) + ")");
        }
        if (isUnreserved((char) value)) {
            return Optional.of("an encoded unreserved character (%" + s.substring(at + 1, at + 3) + "), e.g. a dot");
        }
        if (value == '%' && at + 4 < end && Character.digit(s.charAt(at + 3), 16) >= 0
                && Character.digit(s.charAt(at + 4), 16) >= 0) {
            return Optional.of("double percent-encoding (%25 followed by hex digits)");
        }
        return Optional.empty();
    }

    /** RFC 3986 §3.3: pchar = unreserved / pct-encoded / sub-delims / ":" / "@" (pct handled apart). */
    private static boolean isPchar(char c) {
        return isUnreserved(c) || SUB_DELIMS.indexOf(c) >= 0 || c == ':' || c == '@';
    }

    /** RFC 3986 §2.3: ALPHA / DIGIT / "-" / "." / "_" / "~". */
    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static String describe(char c) {
        return c < 0x21 || c > 0x7e ? String.format("U+%04X", (int) c) : "'" + c + "'";
    }
}
