package io.mraedge.distribution;

import io.mraedge.core.config.ConfigException;
import io.mraedge.core.config.ConfigProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What an operator reads on stderr when a config file cannot be used, for every command that
 * reads one: a header naming the file, then one line per problem exactly as
 * {@link ConfigProblem#toString()} gives it ({@code key.path: what is wrong (line N)}), so the
 * lines can be grepped and compared. Both methods return {@link Main#BAD_CONFIG}.
 */
final class ConfigFileReport {

    private ConfigFileReport() {
    }

    /** The file was read and rejected. */
    static int invalid(PrintWriter err, Path file, ConfigException e) {
        int count = e.problems().size();
        err.println(file + ": not a valid configuration, " + count + (count == 1 ? " problem:" : " problems:"));
        for (ConfigProblem problem : e.problems()) {
            err.println(problem);
        }
        err.flush();
        return Main.BAD_CONFIG;
    }

    /** The file could not be read at all. */
    static int unreadable(PrintWriter err, Path file, IOException e) {
        err.println(file + ": cannot read the configuration: " + reason(e));
        err.flush();
        return Main.BAD_CONFIG;
    }

    /**
     * The JDK's file exceptions carry only the path as their message; say what happened instead.
     * Also used for the admin commands' token file.
     */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
