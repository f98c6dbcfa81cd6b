package io.mraedge.distribution;

import io.mraedge.core.config.ConfigException;
import io.mraedge.core.config.RoleConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mra-edge check-config FILE}: validates a config file of either role, as its
 * {@code role:} key says, with every installed plugin's sections, and starts nothing. Exit 0
 * and {@code FILE: valid edge configuration} on stdout; exit 2 and the problems on stderr.
 */
@Command(name = "check-config",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = {"Validate a config file (edge or connector, as its role: key says) without starting anything.",
                "Exit status 0 when valid; 2 with one line per problem on stderr: key.path: what is wrong (line N)."})
final class CheckConfigCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The YAML file to check, e.g. /etc/mra-edge/edge.yaml.")
    private Path file;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        RoleConfig config;
        try {
            config = InstalledPlugins.discover().configLoader().load(file);
        } catch (ConfigException e) {
            return ConfigFileReport.invalid(spec.commandLine().getErr(), file, e);
        } catch (IOException e) {
            return ConfigFileReport.unreadable(spec.commandLine().getErr(), file, e);
        }
        spec.commandLine().getOut().println(file + ": valid " + config.role().yamlName() + " configuration");
        spec.commandLine().getOut().flush();
        return Main.OK;
    }
}
