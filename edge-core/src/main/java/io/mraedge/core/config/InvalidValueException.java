package io.mraedge.core.config;

/**
 * Thrown by the value syntaxes ({@link DurationSyntax}, {@link SizeSyntax}, {@link HostPort}) with
 * the operator-facing message; {@link ConfigReader} turns it into a {@link ConfigProblem} at the
 * value's key and line. It never leaves this package and carries no stack trace: it is an answer,
 * not a fault.
 */
final class InvalidValueException extends Exception {

    private static final long serialVersionUID = 1L;

    InvalidValueException(String message) {
        super(message, null, false, false);
    }
}
