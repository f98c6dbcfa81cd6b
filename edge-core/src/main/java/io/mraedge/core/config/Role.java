package io.mraedge.core.config;

import java.util.Locale;

/**
 * Which side of the traversal tunnel a process plays; the {@code role:} key of every config file
 * ({@code role: edge} or {@code role: connector}) says which schema the rest of the file follows.
 */
public enum Role {
    /** In the DMZ: accepts outside clients, and the connectors' traversal links on the inside. */
    EDGE,
    /** Inside: dials out to the edges and serves the streams they forward. */
    CONNECTOR;

    /** The spelling in the file: {@code edge}, {@code connector}. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
