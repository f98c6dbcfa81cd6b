package io.mraedge.core.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What every role's config has in common: the role, the process name, shutdown, the file it
 * came from, and the protocol sections that modules registered with
 * {@link ConfigLoader#withSection}. Switch over the two permitted records for the rest.
 */
public sealed interface RoleConfig permits EdgeConfig, ConnectorConfig {

    /** Which role the file is for. */
    Role role();

    /** The process name, {@code [A-Za-z0-9._-]{1,64}}; shows in status, logs and metrics. */
    String name();

    /** How to stop. */
    ShutdownConfig shutdown();

    /** The absolute path of the file this was read from ({@code <inline>} for parsed text). */
    Path source();

    /** Parsed protocol sections by top-level key; only sections present in the file. */
    Map<String, Object> sections();

    /**
     * A parsed protocol section (see {@link SectionParser}), or empty when the file does not
     * have it.
     *
     * @throws ClassCastException if the section was parsed into another type than {@code type}
     */
    default <T> Optional<T> section(String key, Class<T> type) {
        Object value = sections().get(key);
        return value == null ? Optional.empty() : Optional.of(type.cast(value));
    }
}
