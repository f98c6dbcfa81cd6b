package io.mraedge.core.config;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node of a YAML document that remembers the 1-based line it came from, so that every config
 * problem can point at the line to fix. Jackson's {@code JsonNode} tree drops locations, which is
 * why {@link YamlTreeParser} builds this small tree from the streaming parser instead.
 */
sealed interface YamlNode permits YamlNode.Mapping, YamlNode.Sequence, YamlNode.Scalar, YamlNode.Null {

    /** The 1-based line where this node starts. */
    int line();

    /** How a problem message names this node after "got": {@code "three"}, {@code a list}. */
    String describe();

    /** A mapping; keys keep file order, duplicates were already reported and dropped. */
    record Mapping(Map<String, Entry> entries, int line) implements YamlNode {
        public Mapping {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }

    /** One key of a mapping with the line of the key itself (the value may start lower down). */
    record Entry(String key, int keyLine, YamlNode value) {
    }

    /** A sequence, block ({@code - x}) or flow ({@code [x, y]}). */
    record Sequence(List<YamlNode> items, int line) implements YamlNode {
        public Sequence {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /**
     * A scalar as YAML resolved it. {@code text} is the text as written (so {@code 0x1F} stays
     * {@code 0x1F} in messages); {@code integer} is its value when {@code kind} is INTEGER.
     */
    record Scalar(String text, Kind kind, BigInteger integer, int line) implements YamlNode {
        /**
         * What YAML made of the scalar; quoted scalars are always STRING. Booleans are kept as
         * TRUE/FALSE because the text may be a YAML 1.1 spelling such as {@code yes} or {@code off}.
         */
        enum Kind { STRING, INTEGER, FLOAT, TRUE, FALSE }

        @Override
        public String describe() {
            return quote(text);
        }
    }

    /** An explicit null ({@code ~}, {@code null}) or a key with no value. */
    record Null(int line) implements YamlNode {
        @Override
        public String describe() {
            return "an empty value";
        }
    }

    /** Quotes a value for a message, escaping what would make the message ambiguous. */
    static String quote(String text) {
        String shown = text.length() > 80 ? text.substring(0, 77) + "..." : text;
        return '"' + shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
