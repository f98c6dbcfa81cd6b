package io.mraedge.media.ports;

/**
 * No port (or no even/odd pair) of a {@link PortRange} is free. The SIP layer turns it into a
 * refusal of the call's media (488/503); the relay counts it in {@code mra.media.ports.exhausted}.
 */
public final class PortsExhaustedException extends Exception {
    private static final long serialVersionUID = 1L;

    public PortsExhaustedException(String message) {
        super(message);
    }
}
