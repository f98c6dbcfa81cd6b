package io.mraedge.core.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A cursor over one mapping of a config file, with typed getters that record a
 * {@link ConfigProblem} instead of throwing, so that one load reports everything wrong at once.
 *
 * <p>Every getter names a key, and naming a key makes it allowed: {@link #finish()} reports each
 * key of the mapping that no getter asked for as unknown, with a "did you mean" when one is
 * close. Unknown keys are never ignored, since a misspelt {@code ping-intervall} silently falling
 * back to the default is exactly the kind of config bug that survives review.
 *
 * <p>Getters with a default return it when the key is absent or has no value ({@code key:}), and
 * also after recording a problem. Getters without a default report a missing key and then return
 * {@code null}; that null never escapes a load, because a load with problems throws
 * {@link ConfigException}. {@link #finish(Supplier)} builds a result only when nothing was wrong.
 *
 * <p>A typical {@link SectionParser}:
 * <pre>{@code
 * SectionParser<SipSection> sip = section -> {
 *     InetSocketAddress listen = section.socketAddress("listen", new InetSocketAddress(5061));
 *     Duration idle = section.positiveDuration("idle-timeout", Duration.ofMinutes(5));
 *     return section.finish(() -> new SipSection(listen, idle));
 * };
 * }</pre>
 *
 * <p>Not thread-safe; one load runs on one thread.
 */
public final class ConfigReader {

    private static final String STRING = "a string";
    private static final String DURATION = "a duration";

    private final YamlNode.Mapping mapping;
    /** The file's top mapping, for {@link #topLevelAddress}. */
    private final YamlNode.Mapping top;
    private final String path;
    private final int line;
    private final Path baseDirectory;
    private final ProblemCollector problems;
    // Stands in for a value of the wrong type, already reported: its "missing" keys are noise.
    private final boolean standIn;
    private final int problemsAtStart;
    private final Set<String> asked = new LinkedHashSet<>();
    private boolean finished;

    private ConfigReader(YamlNode.Mapping mapping, YamlNode.Mapping top, String path, int line, Path baseDirectory,
                         ProblemCollector problems, boolean standIn) {
        this.mapping = mapping;
        this.top = top;
        this.path = path;
        this.line = line;
        this.baseDirectory = baseDirectory;
        this.problems = problems;
        this.standIn = standIn;
        this.problemsAtStart = problems.count();
        problems.track(this);
    }

    /** The reader of a file's top mapping; missing top-level keys are reported at line 1. */
    static ConfigReader root(YamlNode.Mapping mapping, Path baseDirectory, ProblemCollector problems) {
        return new ConfigReader(mapping, mapping, "", 1, baseDirectory, problems, false);
    }

    /** The key path of this mapping, e.g. {@code traversal.edges[1]}; empty at the top. */
    public String path() {
        return path;
    }

    /** The line that missing keys of this mapping are reported at. */
    public int line() {
        return line;
    }

    /** The full path of {@code key} in this mapping, as problems print it. */
    public String pathOf(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Whether the file gives {@code key} here (with or without a value); does not allow the key. */
    public boolean has(String key) {
        return mapping.entries().containsKey(key);
    }

    /** A required, non-blank string; any scalar is taken as its text ({@code 123} is "123"). */
    public String string(String key) {
        return scalar(key, null, true, STRING, ScalarValues::text);
    }

    /** An optional, non-blank string; empty when absent, has no value, or is wrong. */
    public Optional<String> optionalString(String key) {
        return Optional.ofNullable(scalar(key, null, false, STRING, ScalarValues::text));
    }

    /** A non-blank string, or {@code defaultValue} when absent. */
    public String string(String key, String defaultValue) {
        return scalar(key, defaultValue, false, STRING, ScalarValues::text);
    }

    /** A boolean ({@code true}/{@code false}), or {@code defaultValue} when absent. */
    public boolean bool(String key, boolean defaultValue) {
        return scalar(key, defaultValue, false, ScalarValues.BOOLEAN, ScalarValues::bool);
    }

    /** An integer in {@code [min, max]}, or {@code defaultValue} when absent. */
    public int integer(String key, int defaultValue, int min, int max) {
        return scalar(key, defaultValue, false, "an integer", scalar -> ScalarValues.integer(scalar, min, max));
    }

    /** A duration of zero or more ({@code 500ms}, {@code 5s}, {@code PT5S}), or the default. */
    public Duration duration(String key, Duration defaultValue) {
        return scalar(key, defaultValue, false, DURATION, scalar -> ScalarValues.duration(scalar, false));
    }

    /** A duration greater than zero, or the default; for intervals and timeouts. */
    public Duration positiveDuration(String key, Duration defaultValue) {
        return scalar(key, defaultValue, false, DURATION, scalar -> ScalarValues.duration(scalar, true));
    }

    /** A byte size ({@code 65536}, {@code 64KiB}, {@code 1MiB}), or {@code defaultValue}. */
    public long size(String key, long defaultValue) {
        return size(key, defaultValue, 0, Long.MAX_VALUE);
    }

    /** A byte size in {@code [min, max]}, or {@code defaultValue} when absent. */
    public long size(String key, long defaultValue, long min, long max) {
        return scalar(key, defaultValue, false, "a size", scalar -> ScalarValues.size(scalar, min, max));
    }

    /**
     * A required, readable regular file, absolute and normalised. A relative path is taken
     * relative to the config file's directory, not the working directory, so that a config
     * means the same thing whoever starts the process.
     */
    public Path file(String key) {
        return scalar(key, null, true, "a file path", scalar -> ScalarValues.file(scalar, baseDirectory));
    }

    /**
     * A socket address to bind, {@code host:port} or {@code [v6]:port}, port 0-65535 (0: any), or
     * {@code defaultValue}. A host name is resolved now, once; prefer IP literals for listeners.
     */
    public InetSocketAddress socketAddress(String key, InetSocketAddress defaultValue) {
        return scalar(key, defaultValue, false, "host:port", ScalarValues::socketAddress);
    }

    /**
     * A top-level key of this file as an IP address literal, for a section whose defaults depend
     * on a core key (media's {@code public-address} defaults to {@code outside-address}). Empty
     * when the key is absent or not an address; the core parser reports that, not this reader.
     */
    public Optional<InetAddress> topLevelAddress(String key) {
        YamlNode.Entry entry = top.entries().get(key);
        if (entry == null || !(entry.value() instanceof YamlNode.Scalar scalar)) {
            return Optional.empty();
        }
        try {
            return Optional.of(ScalarValues.inetAddress(scalar));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }

    /** An IP address literal (never a name, so no DNS at load), or {@code defaultValue}. */
    public InetAddress inetAddress(String key, InetAddress defaultValue) {
        return scalar(key, defaultValue, false, "an IP address", ScalarValues::inetAddress);
    }

    /** A required, non-empty list of non-blank strings; problems name the item, {@code key[2]}. */
    public List<String> stringList(String key) {
        List<String> values = new ArrayList<>();
        List<YamlNode> items = requiredList(key);
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            String itemPath = pathOf(key) + "[" + i + "]";
            try {
                if (!(item instanceof YamlNode.Scalar scalar)) {
                    throw ScalarValues.expected(STRING, item);
                }
                values.add(ScalarValues.text(scalar));
            } catch (InvalidValueException e) {
                problems.add(itemPath, e.getMessage(), item.line());
            }
        }
        return List.copyOf(values);
    }

    /**
     * The nested mapping under {@code key}. When the key is absent or has no value, the reader
     * is over an empty mapping, so defaults apply and required keys inside are reported missing.
     */
    public ConfigReader child(String key) {
        YamlNode.Entry entry = entry(key);
        if (entry == null) {
            return new ConfigReader(new YamlNode.Mapping(Map.of(), line), top, pathOf(key), line, baseDirectory,
                    problems, standIn);
        }
        if (entry.value() instanceof YamlNode.Mapping nested) {
            return new ConfigReader(nested, top, pathOf(key), entry.keyLine(), baseDirectory, problems, false);
        }
        boolean wrong = !(entry.value() instanceof YamlNode.Null);
        if (wrong) {
            problems.add(pathOf(key), "expected a mapping, got " + entry.value().describe(), entry.keyLine());
        }
        return new ConfigReader(new YamlNode.Mapping(Map.of(), entry.keyLine()), top, pathOf(key), entry.keyLine(),
                baseDirectory, problems, wrong || standIn);
    }

    /** The nested mapping under {@code key}, or empty when the file does not give the key. */
    public Optional<ConfigReader> optionalChild(String key) {
        if (!has(key)) {
            asked.add(key);
            return Optional.empty();
        }
        return Optional.of(child(key));
    }

    /** A required, non-empty list of mappings, each read as {@code key[index]}. */
    public List<ConfigReader> children(String key) {
        List<ConfigReader> readers = new ArrayList<>();
        List<YamlNode> items = requiredList(key);
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            String itemPath = pathOf(key) + "[" + i + "]";
            if (item instanceof YamlNode.Mapping nested) {
                readers.add(new ConfigReader(nested, top, itemPath, item.line(), baseDirectory, problems, false));
            } else {
                problems.add(itemPath, "expected a mapping, got " + item.describe(), item.line());
            }
        }
        return List.copyOf(readers);
    }

    /**
     * Records a problem about {@code key} that only the caller can see, such as one value that
     * must be at least another. It is reported at the key's line, or this mapping's if absent.
     */
    public void problem(String key, String message) {
        YamlNode.Entry entry = mapping.entries().get(key);
        problems.add(pathOf(key), message, entry == null ? line : entry.keyLine());
    }

    /** Reports every key of this mapping that no getter asked for. Calling it again does nothing. */
    public void finish() {
        if (finished) {
            return;
        }
        finished = true;
        for (YamlNode.Entry entry : mapping.entries().values()) {
            if (!asked.contains(entry.key())) {
                problems.add(pathOf(entry.key()), unknownKeyMessage(entry.key()), entry.keyLine());
            }
        }
    }

    /**
     * {@link #finish()}es, then builds the result if no problem was recorded since this reader
     * was created (so none in its keys or its children); otherwise returns {@code null}, which
     * the failing load never exposes. Building only from clean values lets records check their
     * invariants strictly.
     */
    public <T> T finish(Supplier<T> build) {
        finish();
        // A stand-in's problem (the wrong type) was recorded before it existed, so count it here.
        boolean clean = !standIn && problems.count() == problemsAtStart;
        return clean ? Objects.requireNonNull(build.get(), "built value") : null;
    }

    private String unknownKeyMessage(String key) {
        Optional<String> suggestion = KeySuggestions.closest(key, asked);
        if (suggestion.isPresent()) {
            return "unknown key; did you mean " + suggestion.get() + "?";
        }
        return asked.isEmpty()
                ? "unknown key; nothing is allowed here"
                : "unknown key; allowed here: " + String.join(", ", asked);
    }

    /** Reads a scalar value through {@code conversion}; see the class comment for the rules. */
    private <T> T scalar(String key, T fallback, boolean required, String expected,
                         ScalarConversion<T> conversion) {
        YamlNode.Entry entry = entry(key);
        if (entry == null) {
            if (required) {
                missing(key);
            }
            return fallback;
        }
        try {
            if (entry.value() instanceof YamlNode.Null && !required) {
                return fallback;
            }
            if (!(entry.value() instanceof YamlNode.Scalar scalar)) {
                throw ScalarValues.expected(expected, entry.value());
            }
            return conversion.convert(scalar);
        } catch (InvalidValueException e) {
            problems.add(pathOf(key), e.getMessage(), entry.keyLine());
            return fallback;
        }
    }

    private List<YamlNode> requiredList(String key) {
        YamlNode.Entry entry = entry(key);
        if (entry == null) {
            missing(key);
            return List.of();
        }
        if (!(entry.value() instanceof YamlNode.Sequence sequence)) {
            problems.add(pathOf(key), "expected a list, got " + entry.value().describe(), entry.keyLine());
            return List.of();
        }
        if (sequence.items().isEmpty()) {
            problems.add(pathOf(key), "must list at least one entry", entry.keyLine());
        }
        return sequence.items();
    }

    private YamlNode.Entry entry(String key) {
        asked.add(key);
        return mapping.entries().get(key);
    }

    private void missing(String key) {
        if (!standIn) {
            problems.add(pathOf(key), "required key is missing", line);
        }
    }

    /** Turns a scalar into a value, or explains why it cannot. */
    @FunctionalInterface
    private interface ScalarConversion<T> {
        T convert(YamlNode.Scalar scalar) throws InvalidValueException;
    }
}
