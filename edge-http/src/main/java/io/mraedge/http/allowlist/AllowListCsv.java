package io.mraedge.http.allowlist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads the product's allow-list CSV export (MRA guide X14.0.2, "HTTP allow list", import):
 * a header line {@code Url,Deployment,HttpMethods,MatchType,Description}, then one manual rule
 * per line. Fields follow RFC 4180 (double quotes around fields with commas, {@code ""} for a
 * quote). {@code HttpMethods} lists methods separated by commas, semicolons or spaces; an empty
 * field means the default methods. {@code Deployment} is read and ignored: mra-edge has one
 * deployment per connector. Blank lines are skipped.
 */
public final class AllowListCsv {
    /** The header of the product's export, in order. */
    public static final List<String> HEADER = List.of("Url", "Deployment", "HttpMethods", "MatchType", "Description");

    private AllowListCsv() {
    }

    /** A problem in the file, with the 1-based line it is on. */
    public record Problem(int line, String message) {
        @Override
        public String toString() {
            return "line " + line + ": " + message;
        }
    }

    /** Thrown with every problem of a file at once. */
    public static final class CsvException extends Exception {
        private static final long serialVersionUID = 1L;
        private final List<Problem> problems;

        CsvException(List<Problem> problems) {
            super(problems.size() + " problem(s) in the allow-list CSV:\n  "
                    + String.join("\n  ", problems.stream().map(Problem::toString).toList()));
            this.problems = List.copyOf(problems);
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    /**
     * Reads every rule of the file, or throws listing every bad line.
     *
     * @param defaultMethods methods of a rule whose HttpMethods field is empty
     */
    public static List<AllowRule> read(Reader in, Set<String> defaultMethods) throws IOException, CsvException {
        BufferedReader reader = new BufferedReader(in);
        List<Problem> problems = new ArrayList<>();
        List<AllowRule> rules = new ArrayList<>();
        String line;
        int number = 0;
        boolean headerSeen = false;
        while ((line = reader.readLine()) != null) {
            number++;
            if (number == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // a byte-order mark from a spreadsheet export
            }
            if (line.isBlank()) {
                continue;
            }
            List<String> fields;
            try {
                fields = fields(line);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(number, e.getMessage()));
                continue;
            }
            if (!headerSeen) {
                headerSeen = true;
                List<String> header = fields.stream().map(String::trim).toList();
                if (!header.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList()
                        .equals(HEADER.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList())) {
                    problems.add(new Problem(number, "the header must be " + String.join(",", HEADER) + ", got "
                            + String.join(",", header)));
                    break;
                }
                continue;
            }
            if (fields.size() != HEADER.size()) {
                problems.add(new Problem(number, "expected " + HEADER.size() + " fields, got " + fields.size()));
                continue;
            }
            try {
                rules.add(rule(fields, defaultMethods));
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(number, e.getMessage()));
            }
        }
        if (!headerSeen) {
            problems.add(new Problem(Math.max(1, number), "the file is empty; expected the header "
                    + String.join(",", HEADER)));
        }
        if (!problems.isEmpty()) {
            throw new CsvException(problems);
        }
        return rules;
    }

    private static AllowRule rule(List<String> fields, Set<String> defaultMethods) {
        String url = fields.get(0).trim();
        String methodsField = fields.get(2).trim();
        Set<String> methods = methodsField.isEmpty() ? defaultMethods
                : Set.copyOf(Arrays.stream(methodsField.split("[,;\\s]+")).filter(s -> !s.isEmpty()).toList());
        MatchType match = MatchType.parse(fields.get(3))
                .orElseThrow(() -> new IllegalArgumentException("MatchType must be Exact or Prefix, got \""
                        + fields.get(3).trim() + "\""));
        return AllowRule.fromUrl(url, match, methods, RuleOrigin.MANUAL, fields.get(4).trim());
    }

    /** Splits one CSV line (RFC 4180, without line breaks inside quotes). */
    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                field.setLength(0);
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                wasQuoted = false;
            } else if (wasQuoted && !Character.isWhitespace(c)) {
                throw new IllegalArgumentException("text after a closing quote");
            } else if (!wasQuoted) {
                field.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("a quoted field is not closed");
        }
        fields.add(field.toString());
        return fields;
    }

    /**
     * {@code mra-edge allowlist import FILE.csv}: reads the product's CSV export and returns the
     * YAML block to paste under a connector's {@code http.allow-list} ({@link #toYaml}).
     *
     * @param defaultMethods methods of rules whose HttpMethods field is empty (the connector's
     *                       {@code allow-list.default-methods}; {@code [GET]} by default)
     * @throws CsvException listing every bad line
     */
    public static String importFile(Path csv, Set<String> defaultMethods) throws IOException, CsvException {
        try (Reader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return toYaml(read(in, defaultMethods));
        }
    }

    /**
     * The rules as a YAML block for a connector's {@code http.allow-list.rules}, ready to paste:
     * this is what {@code mra-edge allowlist import FILE.csv} prints.
     */
    public static String toYaml(List<AllowRule> rules) {
        StringBuilder y = new StringBuilder("# Paste under http.allow-list: in the connector's config file.\nrules:\n");
        for (AllowRule r : rules) {
            y.append("  - url: ").append(quote(r.url())).append('\n')
                    .append("    match: ").append(r.match().key()).append('\n')
                    .append("    methods: [").append(String.join(", ", r.methods().stream().sorted().toList()))
                    .append("]\n");
            if (!r.description().isEmpty()) {
                y.append("    description: ").append(quote(r.description())).append('\n');
            }
        }
        return y.toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
