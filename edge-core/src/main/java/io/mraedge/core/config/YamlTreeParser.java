package io.mraedge.core.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads YAML text into a {@link YamlNode} tree with lines, using Jackson's streaming YAML parser.
 *
 * <p>Things the YAML itself gets wrong are problems here, not later: a syntax error (one problem,
 * at Jackson's line, and no tree), a duplicate key (YAML 1.2 §3.2.1.1 requires unique keys; the
 * streaming parser would silently keep both, so the second is reported and dropped), an alias
 * (Jackson hands aliases over as the anchor's name, which would be read as a wrong value), and a
 * second document in the file.
 */
final class YamlTreeParser {

    // A YAMLFactory is thread-safe and costly enough to share.
    private static final YAMLFactory FACTORY = new YAMLFactory();

    private final ProblemCollector problems;

    private YamlTreeParser(ProblemCollector problems) {
        this.problems = problems;
    }

    /**
     * Parses {@code yaml}. An empty file is an empty mapping. Returns empty after a syntax error,
     * which is then the only problem recorded.
     */
    static Optional<YamlNode> parse(String yaml, ProblemCollector problems) {
        try (JsonParser parser = FACTORY.createParser(yaml)) {
            return Optional.of(new YamlTreeParser(problems).document(parser));
        } catch (JsonProcessingException e) {
            problems.add("", "YAML syntax error: " + describe(e), lineOf(e.getLocation()));
            return Optional.empty();
        } catch (IOException e) {
            // The input is a String: there is no I/O that could fail.
            throw new UncheckedIOException(e);
        }
    }

    private YamlNode document(JsonParser parser) throws IOException {
        if (parser.nextToken() == null) {
            return new YamlNode.Mapping(Map.of(), 1);
        }
        YamlNode root = node(parser, "");
        if (parser.nextToken() != null) {
            problems.add("", "a second YAML document starts here; a config file holds one document",
                    line(parser));
        }
        return root;
    }

    /** Reads the node at the current token; afterwards the parser is on the node's last token. */
    private YamlNode node(JsonParser parser, String path) throws IOException {
        int line = line(parser);
        JsonToken token = parser.currentToken();
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            problems.add(path, "aliases (*" + parser.getText() + ") are not supported; write the value out",
                    line);
            return new YamlNode.Null(line);
        }
        return switch (token) {
            case START_OBJECT -> mapping(parser, path, line);
            case START_ARRAY -> sequence(parser, path, line);
            case VALUE_STRING -> scalar(parser, YamlNode.Scalar.Kind.STRING, line);
            case VALUE_NUMBER_INT -> new YamlNode.Scalar(parser.getText(), YamlNode.Scalar.Kind.INTEGER,
                    parser.getBigIntegerValue(), line);
            case VALUE_NUMBER_FLOAT -> scalar(parser, YamlNode.Scalar.Kind.FLOAT, line);
            case VALUE_TRUE -> scalar(parser, YamlNode.Scalar.Kind.TRUE, line);
            case VALUE_FALSE -> scalar(parser, YamlNode.Scalar.Kind.FALSE, line);
            case VALUE_NULL -> new YamlNode.Null(line);
            default -> {
                // VALUE_EMBEDDED_OBJECT: a !!binary or other tagged value; config has no use for it.
                problems.add(path, "unsupported YAML value " + YamlNode.quote(parser.getText())
                        + "; write a plain string, number or boolean", line);
                yield new YamlNode.Null(line);
            }
        };
    }

    private static YamlNode scalar(JsonParser parser, YamlNode.Scalar.Kind kind, int line) throws IOException {
        return new YamlNode.Scalar(parser.getText(), kind, null, line);
    }

    private YamlNode mapping(JsonParser parser, String path, int line) throws IOException {
        Map<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int keyLine = line(parser);
            String keyPath = path.isEmpty() ? key : path + "." + key;
            parser.nextToken();
            YamlNode value = node(parser, keyPath);
            YamlNode.Entry first = entries.get(key);
            if (first != null) {
                problems.add(keyPath, "duplicate key; first given at line " + first.keyLine(), keyLine);
            } else {
                entries.put(key, new YamlNode.Entry(key, keyLine, value));
            }
        }
        return new YamlNode.Mapping(entries, line);
    }

    private YamlNode sequence(JsonParser parser, String path, int line) throws IOException {
        List<YamlNode> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(node(parser, path + "[" + items.size() + "]"));
        }
        return new YamlNode.Sequence(items, line);
    }

    private static int line(JsonParser parser) {
        return lineOf(parser.currentTokenLocation());
    }

    private static int lineOf(JsonLocation location) {
        return location == null || location.getLineNr() < 1 ? 1 : location.getLineNr();
    }

    /**
     * SnakeYAML's own message repeats the file excerpt with a caret over several lines; an
     * operator needs the one sentence, the line comes separately.
     */
    private static String describe(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblem() != null) {
            return marked.getContext() == null
                    ? marked.getProblem()
                    : marked.getContext() + ", " + marked.getProblem();
        }
        String message = e.getOriginalMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
