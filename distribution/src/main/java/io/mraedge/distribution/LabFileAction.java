package io.mraedge.distribution;

import java.util.List;
import java.util.Locale;

/**
 * What lab set-up did with some files of the lab directory, as printed for the operator:
 * {@code   created  ca.crt, ca.key (a new lab CA)}.
 *
 * @param outcome what happened
 * @param files   file names, relative to the lab directory
 * @param note    why, or what the files are; empty for none
 */
record LabFileAction(Outcome outcome, List<String> files, String note) {

    /** What happened to the files. */
    enum Outcome {
        /** They did not exist and were written. */
        CREATED,
        /** They existed and are used as they are. */
        REUSED,
        /** They existed but could not be used, and were written anew. */
        REPLACED
    }

    LabFileAction {
        files = List.copyOf(files);
    }

    @Override
    public String toString() {
        String verb = outcome.name().toLowerCase(Locale.ROOT);
        return String.format("%-9s%s%s", verb, String.join(", ", files), note.isEmpty() ? "" : " (" + note + ")");
    }
}
