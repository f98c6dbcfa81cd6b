package io.mraedge.distribution;

import io.mraedge.core.config.ConfigLoader;
import io.mraedge.core.plugin.ProtocolPlugin;
import java.util.List;

/**
 * The protocol plugins on the class path ({@code lib/}), and the config loader that knows their
 * sections. Every command reads config through {@link #configLoader()}, so {@code check-config}
 * accepts exactly what {@code edge} and {@code connector} accept.
 *
 * @param plugins the plugins, in {@link ProtocolPlugin#discover()} order (by name)
 */
record InstalledPlugins(List<ProtocolPlugin> plugins) {

    InstalledPlugins {
        plugins = List.copyOf(plugins);
    }

    /** The plugins {@link java.util.ServiceLoader} finds. */
    static InstalledPlugins discover() {
        return new InstalledPlugins(ProtocolPlugin.discover());
    }

    /** The core loader extended by every plugin's {@link ProtocolPlugin#extendConfig}. */
    ConfigLoader configLoader() {
        ConfigLoader loader = ConfigLoader.standard();
        for (ProtocolPlugin plugin : plugins) {
            loader = plugin.extendConfig(loader);
        }
        return loader;
    }

    /** Plugin names for the start-up log line, e.g. {@code [http, sip]}, or {@code none}. */
    String describe() {
        return plugins.isEmpty() ? "none" : plugins.stream().map(ProtocolPlugin::name).toList().toString();
    }
}
