package io.mraedge.core.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the parts both roles' files share: the name, {@code tls}, {@code shutdown}, the liveness
 * and flow-control keys under {@code traversal}, and registered protocol sections. Keys and
 * defaults are documented on the records they fill.
 */
final class CommonConfigParser {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private CommonConfigParser() {
    }

    /** The required {@code name} key. */
    static String name(ConfigReader root) {
        String name = root.string("name");
        if (name != null && !NAME.matcher(name).matches()) {
            root.problem("name", YamlNode.quote(name)
                    + " is not a valid name; use 1 to 64 letters, digits, '.', '_' or '-'");
            return null;
        }
        return name;
    }

    static TlsConfig tls(ConfigReader root) {
        ConfigReader tls = root.child("tls");
        var certificate = tls.file("certificate");
        var privateKey = tls.file("private-key");
        return tls.finish(() -> new TlsConfig(certificate, privateKey));
    }

    /**
     * The admin section. Admin must not be reachable from the internet: a wildcard address is
     * refused, and so is the edge's outside address ({@code outsideAddress}; null on the
     * connector), unless that is loopback (a lab on one machine).
     */
    static AdminConfig admin(ConfigReader admin, InetSocketAddress defaultListen,
                             InetAddress outsideAddress) {
        InetSocketAddress listen = admin.socketAddress("listen", defaultListen);
        Optional<Path> tokenFile = admin.has("token-file")
                ? Optional.ofNullable(admin.file("token-file")) : Optional.empty();
        if (listen != null && listen.getAddress().isAnyLocalAddress()) {
            admin.problem("listen", "must not listen on every interface (" + listen.getAddress().getHostAddress()
                    + "); bind it to loopback or the inside address");
        } else if (listen != null && outsideAddress != null && listen.getAddress().equals(outsideAddress)
                && !outsideAddress.isLoopbackAddress()) {
            admin.problem("listen", "must not listen on the outside address " + outsideAddress.getHostAddress()
                    + "; bind it to loopback or the inside address");
        }
        return admin.finish(() -> new AdminConfig(listen, tokenFile));
    }

    static ShutdownConfig shutdown(ConfigReader root) {
        ConfigReader shutdown = root.child("shutdown");
        Duration drainTimeout = shutdown.duration("drain-timeout", ShutdownConfig.DEFAULT_DRAIN_TIMEOUT);
        return shutdown.finish(() -> new ShutdownConfig(drainTimeout));
    }

    /** The liveness keys, which sit flat in {@code traversal} beside the role's own keys. */
    static LivenessConfig liveness(ConfigReader traversal) {
        Duration pingInterval = traversal.positiveDuration("ping-interval", LivenessConfig.DEFAULT_PING_INTERVAL);
        int pingMisses = traversal.integer("ping-misses", LivenessConfig.DEFAULT_PING_MISSES,
                LivenessConfig.MIN_PING_MISSES, LivenessConfig.MAX_PING_MISSES);
        Duration tcpUserTimeout = traversal.duration("tcp-user-timeout", LivenessConfig.DEFAULT_TCP_USER_TIMEOUT);
        if (tcpUserTimeout.compareTo(LivenessConfig.MAX_TCP_USER_TIMEOUT) > 0) {
            traversal.problem("tcp-user-timeout", "must be at most "
                    + LivenessConfig.MAX_TCP_USER_TIMEOUT.toMillis() + "ms, got "
                    + DurationSyntax.format(tcpUserTimeout));
            tcpUserTimeout = LivenessConfig.DEFAULT_TCP_USER_TIMEOUT;
        }
        return new LivenessConfig(pingInterval, pingMisses, tcpUserTimeout);
    }

    /** The flow-control keys, which sit flat in {@code traversal} beside the role's own keys. */
    static FlowControlConfig flowControl(ConfigReader traversal) {
        int streamWindow = (int) traversal.size("stream-window", FlowControlConfig.DEFAULT_STREAM_WINDOW,
                FlowControlConfig.MIN_STREAM_WINDOW, FlowControlConfig.MAX_STREAM_WINDOW);
        int connectionWindow = (int) traversal.size("connection-window", FlowControlConfig.DEFAULT_CONNECTION_WINDOW,
                FlowControlConfig.MIN_STREAM_WINDOW, FlowControlConfig.MAX_CONNECTION_WINDOW);
        if (connectionWindow < streamWindow) {
            // One stream must be able to use its whole window, or the stream window is a lie.
            traversal.problem("connection-window", "must be at least stream-window (" + streamWindow
                    + " bytes), got " + connectionWindow);
            connectionWindow = streamWindow;
        }
        int maxConcurrentStreams = traversal.integer("max-concurrent-streams",
                FlowControlConfig.DEFAULT_MAX_CONCURRENT_STREAMS, 1, FlowControlConfig.MAX_MAX_CONCURRENT_STREAMS);
        return new FlowControlConfig(streamWindow, connectionWindow, maxConcurrentStreams);
    }

    /** Parses each registered section the file has, in registration order. */
    static Map<String, Object> sections(ConfigReader root, Map<String, SectionParser<?>> parsers) {
        Map<String, Object> sections = new LinkedHashMap<>();
        parsers.forEach((key, parser) -> root.optionalChild(key).ifPresent(section -> {
            Object value = parser.parse(section);
            section.finish();
            if (value != null) {
                sections.put(key, value);
            }
        }));
        return sections;
    }
}
