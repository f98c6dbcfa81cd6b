package io.mraedge.distribution;

import io.mraedge.core.ConnectorNode;
import io.mraedge.core.EdgeNode;
import io.mraedge.core.config.ConfigException;
import io.mraedge.core.config.ConfigLoader;
import io.mraedge.core.config.ConnectorConfig;
import io.mraedge.core.config.EdgeConfig;
import io.mraedge.http.HttpPlugin;
import io.mraedge.http.lab.LabHttp;
import io.mraedge.http.lab.LabUcBackend;
import io.mraedge.xmpp.connector.XmppConnectorSection;
import io.mraedge.xmpp.edge.XmppEdgeSection;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
 * <p>When {@code prosody} is on the PATH, the lab also runs a local Prosody as the IM&P
 * stand-in for the presence domain {@link LabProsody#DOMAIN} ({@link LabProsody}) and the
 * edge takes XMPP clients on 127.0.0.1:5222 and :5223. Prosody is started before the nodes and
 * stopped by its PID after them, on every way out (a start failure, Ctrl-C, SIGTERM, a second
 * Ctrl-C).
 *
 * <p>When {@code kamailio} is on the PATH, the lab also runs a local Kamailio registrar for
 * {@link LabKamailio#DOMAIN} on 127.0.0.1:15060 ({@link LabKamailio}) as Unified CM's SIP side,
 * and the edge takes SIP/TLS clients on 127.0.0.1:5061; started before the nodes and stopped by
 * its PID after them, on every way out, as Prosody.
 *
 * <p>When both config files have their {@code http:} sections (always, for files the lab
 * writes), the lab also runs {@link LabUcBackend} on 127.0.0.1:18443 (UDS) and :16970 (TFTP) as
 * the Unified CM behind the connector, and the edge takes HTTPS on 127.0.0.1:8443 (user
 * {@code labuser} / {@code lab-password}); the backend is started before the nodes and closed
 * after them on every way out.
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
                + " at once, status 1.",
                "With prosody installed (apt-get install prosody), a local Prosody serves example.com on"
                + " 127.0.0.1:15222 behind the connector, and the edge takes XMPP clients on 127.0.0.1:5222 and :5223.",
                "HTTPS: the edge takes clients on 127.0.0.1:8443 (user labuser, password lab-password); a lab UC"
                + " backend (UDS https 127.0.0.1:18443, TFTP http :16970) stands in for Unified CM behind the"
                + " connector.",
                "With kamailio installed (apt-get install kamailio), a local Kamailio registrar for example.com"
                + " listens on tcp 127.0.0.1:15060 behind the connector, and the edge takes SIP/TLS on 127.0.0.1:5061."})
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
        Optional<LabProsody.Programs> prosody = LabProsody.find();
        Optional<Path> kamailio = LabKamailio.find();
        LabFiles files;
        try {
            files = LabFiles.prepare(dir, Clock.systemUTC(), prosody.isPresent(), kamailio.isPresent());
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
        boolean xmppFiles = printXmppState(out, files, prosody.isPresent(), edgeConfig, connectorConfig);
        boolean httpFiles = printHttpState(out, files, edgeConfig, connectorConfig);
        boolean sipFiles = printSipState(out, files, kamailio.isPresent(), edgeConfig, connectorConfig);
        AtomicReference<LabProsody> running = new AtomicReference<>();
        AtomicReference<LabKamailio> runningKamailio = new AtomicReference<>();
        LabUcBackend ucBackend = null;
        RunningNodes nodes = new RunningNodes();
        // A second Ctrl-C halts at once, skipping shutdown hooks: Prosody is killed first.
        SignalHandlers signals = SignalHandlers.install(nodes::reloadTls, () -> {
            LabProsody p = running.get();
            if (p != null) {
                p.kill();
            }
            LabKamailio k = runningKamailio.get();
            if (k != null) {
                k.kill();
            }
        });
        try {
            if (prosody.isPresent() && xmppFiles) {
                try {
                    LabProsody started = LabProsody.start(files.dir(), prosody.get());
                    running.set(started);
                    out.println("lab: Prosody PID " + started.pid() + " serves " + LabProsody.DOMAIN + " on 127.0.0.1:"
                            + LabProsody.C2S_PORT + " (users " + String.join(", ", LabProsody.USERS.keySet())
                            + " registered; log " + LabNextSteps.display(files.dir().resolve(LabProsody.LOG_FILE)) + ")");
                    out.flush();
                } catch (StartFailedException e) {
                    err.println(spec.qualifiedName() + ": " + e.getMessage());
                    return Main.RUNTIME_FAILURE;
                }
            }
            if (kamailio.isPresent() && sipFiles) {
                try {
                    LabKamailio started = LabKamailio.start(files.dir(), kamailio.get());
                    runningKamailio.set(started);
                    out.println("lab: Kamailio PID " + started.pid() + " registrar for " + LabKamailio.DOMAIN
                            + " on tcp 127.0.0.1:" + LabKamailio.PORT + " (no authentication; output "
                            + LabNextSteps.display(files.dir().resolve(LabKamailio.OUT_FILE)) + ")");
                    out.flush();
                } catch (StartFailedException e) {
                    err.println(spec.qualifiedName() + ": " + e.getMessage());
                    return Main.RUNTIME_FAILURE;
                }
            }
            if (httpFiles) {
                try {
                    ucBackend = LabUcBackend.start(InetAddress.getLoopbackAddress(), LabUcBackend.DEFAULT_UDS_PORT,
                            LabUcBackend.DEFAULT_TFTP_PORT, files.dir().resolve(LabPki.UC_CERT),
                            files.dir().resolve(LabPki.UC_KEY));
                    out.println("lab: UC backend " + LabUcBackend.HOST + " (UDS https 127.0.0.1:" + ucBackend.udsPort()
                            + ", TFTP http 127.0.0.1:" + ucBackend.tftpPort() + ") for HTTPS on 127.0.0.1:"
                            + LabHttp.EDGE_PORT);
                    out.flush();
                } catch (IOException | RuntimeException e) {
                    err.println(spec.qualifiedName() + ": cannot start the lab UC backend on 127.0.0.1:"
                            + LabUcBackend.DEFAULT_UDS_PORT + " and :" + LabUcBackend.DEFAULT_TFTP_PORT + ": " + e);
                    return Main.RUNTIME_FAILURE;
                }
            }
            return run(files, plugins, edgeConfig, connectorConfig, nodes, signals, Optional.ofNullable(running.get()),
                    ucBackend, runningKamailio.get() != null);
        } finally {
            if (ucBackend != null) {
                ucBackend.close();
                out.println("lab: UC backend stopped");
                out.flush();
            }
            LabKamailio k = runningKamailio.get();
            if (k != null) {
                k.close();
                out.println("lab: Kamailio PID " + k.pid() + " stopped");
                out.flush();
            }
            LabProsody p = running.get();
            if (p != null) {
                p.close();
                out.println("lab: Prosody PID " + p.pid() + " stopped");
                out.flush();
            }
        }
    }

    /**
     * Says whether the lab chats over XMPP, and if not, how to get it; true when both config
     * files have their {@code xmpp:} sections.
     */
    private static boolean printXmppState(PrintWriter out, LabFiles files, boolean prosody, EdgeConfig edge,
                                          ConnectorConfig connector) {
        List<String> without = new ArrayList<>();
        if (edge.section(XmppEdgeSection.KEY, XmppEdgeSection.class).isEmpty()) {
            without.add(files.edgeConfig().toString());
        }
        if (connector.section(XmppConnectorSection.KEY, XmppConnectorSection.class).isEmpty()) {
            without.add(files.connectorConfig().toString());
        }
        if (!prosody) {
            out.println("lab: XMPP is off: Prosody is not installed (apt-get install prosody, then run the lab again"
                    + (without.isEmpty() ? "" : " after deleting " + String.join(" and ", display(without))
                    + " to have them written with their xmpp: sections") + ")");
            if (without.isEmpty()) {
                out.println("lab: the xmpp: sections of edge.yaml and connector.yaml point at 127.0.0.1:"
                        + LabProsody.C2S_PORT + ", where no Prosody runs: XMPP clients will get an upstream error");
            }
        } else if (!without.isEmpty()) {
            out.println("lab: XMPP is off: " + String.join(" and ", display(without)) + " are from an earlier run"
                    + " without an xmpp: section and are kept as they are; to chat through the lab, delete them"
                    + " (rm " + String.join(" ", display(without)) + ") and run the lab again (edits in them are lost)");
        }
        out.flush();
        return without.isEmpty();
    }

    /**
     * Says how to get HTTPS 8443 when a config file from an earlier run has no {@code http:}
     * section; true when both have it.
     */
    private static boolean printHttpState(PrintWriter out, LabFiles files, EdgeConfig edge,
                                          ConnectorConfig connector) {
        List<String> without = new ArrayList<>();
        if (edge.section(HttpPlugin.SECTION, Object.class).isEmpty()) {
            without.add(files.edgeConfig().toString());
        }
        if (connector.section(HttpPlugin.SECTION, Object.class).isEmpty()) {
            without.add(files.connectorConfig().toString());
        }
        if (!without.isEmpty()) {
            out.println("lab: HTTPS 8443 is off: " + String.join(" and ", display(without)) + " are from an earlier"
                    + " run without an http: section and are kept as they are; to fetch get_edge_config through the"
                    + " lab, delete them (rm " + String.join(" ", display(without)) + ") and run the lab again (edits"
                    + " in them are lost)");
            out.flush();
        }
        return without.isEmpty();
    }

    /**
     * Says whether the lab registers over SIP, and if not, how to get it; true when both config
     * files have their {@code sip:} sections.
     */
    private static boolean printSipState(PrintWriter out, LabFiles files, boolean kamailio, EdgeConfig edge,
                                         ConnectorConfig connector) {
        List<String> without = new ArrayList<>();
        if (edge.section("sip", Object.class).isEmpty()) {
            without.add(files.edgeConfig().toString());
        }
        if (connector.section("sip", Object.class).isEmpty()) {
            without.add(files.connectorConfig().toString());
        }
        if (!kamailio) {
            out.println("lab: SIP is off: Kamailio is not installed (apt-get install kamailio)"
                    + (without.isEmpty() ? "" : "; once it is, delete " + String.join(" and ", display(without))
                    + " and run the lab again to have them written with their sip: sections"));
            if (without.isEmpty()) {
                out.println("lab: the sip: section of connector.yaml points at 127.0.0.1:" + LabKamailio.PORT
                        + ", where no Kamailio runs: SIP clients will get an error from the edge");
            }
        } else if (!without.isEmpty()) {
            out.println("lab: SIP is off: " + String.join(" and ", display(without)) + " are from an earlier run"
                    + " without a sip: section and are kept as they are; to register through the lab, delete them"
                    + " (rm " + String.join(" ", display(without)) + ") and run the lab again (edits in them are lost)");
        }
        out.flush();
        return without.isEmpty();
    }

    private static List<String> display(List<String> paths) {
        return paths.stream().map(p -> LabNextSteps.display(Path.of(p))).toList();
    }

    private int run(LabFiles files, InstalledPlugins plugins, EdgeConfig edgeConfig, ConnectorConfig connectorConfig,
                    RunningNodes nodes, SignalHandlers signals, Optional<LabProsody> prosody,
                    LabUcBackend ucBackend, boolean sip)
            throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
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
                LabNextSteps.printRunning(out, files, edgeConfig, connectorConfig, edge.adminAddress(), upAfter,
                        prosody.isPresent(), Optional.ofNullable(ucBackend).map(LabUcBackend::udsPort), sip);
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
