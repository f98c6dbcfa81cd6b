package io.mraedge.core.maintenance;

/**
 * Where a service (one listener of a protocol) stands: {@code ACTIVE} takes new flows;
 * {@code DRAINING} refuses new flows in its protocol's way while existing ones finish;
 * {@code STOPPED} has no flows left and its listener is closed.
 */
public enum ServiceState { ACTIVE, DRAINING, STOPPED }
