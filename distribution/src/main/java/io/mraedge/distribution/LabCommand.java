package io.mraedge.distribution;

import io.mraedge.core.ConnectorNode;
import io.mraedge.core.EdgeNode;
import io.mraedge.core.config.ConfigException;
import io.mraedge.core.config.ConfigLoader;
import io.mraedge.core.config.ConnectorConfig;
import io.mraedge.core.config.EdgeConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mra-edge lab [--dir DIR]}: an edge and a connector in one process on loopback, with a
 * private CA and both config files made (or reused) in {@code DIR}, to see the traversal tunnel
 * come up in seconds. It waits until the edge holds the connector's links, prints what to try
 * next, and runs until Ctrl-C or SIGTERM: both nodes enter maintenance, the connector drains
 * (GOAWAY) and stops, then the edge, and the lab exits 0 ({@link RunningNodes#shutdown()}).
 * SIGHUP reloads both nodes' certificates.
 *
 * <p>Exit statuses as for the other commands: 1 when a node cannot start (a port in use) or
 * the connector does not come up within {@link #UP_TIMEOUT}; 2 when an edited config file in
 * {@code DIR} is not valid.
 */
@Command(name = "lab",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = {"Run an edge and a connector in one process on loopback: a private CA, certificates and both"
                + " config files are made in DIR (or reused from an earlier run), then both roles start and the"
                + " connector dials the edge over mutual TLS on 127.0.0.1:7001. Admin/status: 127.0.0.1:9090.",
                "Ctrl-C or SIGTERM: both nodes enter maintenance, the connector drains (up to its"
                + " shutdown.drain-timeout, 5 s in the lab) and stops, then the edge; exit 0. A second Ctrl-C exits"
                + " at once, status 1."})
final class LabCommand implements Callable<Integer> {
    /** How long the connector may take to come up before the lab gives up. */
    static final Duration UP_TIMEOUT = Duration.ofSeconds(30);
    /** How often a line shows that the lab is still waiting. */
    static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = "./mra-edge-lab",
            description = "Directory for the lab's CA, certificates and config files (default: ${DEFAULT-VALUE}).")
    private Path dir;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        LabFiles files;
        try {
            files = LabFiles.prepare(dir, Clock.systemUTC());
        } catch (IOException | RuntimeException e) {
            // A FileSystemException's message is only the path; its type says what happened.
            String why = e instanceof FileSystemException ? e.toString() : e.getMessage();
            err.println(spec.qualifiedName() + ": cannot set up " + dir + ": " + why);
            return Main.RUNTIME_FAILURE;
        }
        out.println("lab: files in " + LabNextSteps.display(files.dir()) + "/");
        files.actions().forEach(action -> out.println("  " + action));
        out.flush();

        InstalledPlugins plugins = InstalledPlugins.discover();
        ConfigLoader loader = plugins.configLoader();
        EdgeConfig edgeConfig;
        ConnectorConfig connectorConfig;
        Path current = files.edgeConfig();
        try {
            edgeConfig = loader.loadEdge(current);
            current = files.connectorConfig();
            connectorConfig = loader.loadConnector(current);
        } catch (ConfigException e) {
            return ConfigFileReport.invalid(err, current, e);
        } catch (IOException e) {
            return ConfigFileReport.unreadable(err, current, e);
        }
        return run(files, plugins, edgeConfig, connectorConfig);
    }

    private int run(LabFiles files, InstalledPlugins plugins, EdgeConfig edgeConfig, ConnectorConfig connectorConfig)
            throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunningNodes nodes = new RunningNodes();
        SignalHandlers signals = SignalHandlers.install(nodes::reloadTls);
        out.println("lab: starting edge " + edgeConfig.name() + " and connector " + connectorConfig.name());
        out.flush();
        long started = System.nanoTime();
        EdgeNode edge;
        ConnectorNode connector;
        try {
            edge = NodeStarter.edge(edgeConfig, plugins);
            nodes.add(edge);
            connector = NodeStarter.connector(connectorConfig, plugins);
            nodes.add(connector);
        } catch (StartFailedException e) {
            nodes.close();
            err.println(spec.qualifiedName() + ": " + e.getMessage());
            return Main.RUNTIME_FAILURE;
        }

        long wanted = connectorConfig.traversal().connectionsPerEdge();
        LabReadiness readiness = new LabReadiness(System::nanoTime, signals::awaitStop, PROGRESS_EVERY);
        switch (readiness.await(() -> edge.connectors().upCount(), wanted, UP_TIMEOUT, out)) {
            case UP -> {
                long upAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                LabNextSteps.printRunning(out, files, edgeConfig, connectorConfig, edge.adminAddress(), upAfter);
                nodes.runUntilStopped(signals);
                out.println("lab: stopped");
                out.flush();
                return Main.OK;
            }
            case STOPPED -> {
                nodes.shutdown();
                return Main.OK;
            }
            default -> {
                err.println(spec.qualifiedName() + ": the connector did not come UP within " + UP_TIMEOUT.toSeconds()
                        + " s; its links:");
                LabNextSteps.printLinks(err, connector.traversal().links());
                nodes.close();
                return Main.RUNTIME_FAILURE;
            }
        }
    }
}
