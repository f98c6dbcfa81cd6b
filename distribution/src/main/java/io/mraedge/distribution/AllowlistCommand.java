package io.mraedge.distribution;

import io.mraedge.http.allowlist.AllowListCsv;
import io.mraedge.http.allowlist.HttpMethods;
import io.mraedge.http.connector.HttpConnectorConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mra-edge allowlist import FILE.csv [--default-methods GET,POST]}: converts the product's
 * allow-list CSV export ({@link AllowListCsv}) into the YAML block for a connector's
 * {@code http.allow-list:} and prints it. Exit 0; 2 for a missing file, bad lines (every one is
 * listed) or an unknown method; 1 when the file cannot be read.
 */
@Command(name = "allowlist",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "Convert an HTTP allow list.",
        subcommands = AllowlistCommand.Import.class)
final class AllowlistCommand {

    @Command(name = "import",
            mixinStandardHelpOptions = true,
            versionProvider = Main.VersionProvider.class,
            description = {"Read an allow-list CSV export (header: " + "Url,Deployment,HttpMethods,MatchType,"
                    + "Description) and print the YAML block to paste under http.allow-list: in a connector's"
                    + " config file.", "Exit status 2 when a line is bad; every bad line is listed."})
    static final class Import implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE.csv", description = "The CSV file.")
        private Path csv;

        @Option(names = "--default-methods", paramLabel = "METHODS", split = ",",
                description = "Methods of rules whose HttpMethods field is empty (default: GET).")
        private String[] defaultMethods;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            Set<String> methods;
            try {
                methods = defaultMethods == null ? HttpConnectorConfig.DEFAULT_METHODS
                        : HttpMethods.parse(Arrays.asList(defaultMethods));
            } catch (IllegalArgumentException e) {
                err.println(spec.qualifiedName() + ": --default-methods: " + e.getMessage());
                return Main.BAD_CONFIG;
            }
            try {
                spec.commandLine().getOut().print(AllowListCsv.importFile(csv, methods));
                spec.commandLine().getOut().flush();
                return Main.OK;
            } catch (AllowListCsv.CsvException e) {
                err.println(csv + ": " + e.getMessage());
                return Main.BAD_CONFIG;
            } catch (NoSuchFileException e) {
                err.println(spec.qualifiedName() + ": " + csv + ": no such file");
                return Main.BAD_CONFIG;
            } catch (IOException e) {
                err.println(spec.qualifiedName() + ": " + csv + ": "
                        + (e instanceof FileSystemException ? e.toString() : e.getMessage()));
                return Main.RUNTIME_FAILURE;
            }
        }
    }
}
