package io.mraedge.core.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Loads a role's YAML config file: parse the YAML (with lines), then read and validate every key
 * into immutable records, then either return the config or throw one {@link ConfigException}
 * listing every problem of the file. Nothing is started and nothing is resolved from DNS except
 * a listener address written as a host name.
 *
 * <p>Protocol modules add their own top-level sections with {@link #withSection}; a loader is
 * immutable, so each call returns a new one:
 * <pre>{@code
 * ConfigLoader loader = ConfigLoader.standard()
 *         .withSection(Role.EDGE, "sip", SipEdgeSection::parse)
 *         .withSection(Role.CONNECTOR, "sip", SipConnectorSection::parse);
 * EdgeConfig edge = loader.loadEdge(Path.of("/etc/mra-edge/edge.yaml"));
 * SipEdgeSection sip = edge.section("sip", SipEdgeSection.class).orElseThrow();
 * }</pre>
 */
public final class ConfigLoader {

    // Reserved for both roles: a module's "admin" section on the connector would collide with the
    // admin endpoint the connector is going to get.
    private static final Set<String> RESERVED_KEYS = union(EdgeConfigParser.CORE_KEYS, ConnectorConfigParser.CORE_KEYS);

    private final Map<Role, Map<String, SectionParser<?>>> sections;

    private ConfigLoader(Map<Role, Map<String, SectionParser<?>>> sections) {
        this.sections = sections;
    }

    /** A loader for the core keys only, with no protocol sections. */
    public static ConfigLoader standard() {
        Map<Role, Map<String, SectionParser<?>>> none = new EnumMap<>(Role.class);
        for (Role role : Role.values()) {
            none.put(role, Map.of());
        }
        return new ConfigLoader(none);
    }

    /**
     * A loader that also reads the top-level section {@code key} in {@code role}'s files with
     * {@code parser}; the value lands in {@link RoleConfig#sections()} under {@code key}.
     *
     * @throws IllegalArgumentException if {@code key} is a core key or already registered
     */
    public ConfigLoader withSection(Role role, String key, SectionParser<?> parser) {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(parser, "parser");
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("a section needs a key");
        }
        if (RESERVED_KEYS.contains(key)) {
            throw new IllegalArgumentException("\"" + key + "\" is a core config key, not a section name");
        }
        if (sections.get(role).containsKey(key)) {
            throw new IllegalArgumentException("section \"" + key + "\" is already registered for the "
                    + role.yamlName());
        }
        Map<Role, Map<String, SectionParser<?>>> copy = new EnumMap<>(sections);
        Map<String, SectionParser<?>> forRole = new LinkedHashMap<>(sections.get(role));
        forRole.put(key, parser);
        copy.put(role, Collections.unmodifiableMap(forRole));
        return new ConfigLoader(copy);
    }

    /** Loads a file of either role, as its {@code role:} key says. */
    public RoleConfig load(Path file) throws ConfigException, IOException {
        return read(file, Optional.empty());
    }

    /** Loads an edge's file; a file with another {@code role:} is a problem. */
    public EdgeConfig loadEdge(Path file) throws ConfigException, IOException {
        return (EdgeConfig) read(file, Optional.of(Role.EDGE));
    }

    /** Loads a connector's file; a file with another {@code role:} is a problem. */
    public ConnectorConfig loadConnector(Path file) throws ConfigException, IOException {
        return (ConnectorConfig) read(file, Optional.of(Role.CONNECTOR));
    }

    /**
     * Parses config text, for tests and {@code check-config} on standard input. Relative file
     * paths resolve against {@code baseDir}; the source is {@code baseDir/<inline>}.
     */
    public RoleConfig parse(String yaml, Path baseDir) throws ConfigException {
        return parse(yaml, baseDir.toAbsolutePath().normalize().resolve("<inline>"), Optional.empty());
    }

    private RoleConfig read(Path file, Optional<Role> expected) throws ConfigException, IOException {
        Path source = file.toAbsolutePath().normalize();
        return parse(Files.readString(source), source, expected);
    }

    private RoleConfig parse(String yaml, Path source, Optional<Role> expected) throws ConfigException {
        ProblemCollector problems = new ProblemCollector();
        Optional<YamlNode> tree = YamlTreeParser.parse(yaml, problems);
        if (tree.isEmpty()) {
            throw new ConfigException(source, problems.problems());
        }
        if (!(tree.get() instanceof YamlNode.Mapping mapping)) {
            problems.add("", "expected a mapping of keys at the top of the file, got " + tree.get().describe(),
                    tree.get().line());
            throw new ConfigException(source, problems.problems());
        }
        ConfigReader root = ConfigReader.root(mapping, source.getParent(), problems);
        Optional<Role> role = RoleKey.read(root, expected);
        if (role.isEmpty()) {
            // Without a role there is no schema to check the other keys against.
            throw new ConfigException(source, problems.problems());
        }
        RoleConfig config = switch (role.get()) {
            case EDGE -> EdgeConfigParser.parse(root, source, sections.get(Role.EDGE));
            case CONNECTOR -> ConnectorConfigParser.parse(root, source, sections.get(Role.CONNECTOR));
        };
        problems.finishAll();
        if (!problems.isEmpty()) {
            throw new ConfigException(source, problems.problems());
        }
        return config;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        return Set.copyOf(union);
    }
}
