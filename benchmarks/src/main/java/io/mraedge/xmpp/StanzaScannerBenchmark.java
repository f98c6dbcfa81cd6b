package io.mraedge.xmpp;

import io.mraedge.xmpp.codec.StanzaScanner;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the edge's stanza-size tracking costs per relayed buffer: {@link StanzaScanner} over a
 * buffer of chat stanzas, against a bare {@code forEachByte} over the same bytes (the baseline,
 * same run). Report the ratio; bytes per second follow from the buffer size.
 *
 * <p>{@code java -jar benchmarks/target/benchmarks.jar StanzaScannerBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StanzaScannerBenchmark {
    @Param({"200", "16384"})
    public int bodyBytes;

    @Param({"true", "false"})
    public boolean direct;

    private ByteBuf buffer;
    private StanzaScanner scanner;

    @Setup
    public void setUp() {
        String stanza = "<message to='bob@example.com' type='chat' id='m1'><body>" + "x".repeat(bodyBytes)
                + "</body><active xmlns='http://jabber.org/protocol/chatstates'/></message> ";
        byte[] bytes = stanza.repeat(Math.max(1, 65536 / stanza.length())).getBytes(StandardCharsets.UTF_8);
        buffer = direct ? PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length)
                : PooledByteBufAllocator.DEFAULT.heapBuffer(bytes.length);
        buffer.writeBytes(bytes);
        scanner = new StanzaScanner(1 << 20, 4096);
    }

    @TearDown
    public void tearDown() {
        buffer.release();
    }

    @Benchmark
    public StanzaScanner.Verdict scanner() {
        return scanner.scan(buffer);
    }

    @Benchmark
    public int baselineForEachByte() {
        return buffer.forEachByte(ByteProcessor.FIND_NUL);
    }
}
