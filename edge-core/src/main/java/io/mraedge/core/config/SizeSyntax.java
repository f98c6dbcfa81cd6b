package io.mraedge.core.config;

import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The byte-size syntax of config files: plain bytes ({@code 65536}) or an integer with a binary
 * unit, {@code B}, {@code KiB}, {@code MiB} or {@code GiB} ({@code 64KiB}, one space allowed).
 * Decimal units (KB, MB) are refused rather than guessed: HTTP/2 windows are usually powers of
 * two, and "1MB" silently meaning 1,000,000 or 1,048,576 would each surprise someone.
 */
final class SizeSyntax {

    static final String HINT = "write plain bytes or use the binary units B, KiB, MiB or GiB, "
            + "e.g. 65536 or 64KiB (KB, MB and GB are not accepted)";

    private static final Pattern WITH_UNIT = Pattern.compile("(-?\\d{1,19}) ?(B|KiB|MiB|GiB)?");

    private SizeSyntax() {
    }

    /** Parses {@code text} into bytes; a negative or overflowing size is refused. */
    static long parse(String text) throws InvalidValueException {
        Matcher matcher = WITH_UNIT.matcher(text.trim());
        if (!matcher.matches()) {
            throw new InvalidValueException(YamlNode.quote(text) + " is not a size; " + HINT);
        }
        String unit = matcher.group(2) == null ? "B" : matcher.group(2);
        int shift = switch (unit) {
            case "KiB" -> 10;
            case "MiB" -> 20;
            case "GiB" -> 30;
            default -> 0;
        };
        return checked(new BigInteger(matcher.group(1)).shiftLeft(shift), text);
    }

    /** Checks a size YAML already read as an integer (plain bytes). */
    static long checked(BigInteger bytes, String text) throws InvalidValueException {
        if (bytes.signum() < 0) {
            throw new InvalidValueException("must not be negative, got " + YamlNode.quote(text));
        }
        if (bytes.bitLength() > 63) {
            throw new InvalidValueException(YamlNode.quote(text) + " is too large a size");
        }
        return bytes.longValueExact();
    }
}
