package io.mraedge.core.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the problems of one config file while it is read, so that all of them are reported
 * together. It also remembers every {@link ConfigReader} handed out, so that the loader can make
 * sure each mapping was checked for unknown keys even when a section parser forgot to call
 * {@link ConfigReader#finish()}. One collector serves one load on one thread.
 */
final class ProblemCollector {

    private final List<ConfigProblem> problems = new ArrayList<>();
    private final List<ConfigReader> readers = new ArrayList<>();

    void add(String path, String message, int line) {
        problems.add(new ConfigProblem(path, message, Math.max(1, line)));
    }

    /** How many problems so far; a reader compares counts to know if its part was clean. */
    int count() {
        return problems.size();
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    void track(ConfigReader reader) {
        readers.add(reader);
    }

    /** Reports the unknown keys of every mapping read; finishing twice reports nothing new. */
    void finishAll() {
        // Indexed loop: finishing never creates readers, but be safe against it anyway.
        for (int i = 0; i < readers.size(); i++) {
            readers.get(i).finish();
        }
    }
}
