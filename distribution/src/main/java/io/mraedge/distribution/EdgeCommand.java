package io.mraedge.distribution;

import io.mraedge.core.config.ConfigException;
import io.mraedge.core.config.EdgeConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mra-edge edge --config FILE}: runs the edge (DMZ) role until SIGTERM or SIGINT; SIGHUP
 * reloads its certificates. The stop is maintenance, then a drain of up to
 * {@code shutdown.drain-timeout}, then exit 0 ({@link RunningNodes#shutdown()}), also when the
 * timeout cut the drain short (a WARN says so). Exit 2 for a config that cannot be used, 1 when
 * the edge cannot start (a port in use, say) or a second stop signal cuts the drain short.
 */
@Command(name = "edge",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = {"Run the edge role (DMZ): the traversal listener for connectors, the admin endpoint and the"
                + " protocol listeners of the installed plugins.",
                "SIGHUP reloads certificates.",
                "SIGTERM or SIGINT: maintenance on (outside listeners close, new flows are refused), running flows"
                + " get up to shutdown.drain-timeout (default 60 s) to finish, then exit 0; also when the timeout"
                + " cut the drain short, which the log reports as a WARN (keep systemd's TimeoutStopSec above the"
                + " drain timeout). A second SIGTERM or SIGINT exits at once, status 1."})
final class EdgeCommand implements Callable<Integer> {

    @Option(names = "--config", required = true, paramLabel = "FILE",
            description = "The edge's YAML file, e.g. /etc/mra-edge/edge.yaml.")
    private Path file;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        InstalledPlugins plugins = InstalledPlugins.discover();
        EdgeConfig config;
        try {
            config = plugins.configLoader().loadEdge(file);
        } catch (ConfigException e) {
            return ConfigFileReport.invalid(spec.commandLine().getErr(), file, e);
        } catch (IOException e) {
            return ConfigFileReport.unreadable(spec.commandLine().getErr(), file, e);
        }
        RunningNodes nodes = new RunningNodes();
        // Installed before the node starts: a SIGTERM during start-up then stops it once started.
        SignalHandlers signals = SignalHandlers.install(nodes::reloadTls);
        try {
            nodes.add(NodeStarter.edge(config, plugins));
        } catch (StartFailedException e) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
            return Main.RUNTIME_FAILURE;
        }
        nodes.runUntilStopped(signals);
        return Main.OK;
    }
}
