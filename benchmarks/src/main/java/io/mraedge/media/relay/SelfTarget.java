package io.mraedge.media.relay;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** No forwarder at all: side A sends straight to side B and back. Measures the driver against itself. */
final class SelfTarget implements MediaTarget {
    @Override
    public String name() {
        return "self";
    }

    @Override
    public void start() {
    }

    @Override
    public List<String> ips() {
        return List.of();
    }

    @Override
    public List<Long> pids() {
        return List.of();
    }

    @Override
    public List<Wiring> open(List<InetSocketAddress> a, List<InetSocketAddress> b) {
        List<Wiring> w = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            w.add(new Wiring(b.get(i), a.get(i), null));
        }
        return w;
    }

    @Override
    public void closeSessions() {
    }

    @Override
    public void close() {
    }
}
