package io.mraedge.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Small valid files and helpers shared by the config tests. The file-valued keys only need
 * readable files, so the "certificates" are dummy text.
 */
final class ConfigFixtures {

    static final String EDGE_MINIMAL = """
            role: edge
            name: edge-1
            tls: {certificate: edge.crt, private-key: edge.key}
            traversal:
              ca: ca.crt
              allowed-connectors: [connector-1.example.int]
            """;

    static final String CONNECTOR_MINIMAL = """
            role: connector
            name: connector-1
            tls: {certificate: connector.crt, private-key: connector.key}
            traversal:
              edges:
                - address: edge-inside.example.int
              ca: ca.crt
            """;

    private ConfigFixtures() {
    }

    /** Creates the dummy files the minimal configs refer to. */
    static Path files(Path dir) {
        for (String name : List.of("edge.crt", "edge.key", "connector.crt", "connector.key", "ca.crt")) {
            write(dir.resolve(name), "dummy " + name + "\n");
        }
        return dir;
    }

    static Path write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses {@code yaml} expecting it to fail; returns each problem as the operator reads it. */
    static List<String> problems(ConfigLoader loader, String yaml, Path dir) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> loader.parse(yaml, dir));
        assertThat(e).as("expected a ConfigException").isNotNull();
        assertThat(e.getMessage()).contains(e.problems().get(0).toString());
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }

    static List<String> problems(String yaml, Path dir) {
        return problems(ConfigLoader.standard(), yaml, dir);
    }
}
