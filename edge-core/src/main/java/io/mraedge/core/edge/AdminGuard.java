package io.mraedge.core.edge;

import io.mraedge.core.config.EdgeConfig;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

/**
 * Refuses to start an admin server on the edge's outside interface. The config loader already
 * refuses the outside address itself and wildcards; this also catches another address of the
 * same network interface, which only the running machine can tell.
 */
public final class AdminGuard {
    private AdminGuard() {
    }

    /** Throws {@link IllegalStateException} naming the interface when admin would be reachable from outside. */
    public static void refuseOutsideInterface(EdgeConfig config) throws SocketException {
        InetAddress outside = config.outsideAddress();
        InetAddress admin = config.admin().listen().getAddress();
        if (outside.isAnyLocalAddress() || outside.isLoopbackAddress()) {
            return; // every interface is "outside" only for listeners; loopback is a lab
        }
        NetworkInterface nic = NetworkInterface.getByInetAddress(outside);
        if (nic == null) {
            return;
        }
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
            if (a.equals(admin)) {
                throw new IllegalStateException("admin.listen " + admin.getHostAddress() + " is on the outside interface "
                        + nic.getName() + " (outside-address " + outside.getHostAddress()
                        + "); bind admin to loopback or the inside interface");
            }
        }
    }
}
