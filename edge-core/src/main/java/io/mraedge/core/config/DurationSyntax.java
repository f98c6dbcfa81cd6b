package io.mraedge.core.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration syntax of config files: an integer and a unit ({@code 500ms}, {@code 5s},
 * {@code 10m}, {@code 8h}, {@code 1d}, one space allowed before the unit), or ISO-8601
 * ({@code PT5S}). A bare number is refused on purpose: "60" could mean seconds or milliseconds,
 * and guessing wrong by a factor of 1000 is the kind of mistake that only shows in production.
 */
final class DurationSyntax {

    static final String HINT = "write e.g. 500ms, 5s, 10m, 8h or PT5S";

    private static final Pattern SHORT = Pattern.compile("(-?)(\\d{1,18}) ?(ms|s|m|h|d)");

    private DurationSyntax() {
    }

    /** Parses {@code text}; a negative duration is refused. */
    static Duration parse(String text) throws InvalidValueException {
        String trimmed = text.trim();
        Duration duration = shortForm(trimmed);
        if (duration == null) {
            duration = isoForm(trimmed);
        }
        if (duration == null) {
            throw new InvalidValueException(YamlNode.quote(text) + " is not a duration; " + HINT);
        }
        if (duration.isNegative()) {
            throw new InvalidValueException("must not be negative, got " + YamlNode.quote(text));
        }
        return duration;
    }

    /** Formats a duration the way an operator would write it in the file, for messages. */
    static String format(Duration duration) {
        if (duration.getNano() % 1_000_000 != 0) {
            return duration.toString();
        }
        long millis = duration.toMillis();
        if (millis == 0) {
            return "0s";
        }
        if (millis % 86_400_000L == 0) {
            return millis / 86_400_000L + "d";
        }
        if (millis % 3_600_000L == 0) {
            return millis / 3_600_000L + "h";
        }
        if (millis % 60_000L == 0) {
            return millis / 60_000L + "m";
        }
        return millis % 1000L == 0 ? millis / 1000L + "s" : millis + "ms";
    }

    private static Duration shortForm(String text) throws InvalidValueException {
        Matcher matcher = SHORT.matcher(text);
        if (!matcher.matches()) {
            return null;
        }
        ChronoUnit unit = switch (matcher.group(3)) {
            case "ms" -> ChronoUnit.MILLIS;
            case "s" -> ChronoUnit.SECONDS;
            case "m" -> ChronoUnit.MINUTES;
            case "h" -> ChronoUnit.HOURS;
            default -> ChronoUnit.DAYS;
        };
        try {
            Duration duration = Duration.of(Long.parseLong(matcher.group(2)), unit);
            return matcher.group(1).isEmpty() ? duration : duration.negated();
        } catch (ArithmeticException e) {
            throw new InvalidValueException(YamlNode.quote(text) + " is too long a duration");
        }
    }

    private static Duration isoForm(String text) {
        String upper = text.toUpperCase(Locale.ROOT);
        if (!(upper.startsWith("P") || upper.startsWith("-P"))) {
            return null;
        }
        try {
            return Duration.parse(upper);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
