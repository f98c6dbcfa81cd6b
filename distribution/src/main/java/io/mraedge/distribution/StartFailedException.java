package io.mraedge.distribution;

/**
 * A node could not start. The message is the one line the operator reads (it names the port,
 * file or key involved); the cause, if any, goes to the log.
 */
final class StartFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    StartFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
