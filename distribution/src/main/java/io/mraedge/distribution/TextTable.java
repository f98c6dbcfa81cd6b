package io.mraedge.distribution;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of text cells printed in aligned columns, two spaces apart, for the admin commands'
 * output ({@code status}, {@code maintenance}, {@code bans}). A row may have fewer cells than
 * the widest; trailing blanks are dropped so that lines compare and grep cleanly.
 */
final class TextTable {
    private static final String GAP = "  ";

    private final List<List<String>> rows = new ArrayList<>();

    /** Adds a row; a null cell prints as empty. */
    TextTable row(String... cells) {
        List<String> row = new ArrayList<>(cells.length);
        for (String cell : cells) {
            row.add(cell == null ? "" : cell);
        }
        rows.add(row);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The rows as lines, every column as wide as its widest cell. */
    List<String> lines() {
        List<Integer> widths = new ArrayList<>();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                if (i == widths.size()) {
                    widths.add(0);
                }
                widths.set(i, Math.max(widths.get(i), row.get(i).length()));
            }
        }
        List<String> lines = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                if (i > 0) {
                    line.append(GAP);
                }
                line.append(row.get(i)).append(" ".repeat(widths.get(i) - row.get(i).length()));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }
}
