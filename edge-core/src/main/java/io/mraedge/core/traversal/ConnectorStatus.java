package io.mraedge.core.traversal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The connector's live status, which it reports to every edge over the status stream as one
 * JSON object per line: {@code name}, {@code maintenance}, {@code load} (active flows per kind),
 * {@code version}, plus sections that protocol plugins add (registrations, allow-list rules…).
 *
 * <p>Thread-safe. Changes notify listeners, which publish a fresh line; a burst of changes on
 * one event loop collapses into one line (see {@link StatusPublisher}).
 */
public final class ConnectorStatus {
    private final String name;
    private final String version;
    private volatile boolean maintenance;
    private final Map<String, AtomicLong> load = new ConcurrentHashMap<>();
    private final Map<String, Supplier<JsonNode>> sections = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();

    public ConnectorStatus(String name, String version) {
        this.name = Objects.requireNonNull(name);
        this.version = Objects.requireNonNull(version);
    }

    public String name() {
        return name;
    }

    public boolean maintenance() {
        return maintenance;
    }

    /** Enters or leaves maintenance; edges stop routing new flows here while it is on. */
    public void maintenance(boolean on) {
        if (maintenance != on) {
            maintenance = on;
            changed();
        }
    }

    /** A flow of {@code kind} started. */
    public void flowOpened(String kind) {
        load.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        changed();
    }

    /** A flow of {@code kind} ended. */
    public void flowClosed(String kind) {
        AtomicLong n = load.get(kind);
        if (n != null) {
            n.decrementAndGet();
        }
        changed();
    }

    /** Active flows of a kind. */
    public long load(String kind) {
        AtomicLong n = load.get(kind);
        return n == null ? 0 : n.get();
    }

    /**
     * Adds a section to every report, computed when a line is written. A plugin calls
     * {@link #changed()} when its section's content changes.
     */
    public void section(String key, Supplier<JsonNode> supplier) {
        if (StatusReport.CORE_FIELDS.contains(key)) {
            throw new IllegalArgumentException("'" + key + "' is a core status field");
        }
        sections.put(key, supplier);
        changed();
    }

    /** Registers a change listener; returns the handle that removes it. */
    public AutoCloseable onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Tells listeners that something in the report changed. */
    public void changed() {
        for (Runnable l : listeners) {
            l.run();
        }
    }

    /** The report as it stands now. */
    public ObjectNode toJson() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("name", name);
        root.put("maintenance", maintenance);
        ObjectNode loadNode = root.putObject("load");
        load.forEach((k, v) -> loadNode.put(k, v.get()));
        root.put("version", version);
        sections.forEach((k, s) -> root.set(k, s.get()));
        return root;
    }
}
