package io.mraedge.distribution;

import io.mraedge.core.Version;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code mra-edge} command that {@code bin/mra-edge} runs: one distribution, two roles
 * ({@code edge}, {@code connector}), plus {@code check-config} and {@code lab}, and the admin
 * commands that talk to a running node's admin API ({@code status}, {@code maintenance},
 * {@code bans}), and the HTTPS helpers {@code users} (static credentials files) and
 * {@code allowlist import} (CSV to YAML).
 *
 * <p>Exit statuses: {@value #OK} when a command did its job (a node that stopped cleanly on
 * SIGTERM included), {@value #RUNTIME_FAILURE} when something failed at run time (a port in
 * use, a node that could not start, a second SIGTERM, an admin API that cannot be reached or
 * wants a token), {@value #BAD_CONFIG} for a config file that cannot be used and for
 * command-line usage errors (picocli's own usage status).
 */
@Command(name = "mra-edge",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = {"Mobile and Remote Access edge: runs the edge (DMZ) or the connector (inside) role.",
                "status, maintenance and bans talk to a running node's admin API."},
        subcommands = {EdgeCommand.class, ConnectorCommand.class, CheckConfigCommand.class, LabCommand.class,
                StatusCommand.class, MaintenanceCommand.class, BansCommand.class, UsersCommand.class,
                AllowlistCommand.class})
public final class Main implements Callable<Integer> {
    /** The command did its job. */
    public static final int OK = CommandLine.ExitCode.OK;
    /** Something failed at run time. */
    public static final int RUNTIME_FAILURE = CommandLine.ExitCode.SOFTWARE;
    /** A config file cannot be used, or the command line is wrong. */
    public static final int BAD_CONFIG = CommandLine.ExitCode.USAGE;

    private static final Logger log = LoggerFactory.getLogger(Main.class);

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line as {@link #main} runs it; tests call {@code execute} on it in-process. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main()).setExecutionExceptionHandler(Main::unexpected);
    }

    /** {@code mra-edge} without a subcommand: say what the subcommands are. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println("mra-edge: name a command");
        spec.commandLine().usage(err);
        return BAD_CONFIG;
    }

    /**
     * A failure no command expected (commands report the expected ones themselves): one line for
     * the operator, the stack trace in the log for whoever fixes it.
     */
    private static int unexpected(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        log.error("{} failed", command.getCommandName(), e);
        command.getErr().println(command.getCommandSpec().qualifiedName() + ": failed: " + e);
        return RUNTIME_FAILURE;
    }

    /** {@code --version}: {@code mra-edge 0.1.0}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"mra-edge " + Version.get()};
        }
    }
}
