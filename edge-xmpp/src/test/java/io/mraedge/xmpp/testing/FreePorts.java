package io.mraedge.xmpp.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free TCP ports for peers that cannot bind port 0 themselves (Prosody, tsung targets). */
public final class FreePorts {
    private FreePorts() {
    }

    /** A port free on {@code address} now (the kernel's pick, outside the usual service ports). */
    public static int find(String address) {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(address))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
