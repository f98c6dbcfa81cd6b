package io.mraedge.core.config;

import java.util.Optional;

/** Reads the {@code role:} key, which decides the schema of the rest of the file. */
final class RoleKey {

    private RoleKey() {
    }

    /**
     * The file's role, or empty after recording a problem: the key is missing, is not
     * {@code edge} or {@code connector}, or is not the role the caller asked for.
     */
    static Optional<Role> read(ConfigReader root, Optional<Role> expected) {
        String value = root.string("role");
        if (value == null) {
            return Optional.empty();
        }
        Optional<Role> role = Optional.empty();
        for (Role candidate : Role.values()) {
            if (candidate.yamlName().equals(value)) {
                role = Optional.of(candidate);
            }
        }
        if (role.isEmpty()) {
            root.problem("role", "must be edge or connector, got " + YamlNode.quote(value));
        } else if (expected.isPresent() && role.get() != expected.get()) {
            root.problem("role", "must be " + expected.get().yamlName() + " here, got " + YamlNode.quote(value));
            return Optional.empty();
        }
        return role;
    }
}
