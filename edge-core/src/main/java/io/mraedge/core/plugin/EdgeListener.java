package io.mraedge.core.plugin;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * An outside listener a protocol adds to the edge, such as SIP/TLS on 5061. The edge binds it
 * on its transport and runs {@code childInitializer} for every accepted connection. Shared
 * policy (bans, rate limits, maintenance) is applied by the edge in front of it, so a protocol
 * module only builds its own pipeline.
 *
 * @param name short name used in logs, status and metrics, e.g. {@code "sip-tls"}
 * @param bind address and port; port 0 picks a free one (tests)
 * @param childInitializer builds the pipeline of an accepted connection
 */
public record EdgeListener(String name, InetSocketAddress bind, ChannelInitializer<Channel> childInitializer) {
    public EdgeListener {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(childInitializer, "childInitializer");
    }
}
