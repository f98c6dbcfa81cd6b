package io.mraedge.core.traversal;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.DirectMemoryPeak;
import io.mraedge.core.testing.EchoClient;
import io.mraedge.core.testing.TestCluster;
import io.mraedge.core.testing.TestConfigs;
import io.mraedge.core.testing.TestPki;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streams over one real traversal connection on loopback (TLS, HTTP/2, the echo flow kind):
 * many in parallel, and one slow reader that must neither grow memory nor stall its neighbour.
 */
class TraversalStreamsTest {
    /** What the slow-reader test allows the pooled allocator to use, for edge and connector together. */
    static final long DIRECT_MEMORY_BOUND = 64L << 20;
    static final long SLOW_TRANSFER = 200L << 20;

    @TempDir
    static Path dir;
    static TestCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        TestPki pki = TestPki.create(dir);
        cluster = TestCluster.edge(pki);
        cluster.connector(TestConfigs.connector(pki, cluster.traversalPort(), "connections-per-edge: 1"));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void hundredParallelEchoStreamsOverOneConnection() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                long seed = i;
                results.add(pool.submit(() -> EchoClient.roundTrip(cluster.echoPort(), 64 * 1024 + (int) seed, seed)));
            }
            for (Future<Boolean> r : results) {
                assertThat(r.get(60, TimeUnit.SECONDS)).as("echoed bytes equal sent bytes").isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(cluster.edgeNode().connectors().snapshot()).as("one traversal connection carried them all").hasSize(1);
    }

    @Test
    void slowReaderStaysBoundedAndDoesNotStallAnotherStream() throws Exception {
        DirectMemoryPeak peak = DirectMemoryPeak.start();

        AtomicLong received = new AtomicLong();
        try (Socket slow = new Socket(InetAddress.getLoopbackAddress(), cluster.echoPort())) {
            slow.setSoTimeout(60_000);
            slow.setReceiveBufferSize(64 * 1024);
            OutputStream out = slow.getOutputStream();
            InputStream in = slow.getInputStream();
            AtomicLong sent = new AtomicLong();
            Thread writer = new Thread(() -> {
                byte[] chunk = new byte[64 * 1024];
                try {
                    while (sent.get() < SLOW_TRANSFER) {
                        out.write(chunk);
                        sent.addAndGet(chunk.length);
                    }
                } catch (Exception ignored) {
                    // the reader's count shows it
                }
            }, "slow-writer");
            writer.start();

            // Deliberately slow: 256 KiB, then a pause. The writer is far faster.
            byte[] buf = new byte[32 * 1024];
            boolean neighbourChecked = false;
            while (received.get() < SLOW_TRANSFER) {
                int inBurst = 0;
                while (inBurst < 256 * 1024 && received.get() < SLOW_TRANSFER) {
                    int n = in.read(buf);
                    assertThat(n).as("stream ended early at %d bytes", received.get()).isPositive();
                    received.addAndGet(n);
                    inBurst += n;
                }
                Thread.sleep(2);
                if (!neighbourChecked && received.get() > 16L << 20) {
                    // The slow stream's window is exhausted now; a second stream must still flow.
                    assertThat(sent.get() - received.get()).as("writer is ahead of the slow reader").isGreaterThan(1L << 20);
                    assertThat(EchoClient.roundTrip(cluster.echoPort(), 1 << 20, 42)).isTrue();
                    neighbourChecked = true;
                }
            }
            writer.join(10_000);
            assertThat(neighbourChecked).isTrue();
        } finally {
            peak.close();
        }
        assertThat(received.get()).isEqualTo(SLOW_TRANSFER);
        System.out.printf("slow reader: %d MiB through one stream, peak pooled direct memory %.1f MiB (bound %d MiB)%n",
                SLOW_TRANSFER >> 20, peak.peak() / 1048576.0, DIRECT_MEMORY_BOUND >> 20);
        assertThat(peak.peak()).as("peak pooled direct memory").isLessThan(DIRECT_MEMORY_BOUND);
        Await.until("flows closed", Duration.ofSeconds(10),
                () -> cluster.edgeNode().connectors().snapshot().get(0).activeStreams() == 1);
    }
}
