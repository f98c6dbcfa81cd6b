package io.mraedge.media.relay;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * A UDP media forwarder under test: started once per run (in its own processes, so that its CPU
 * time can be read), then asked to open and close batches of sessions between the driver's
 * endpoints. Side A is the "client" (outside) endpoint, side B the "inside" endpoint.
 */
interface MediaTarget extends AutoCloseable {

    /** How one session is wired: where each side sends, and the probe token when side B must speak the MRA traversal probe. */
    record Wiring(InetSocketAddress aSendsTo, InetSocketAddress bSendsTo, byte[] probeToken) {
    }

    String name();

    /** Whether side B needs a socket of its own per session (the probe-latched traversal leg of the edge). */
    default boolean perSessionB() {
        return false;
    }

    /** Starts the target's processes; returns once they forward. */
    void start() throws Exception;

    /** The addresses the target's sockets bind, for their kernel drop counters ({@code /proc/net/udp}). */
    List<String> ips();

    /** The processes whose CPU time is the target's. */
    List<Long> pids();

    /** Opens one session per index between {@code a.get(i)} and {@code b.get(i)}. */
    List<Wiring> open(List<InetSocketAddress> a, List<InetSocketAddress> b) throws Exception;

    /** Closes every session {@link #open} made. */
    void closeSessions() throws Exception;

    /** Stops the processes (by PID); idempotent. */
    @Override
    void close();
}
