package io.mraedge.core.config;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A config file was rejected. It carries every problem found in the file, not just the first, so
 * that an operator fixes them in one round; the message lists them one per line, sorted by line.
 */
public final class ConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Path source;
    private final transient List<ConfigProblem> problems;

    /**
     * @param source   the file the problems are in (for {@code parse}, {@code <inline>})
     * @param problems at least one problem; they are sorted by line, keeping the order of problems
     *                 on the same line
     */
    public ConfigException(Path source, List<ConfigProblem> problems) {
        super(render(source, problems));
        this.source = source;
        this.problems = sorted(problems);
    }

    /** The file that was rejected. */
    public Path source() {
        return source;
    }

    /** The problems, sorted by line. */
    public List<ConfigProblem> problems() {
        return problems;
    }

    private static List<ConfigProblem> sorted(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        // List.sort is stable, so problems on one line stay in the order they were found.
        return problems.stream().sorted(Comparator.comparingInt(ConfigProblem::line)).toList();
    }

    private static String render(Path source, List<ConfigProblem> problems) {
        Objects.requireNonNull(source, "source");
        List<ConfigProblem> ordered = sorted(problems);
        StringBuilder text = new StringBuilder()
                .append(ordered.size() == 1 ? "1 problem in " : ordered.size() + " problems in ")
                .append(source);
        for (ConfigProblem problem : ordered) {
            text.append(System.lineSeparator()).append("  ").append(problem);
        }
        return text.toString();
    }
}
