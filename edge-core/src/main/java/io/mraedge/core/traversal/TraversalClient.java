package io.mraedge.core.traversal;

import io.mraedge.core.config.ConnectorConfig;
import io.mraedge.core.config.EdgeTarget;
import io.mraedge.core.maintenance.MaintainedService;
import io.mraedge.core.net.NetTransport;
import io.mraedge.core.plugin.StreamService;
import io.mraedge.core.tls.ReloadableSslContext;
import io.netty.channel.ChannelFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The connector's side of traversal: {@code connections-per-edge} links to every configured
 * edge (a mesh, as in the product), all serving the same stream services, including the
 * status stream.
 */
public final class TraversalClient implements AutoCloseable {
    private final List<TraversalLink> links = new ArrayList<>();
    private final Duration drainTimeout;

    public TraversalClient(ConnectorConfig config, NetTransport transport, ReloadableSslContext tls,
                           ConnectorStatus status, List<StreamService> services, TraversalStats stats,
                           MaintainedService flows) {
        List<StreamService> all = new ArrayList<>(services);
        all.add(new StatusPublisher(status, config.traversal().statusInterval()));
        StreamDispatcher dispatcher = new StreamDispatcher(all, status, stats, flows);
        this.drainTimeout = config.shutdown().drainTimeout();
        for (EdgeTarget edge : config.traversal().edges()) {
            for (int i = 0; i < config.traversal().connectionsPerEdge(); i++) {
                links.add(new TraversalLink(config.name(), edge, i, config.traversal(), transport, tls, dispatcher,
                        drainTimeout, stats));
            }
        }
    }

    public void start() {
        links.forEach(TraversalLink::start);
    }

    public List<TraversalLink> links() {
        return List.copyOf(links);
    }

    /** Links currently UP. */
    public long upCount() {
        return links.stream().filter(l -> l.state() == TraversalLink.State.UP).count();
    }

    /** GOAWAY on every link and no redial until {@link #resume()}; does not wait. */
    public void pause() {
        links.forEach(TraversalLink::stop);
    }

    /** Dials every link again after {@link #pause()}. */
    public void resume() {
        links.forEach(TraversalLink::resume);
    }

    /** GOAWAY on every link; waits for running streams up to the drain timeout. */
    @Override
    public void close() {
        List<ChannelFuture> closing = new ArrayList<>();
        for (TraversalLink link : links) {
            ChannelFuture f = link.stop();
            if (f != null) {
                closing.add(f);
            }
        }
        long deadline = System.nanoTime() + drainTimeout.toNanos() + TimeUnit.SECONDS.toNanos(1);
        for (ChannelFuture f : closing) {
            f.channel().closeFuture().awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }
}
