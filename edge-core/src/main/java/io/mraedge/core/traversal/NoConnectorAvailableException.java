package io.mraedge.core.traversal;

/**
 * No connector is healthy and out of maintenance, so a new flow cannot reach the inside. Each
 * protocol turns it into its own refusal (HTTP 503, SIP 503, XMPP remote-connection-failed).
 */
public final class NoConnectorAvailableException extends Exception {
    private static final long serialVersionUID = 1L;

    public NoConnectorAvailableException(String message) {
        super(message, null, false, false);
    }
}
