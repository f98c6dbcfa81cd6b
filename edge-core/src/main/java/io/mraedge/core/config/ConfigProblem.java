package io.mraedge.core.config;

import java.util.Objects;

/**
 * One thing wrong with a config file: where (the YAML key path and line) and what to do about it.
 *
 * <p>{@link #toString()} is the line an operator reads, exactly
 * {@code key.path: what is wrong (line N)}, for example
 * {@code traversal.edges[1].address: "edge:x" is not host:port (line 14)}. Problems that belong to
 * no key (a YAML syntax error, a root that is not a mapping) have an empty path and print as
 * {@code what is wrong (line N)}.
 *
 * @param path    dotted key path; list items appear as {@code key[index]}; empty for the file
 * @param message what is wrong and, where possible, how to write it instead
 * @param line    1-based line in the file
 */
public record ConfigProblem(String path, String message, int line) {

    public ConfigProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        if (line < 1) {
            throw new IllegalArgumentException("line must be >= 1, got " + line);
        }
    }

    @Override
    public String toString() {
        return (path.isEmpty() ? "" : path + ": ") + message + " (line " + line + ")";
    }
}
