package io.mraedge.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small seeded fuzz of the loader: whatever an operator's editor does to a good file, loading
 * it either succeeds or throws {@link ConfigException} with located problems, never another
 * exception (a record invariant tripped by a half-read value, say).
 */
class ConfigLoaderRobustnessTest {

    private static final String YAML_CHARACTERS = ":-[]{},#&*!|>'\"%@` \t\n0aZ.";
    private static final int MUTANTS_PER_FILE = 1500;

    @TempDir
    Path dir;

    @Test
    void mutatedFilesFailOnlyWithConfigProblems() {
        ConfigFixtures.files(dir);
        ConfigLoader loader = ConfigLoader.standard()
                .withSection(Role.EDGE, "sip", section -> section.finish(() -> section.integer("port", 1, 1, 9)));
        Random random = new Random(20_240_501L);
        int rejected = 0;
        for (String original : List.of(ConfigFixtures.EDGE_MINIMAL + "sip: {port: 2}\n",
                ConfigFixtures.CONNECTOR_MINIMAL)) {
            for (int i = 0; i < MUTANTS_PER_FILE; i++) {
                String mutant = mutate(original, random);
                try {
                    loader.parse(mutant, dir);
                } catch (ConfigException e) {
                    rejected++;
                    assertThat(e.problems()).isNotEmpty();
                } catch (RuntimeException e) {
                    fail("unexpected " + e + " for:\n" + mutant, e);
                }
            }
        }
        // Most mutants break something; if none did, the mutation would be testing nothing.
        assertThat(rejected).isGreaterThan(MUTANTS_PER_FILE);
    }

    private static String mutate(String text, Random random) {
        StringBuilder mutant = new StringBuilder(text);
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(mutant.length());
            switch (random.nextInt(4)) {
                case 0 -> mutant.deleteCharAt(at);
                case 1 -> mutant.insert(at, YAML_CHARACTERS.charAt(random.nextInt(YAML_CHARACTERS.length())));
                case 2 -> mutant.setCharAt(at, YAML_CHARACTERS.charAt(random.nextInt(YAML_CHARACTERS.length())));
                default -> {
                    List<String> lines = new ArrayList<>(List.of(mutant.toString().split("\n", -1)));
                    int line = random.nextInt(lines.size());
                    lines.add(random.nextInt(lines.size()), lines.get(line));
                    mutant = new StringBuilder(String.join("\n", lines));
                }
            }
        }
        return mutant.toString();
    }
}
