package io.mraedge.distribution;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * What every admin command ({@code status}, {@code maintenance}, {@code bans}) shares: the
 * {@code --admin} and {@code --token-file} options, and {@link #run}, the one place where an
 * admin call's failure becomes one line on stderr and an exit status. A command mixes this in
 * and does its work inside {@code run}.
 */
final class AdminClientOptions {
    /** The edge's default {@code admin.listen}. */
    static final String DEFAULT_ADMIN = "http://127.0.0.1:9090";

    /** The command this is mixed into: its name prefixes error lines; its writers are used. */
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--admin", paramLabel = "URL", defaultValue = DEFAULT_ADMIN, converter = AdminUrl.class,
            description = "The node's admin API, as its admin.listen says (default: ${DEFAULT-VALUE}, the edge's;"
                    + " a connector's is http://127.0.0.1:9091).")
    private URI admin;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "File holding the admin bearer token: the file the node's admin.token-file names."
                    + " Needed for changes when the node has a token.")
    private Path tokenFile;

    /** One admin command's work; returns its exit status, or throws to fail with one line. */
    @FunctionalInterface
    interface Call {
        int run(AdminClient client, PrintWriter out) throws AdminCallException;
    }

    /** Runs {@code call} with a client for {@code --admin}; a failure is printed as one line on stderr. */
    int run(Call call) {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        try {
            return call.run(new AdminClient(admin, token()), out);
        } catch (AdminCallException e) {
            err.println(command.qualifiedName() + ": " + e.getMessage());
            return e.exitStatus();
        } finally {
            out.flush();
            err.flush();
        }
    }

    private Optional<AdminClient.Token> token() throws AdminCallException {
        if (tokenFile == null) {
            return Optional.empty();
        }
        String value;
        try {
            // As the node reads admin.token-file: surrounding white space (a final newline) ignored.
            value = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new AdminCallException(Main.BAD_CONFIG,
                    "cannot read the token file " + tokenFile + ": " + ConfigFileReport.reason(e));
        }
        if (value.isEmpty()) {
            throw new AdminCallException(Main.BAD_CONFIG, "the token file " + tokenFile + " is empty");
        }
        return Optional.of(new AdminClient.Token(tokenFile, value));
    }

    /** {@code --admin}: an absolute http or https URL with a host, e.g. {@code http://10.0.0.5:9090}. */
    static final class AdminUrl implements ITypeConverter<URI> {
        @Override
        public URI convert(String value) {
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme();
                if (scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                        && uri.getHost() != null && uri.getQuery() == null && uri.getFragment() == null) {
                    return uri;
                }
            } catch (URISyntaxException e) {
                // Said below, as for any other URL that is not an admin API's.
            }
            throw new TypeConversionException("'" + value + "' is not an http URL of an admin API; write e.g. "
                    + DEFAULT_ADMIN);
        }
    }
}
