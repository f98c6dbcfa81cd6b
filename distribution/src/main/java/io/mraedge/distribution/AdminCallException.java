package io.mraedge.distribution;

/**
 * An admin command that cannot do its job, with the one line the operator reads on stderr and
 * the exit status: the admin URL unreachable, a token missing or refused, a token file that
 * cannot be read, an answer the command cannot use. {@link AdminClientOptions#run} prints it.
 */
final class AdminCallException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int exitStatus;

    /**
     * @param exitStatus {@link Main#RUNTIME_FAILURE} or {@link Main#BAD_CONFIG}
     * @param message    one line, no stack trace needed to understand it
     */
    AdminCallException(int exitStatus, String message) {
        super(message);
        this.exitStatus = exitStatus;
    }

    /** A run-time failure (exit status 1). */
    static AdminCallException failed(String message) {
        return new AdminCallException(Main.RUNTIME_FAILURE, message);
    }

    int exitStatus() {
        return exitStatus;
    }
}
