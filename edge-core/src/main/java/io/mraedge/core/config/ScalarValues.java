package io.mraedge.core.config;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Turns one YAML scalar into the typed value a {@link ConfigReader} getter promises, or explains
 * in an {@link InvalidValueException} why it cannot. The reader adds the key path and line.
 */
final class ScalarValues {

    static final String BOOLEAN = "a boolean (true or false)";

    private ScalarValues() {
    }

    /** Any scalar as its trimmed text ({@code 123} is "123"); blank is refused. */
    static String text(YamlNode.Scalar scalar) throws InvalidValueException {
        if (scalar.text().isBlank()) {
            throw new InvalidValueException("must not be empty");
        }
        return scalar.text().trim();
    }

    /** {@code true} or {@code false}, as YAML resolved it (so also YAML 1.1's {@code yes}/{@code no}). */
    static boolean bool(YamlNode.Scalar scalar) throws InvalidValueException {
        return switch (scalar.kind()) {
            case TRUE -> true;
            case FALSE -> false;
            default -> throw expected(BOOLEAN, scalar);
        };
    }

    static int integer(YamlNode.Scalar scalar, int min, int max) throws InvalidValueException {
        BigInteger value;
        if (scalar.kind() == YamlNode.Scalar.Kind.INTEGER) {
            value = scalar.integer();
        } else if (scalar.kind() == YamlNode.Scalar.Kind.STRING && scalar.text().trim().matches("[-+]?\\d{1,30}")) {
            // A quoted "3" is still plainly meant as 3.
            value = new BigInteger(scalar.text().trim());
        } else {
            throw expected("an integer", scalar);
        }
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new InvalidValueException("must be between " + min + " and " + max + ", got " + value);
        }
        return value.intValueExact();
    }

    static Duration duration(YamlNode.Scalar scalar, boolean positive) throws InvalidValueException {
        Duration value = DurationSyntax.parse(scalar.text());
        if (positive && value.isZero()) {
            throw new InvalidValueException("must be greater than 0, got " + scalar.describe());
        }
        return value;
    }

    static long size(YamlNode.Scalar scalar, long min, long max) throws InvalidValueException {
        long bytes = scalar.kind() == YamlNode.Scalar.Kind.INTEGER
                ? SizeSyntax.checked(scalar.integer(), scalar.text())
                : SizeSyntax.parse(scalar.text());
        if (bytes < min || bytes > max) {
            throw new InvalidValueException("must be between " + min + " and " + max + " bytes, got " + bytes);
        }
        return bytes;
    }

    /** A readable regular file; relative paths resolve against {@code baseDirectory}. */
    static Path file(YamlNode.Scalar scalar, Path baseDirectory) throws InvalidValueException {
        Path file;
        try {
            file = baseDirectory.resolve(text(scalar)).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new InvalidValueException(scalar.describe() + " is not a valid path: " + e.getReason());
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidValueException("file " + file + " does not exist or is not readable");
        }
        return file;
    }

    /** {@code host:port} or {@code [v6]:port}, port 0-65535; a host name is resolved now. */
    static InetSocketAddress socketAddress(YamlNode.Scalar scalar) throws InvalidValueException {
        HostPort hostPort = HostPort.parse(scalar.text(), HostPort.NO_DEFAULT_PORT, 0);
        Optional<InetAddress> literal = HostSyntax.ipLiteral(hostPort.host());
        try {
            InetAddress address = literal.isPresent() ? literal.get() : InetAddress.getByName(hostPort.host());
            return new InetSocketAddress(address, hostPort.port());
        } catch (UnknownHostException e) {
            throw new InvalidValueException("cannot resolve host " + YamlNode.quote(hostPort.host()));
        }
    }

    static InetAddress inetAddress(YamlNode.Scalar scalar) throws InvalidValueException {
        return HostSyntax.ipLiteral(scalar.text().trim())
                .orElseThrow(() -> new InvalidValueException(scalar.describe() + " is not an IP address"));
    }

    static InvalidValueException expected(String what, YamlNode got) {
        return new InvalidValueException("expected " + what + ", got " + got.describe());
    }
}
