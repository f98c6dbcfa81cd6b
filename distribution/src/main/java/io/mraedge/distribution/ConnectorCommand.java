package io.mraedge.distribution;

import io.mraedge.core.config.ConfigException;
import io.mraedge.core.config.ConnectorConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mra-edge connector --config FILE}: runs the connector (inside) role until SIGTERM or
 * SIGINT; SIGHUP reloads its certificates. Stopping is maintenance (the edges route new flows
 * elsewhere), a drain of up to {@code shutdown.drain-timeout} for running streams, GOAWAY on
 * every link, then exit 0 ({@link RunningNodes#shutdown()}), also when the timeout cut the drain
 * short (a WARN says so). Exit 2 for a config that cannot be used, 1 when the connector cannot
 * start or a second stop signal cuts the drain short.
 */
@Command(name = "connector",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = {"Run the connector role (inside): dial out to every configured edge over mutual TLS and serve"
                + " the streams they open.",
                "SIGHUP reloads certificates.",
                "SIGTERM or SIGINT: maintenance on (the edges route new flows to other connectors), running streams"
                + " get up to shutdown.drain-timeout (default 60 s) to finish, GOAWAY on every link, then exit 0;"
                + " also when the timeout cut the drain short, which the log reports as a WARN (keep systemd's"
                + " TimeoutStopSec above the drain timeout). A second SIGTERM or SIGINT exits at once, status 1."})
final class ConnectorCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The connector's YAML file, e.g. /etc/mra-edge/connector.yaml.")
    private Path file;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        InstalledPlugins plugins = InstalledPlugins.discover();
        ConnectorConfig config;
        try {
            config = plugins.configLoader().loadConnector(file);
        } catch (ConfigException e) {
            return ConfigFileReport.invalid(spec.commandLine().getErr(), file, e);
        } catch (IOException e) {
            return ConfigFileReport.unreadable(spec.commandLine().getErr(), file, e);
        }
        RunningNodes nodes = new RunningNodes();
        // Installed before the node starts: a SIGTERM during start-up then stops it once started.
        SignalHandlers signals = SignalHandlers.install(nodes::reloadTls);
        try {
            nodes.add(NodeStarter.connector(config, plugins));
        } catch (StartFailedException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
            return Main.RUNTIME_FAILURE;
        }
        nodes.runUntilStopped(signals);
        return Main.OK;
    }
}
