package io.mraedge.core.config;

/**
 * Reads one protocol module's top-level section of a role's config file, for example
 * {@code sip:} on the edge. Register it with {@link ConfigLoader#withSection}; the parsed value
 * is then in {@link RoleConfig#sections()} under its key. The parser is called only when the
 * file has the section.
 *
 * <p>Read every key through the {@link ConfigReader} (that is what makes a key allowed) and
 * return {@code section.finish(() -> new MySection(...))}. Do not throw for bad values; the
 * reader records them, and the load reports them together with every other problem of the file.
 * Keys the parser does not ask for are reported as unknown, whether or not it calls finish.
 *
 * @param <T> the immutable value the section is parsed into
 */
@FunctionalInterface
public interface SectionParser<T> {

    /**
     * Parses the section.
     *
     * @param section a reader over the section's mapping, paths prefixed with its key
     * @return the parsed section, or {@code null} when a problem was recorded
     */
    T parse(ConfigReader section);
}
