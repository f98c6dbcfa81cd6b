package io.mraedge.sip;

import com.sun.management.OperatingSystemMXBean;
import io.mraedge.core.ConnectorNode;
import io.mraedge.core.EdgeNode;
import io.mraedge.core.config.ConnectorConfig;
import io.mraedge.core.config.EdgeConfig;
import io.mraedge.core.config.RoleConfig;
import io.mraedge.sip.edge.SipEdgeService;
import io.mraedge.sip.testing.SipCluster;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One mra-edge node (edge or connector, from a YAML file) in its own JVM, so that the load
 * drivers measure its heap and CPU alone. Protocol on stdin/stdout, one line each:
 * <ul>
 *   <li>at start it prints {@code READY <traversal port> <sip port>} (edge) or {@code READY};
 *   <li>{@code heap} → {@code HEAP <used bytes after GC> <process CPU ns> <registrations current>};
 *   <li>{@code quit} (or end of input) → closes the node and exits.
 * </ul>
 */
public final class SipNodeProcess {
    private SipNodeProcess() {
    }

    public static void main(String[] args) throws Exception {
        RoleConfig config = SipCluster.LOADER.load(Path.of(args[0]));
        AutoCloseable node;
        EdgeNode edge = null;
        if (config instanceof EdgeConfig e) {
            edge = EdgeNode.start(e, List.of(new SipPlugin()));
            node = edge;
            System.out.println("READY " + edge.traversalAddress().getPort() + " "
                    + edge.listenerAddress(SipEdgeService.LISTENER).getPort());
        } else {
            node = ConnectorNode.start((ConnectorConfig) config, List.of(new SipPlugin()));
            System.out.println("READY");
        }
        System.out.flush();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = in.readLine()) != null && !line.equals("quit"); ) {
            if (line.equals("heap")) {
                for (int i = 0; i < 3; i++) {
                    System.gc();
                    Thread.sleep(200);
                }
                long current = -1;
                if (edge != null) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> r = (Map<String, Object>) edge.statusDocument().get("registrations");
                    current = (Long) r.get("current");
                }
                System.out.println("HEAP " + memory.getHeapMemoryUsage().getUsed() + " " + os.getProcessCpuTime() + " "
                        + current);
                System.out.flush();
            }
        }
        node.close();
        System.exit(0);
    }
}
