package io.mraedge.core.plugin;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What plugins asked a node to close when it stops ({@link EdgeContext#closeWith},
 * {@link ConnectorContext#closeWith}): closed once, in reverse order of registration; a failure
 * is logged and the rest still close.
 */
public final class PluginResources {
    private static final Logger log = LoggerFactory.getLogger(PluginResources.class);

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();

    public synchronized void add(AutoCloseable resource) {
        resources.push(Objects.requireNonNull(resource, "resource"));
    }

    /** Closes every resource added so far, last first. */
    public void closeAll() {
        for (AutoCloseable r; (r = next()) != null; ) {
            try {
                r.close();
            } catch (Exception e) {
                log.warn("closing {} failed", r, e);
            }
        }
    }

    private synchronized AutoCloseable next() {
        return resources.poll();
    }
}
