package io.mraedge.distribution;

import io.mraedge.http.auth.CredentialsFile;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mra-edge users add|remove FILE USER}: edits a static credentials file (a connector's
 * {@code http.verifier.credentials-file}, {@link CredentialsFile}: PBKDF2 hashes, mode 600,
 * rewritten atomically). {@code add} reads the password from the console without echo, or from
 * the first line of stdin when there is no console or with {@code --password-stdin}. Exit 0;
 * 2 for a bad user name, an empty password or an unknown user; 1 when the file cannot be read
 * or written.
 */
@Command(name = "users",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = "Add or remove a user of a static credentials file (http.verifier.credentials-file of a"
                + " connector). The connector reads the file at start.",
        subcommands = {UsersCommand.Add.class, UsersCommand.Remove.class})
final class UsersCommand {

    /** Where {@code add} reads a password when there is no console; tests replace it. */
    static InputStream stdin = System.in;

    @Command(name = "add",
            mixinStandardHelpOptions = true,
            versionProvider = Main.VersionProvider.class,
            description = {"Add USER to FILE (created, mode 600, when missing), or set a new password for USER.",
                    "The password is read from the console without echo (asked twice), or from the first line"
                            + " of stdin when stdin is not a terminal or with --password-stdin."})
    static final class Add implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "The credentials file.")
        private Path file;

        @Parameters(index = "1", paramLabel = "USER", description = "1-128 of A-Z a-z 0-9 . _ @ + -")
        private String user;

        @Option(names = "--password-stdin", description = "Read the password from the first line of stdin.")
        private boolean passwordStdin;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            char[] password;
            Console console = System.console();
            try {
                if (passwordStdin || console == null) {
                    password = firstLine(stdin);
                    if (password == null) {
                        err.println(spec.qualifiedName() + ": no password on stdin");
                        return Main.BAD_CONFIG;
                    }
                } else {
                    password = console.readPassword("Password for %s: ", user);
                    char[] again = console.readPassword("Again: ");
                    if (password == null || again == null || !Arrays.equals(password, again)) {
                        err.println(spec.qualifiedName() + ": the two passwords differ; nothing changed");
                        return Main.BAD_CONFIG;
                    }
                    Arrays.fill(again, '\0');
                }
            } catch (IOException e) {
                err.println(spec.qualifiedName() + ": cannot read the password: " + e.getMessage());
                return Main.RUNTIME_FAILURE;
            }
            try {
                boolean added = CredentialsFile.add(file, user, password);
                out.println((added ? "added " : "password changed for ") + user + " in " + file);
                return Main.OK;
            } catch (IllegalArgumentException e) {
                err.println(spec.qualifiedName() + ": " + e.getMessage() + "; nothing changed");
                return Main.BAD_CONFIG;
            } catch (IOException e) {
                err.println(spec.qualifiedName() + ": " + file + ": " + why(e));
                return Main.RUNTIME_FAILURE;
            } finally {
                Arrays.fill(password, '\0');
            }
        }
    }

    @Command(name = "remove",
            mixinStandardHelpOptions = true,
            versionProvider = Main.VersionProvider.class,
            description = "Remove USER from FILE. Exit status 2 when USER is not in FILE.")
    static final class Remove implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "The credentials file.")
        private Path file;

        @Parameters(index = "1", paramLabel = "USER")
        private String user;

        @Spec
        private CommandSpec spec;

        @Override
        public Integer call() {
            try {
                if (!CredentialsFile.remove(file, user)) {
                    spec.commandLine().getErr().println(spec.qualifiedName() + ": " + user + " is not in " + file);
                    return Main.BAD_CONFIG;
                }
                spec.commandLine().getOut().println("removed " + user + " from " + file);
                return Main.OK;
            } catch (IOException e) {
                spec.commandLine().getErr().println(spec.qualifiedName() + ": " + file + ": " + why(e));
                return Main.RUNTIME_FAILURE;
            }
        }
    }

    /** The first line of {@code in} (without its line end), or null when {@code in} is empty. */
    static char[] firstLine(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line = reader.readLine();
        return line == null ? null : line.toCharArray();
    }

    /** A FileSystemException's message is only the path; its type says what happened. */
    private static String why(IOException e) {
        return e instanceof FileSystemException ? e.toString() : e.getMessage();
    }
}
