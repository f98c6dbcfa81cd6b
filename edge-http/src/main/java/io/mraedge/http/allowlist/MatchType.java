package io.mraedge.http.allowlist;

import java.util.Locale;
import java.util.Optional;

/**
 * How an allow-list rule's path is compared with a request's path (MRA guide X14.0.2, "HTTP
 * allow list"): {@link #EXACT} equal, {@link #PREFIX} starts with. Both compare the path as it
 * was sent (still percent-encoded, already checked by the URL grammar), case-sensitively and
 * without the query.
 */
public enum MatchType {
    EXACT,
    PREFIX;

    /** {@code exact} / {@code prefix}, as in config files, status and CSV (any case). */
    public static Optional<MatchType> parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "exact" -> Optional.of(EXACT);
            case "prefix" -> Optional.of(PREFIX);
            default -> Optional.empty();
        };
    }

    /** The lower-case name used in config files and in the status stream. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean matches(String rulePath, String requestPath) {
        return this == EXACT ? requestPath.equals(rulePath) : requestPath.startsWith(rulePath);
    }
}
