package io.mraedge.distribution;

import io.mraedge.core.ConnectorNode;
import io.mraedge.core.EdgeNode;
import io.mraedge.core.config.ConnectorConfig;
import io.mraedge.core.config.EdgeConfig;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the nodes for the commands and turns a start-up failure into a
 * {@link StartFailedException} whose message is one line for the operator: a listener that
 * cannot bind is named with its port and config key ({@link ListenPorts}); anything else gets
 * the failure's own description, and its stack trace goes to the log.
 */
final class NodeStarter {
    private static final Logger log = LoggerFactory.getLogger(NodeStarter.class);

    private NodeStarter() {
    }

    static EdgeNode edge(EdgeConfig config, InstalledPlugins plugins) throws StartFailedException, InterruptedException {
        log.info("edge {}: starting from {} (plugins: {})", config.name(), config.source(), plugins.describe());
        try {
            return EdgeNode.start(config, plugins.plugins());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            // EdgeNode.start has closed what it bound, so the probe sees only other processes.
            Optional<ListenPorts.Refusal> refused = ListenPorts.firstRefused(ListenPorts.of(config));
            if (refused.isPresent()) {
                log.debug("edge {}: start failed", config.name(), e);
                throw new StartFailedException(refused.get().message(config.source()), e);
            }
            log.error("edge {}: start failed", config.name(), e);
            throw new StartFailedException("the edge " + config.name() + " could not start: " + describe(e), e);
        }
    }

    static ConnectorNode connector(ConnectorConfig config, InstalledPlugins plugins)
            throws StartFailedException, InterruptedException {
        log.info("connector {}: starting from {} (plugins: {})", config.name(), config.source(), plugins.describe());
        try {
            return ConnectorNode.start(config, plugins.plugins());
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            log.error("connector {}: start failed", config.name(), e);
            throw new StartFailedException("the connector " + config.name() + " could not start: " + describe(e), e);
        }
    }

    /** The exception and, when it wraps another, the innermost cause: that is usually the news. */
    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.toString() : e + " (cause: " + root + ")";
    }
}
