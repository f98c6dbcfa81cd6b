package io.mraedge.core.plugin;

import io.mraedge.core.config.ConfigLoader;
import java.util.List;

/**
 * The one interface through which a protocol module (HTTP, SIP, XMPP, media) joins both roles:
 * it may add configuration sections, outside listeners on the edge, and stream services on the
 * connector. Plugins are found with {@link java.util.ServiceLoader}, so adding a protocol never
 * means editing another one or the core.
 */
public interface ProtocolPlugin {
    /** Short name, e.g. {@code "sip"}. */
    String name();

    /** Registers this protocol's configuration sections; returns the extended loader. */
    default ConfigLoader extendConfig(ConfigLoader loader) {
        return loader;
    }

    /** Listeners to bind on the edge's outside interface. */
    default List<EdgeListener> edgeListeners(EdgeContext edge) throws Exception {
        return List.of();
    }

    /** Stream services to serve on the connector. */
    default List<StreamService> connectorServices(ConnectorContext connector) throws Exception {
        return List.of();
    }

    /** Plugins on the class path, in a stable order (by name). */
    static List<ProtocolPlugin> discover() {
        return java.util.ServiceLoader.load(ProtocolPlugin.class).stream()
                .map(java.util.ServiceLoader.Provider::get)
                .sorted(java.util.Comparator.comparing(ProtocolPlugin::name))
                .toList();
    }
}
