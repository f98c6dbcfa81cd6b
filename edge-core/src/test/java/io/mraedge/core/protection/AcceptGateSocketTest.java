package io.mraedge.core.protection;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.net.NetTransport;
import io.mraedge.core.testing.Await;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gate on a real loopback listener built with the project's {@link NetTransport} recipe. */
class AcceptGateSocketTest {

    private static final byte[] GREETING = "hello\n".getBytes(StandardCharsets.US_ASCII);
    // A generous guard against a hung read, not a timing assertion.
    private static final int READ_TIMEOUT_MILLIS = 10_000;

    private final FakeTicker ticker = new FakeTicker();
    private final IntrusionProtection protection = new IntrusionProtection(ProtectionConfig.defaults(), ticker,
            ticker.clock(), ProtectionListener.NONE);
    private final AcceptGate gate = new AcceptGate(protection, null, "traversal");
    private final AtomicInteger served = new AtomicInteger();
    private NetTransport transport;
    private Channel server;

    @BeforeEach
    void listen() throws Exception {
        transport = NetTransport.create("gate-test", 1, true);
        server = transport.serverBootstrap()
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(AcceptGate.NAME, gate).addLast("greeter", new Greeter());
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
    }

    @AfterEach
    void close() {
        if (server != null) {
            server.close().syncUninterruptibly();
        }
        transport.close();
    }

    @Test
    void bannedSourceIsClosedWithoutAByteThenServedOnceLifted() throws Exception {
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (int i = 0; i < 3; i++) {
            protection.record(ProtectionCategory.TRAVERSAL_AUTH_FAILURE, loopback, port);
        }
        assertThat(protection.isBanned(loopback, port)).isTrue();

        try (Socket refused = connect(port)) {
            assertThat(refused.getInputStream().read()).as("closed with no byte").isEqualTo(-1);
        }
        Await.until("the drop is counted", Duration.ofSeconds(10), () -> gate.dropped(AcceptGate.Verdict.BANNED) == 1);
        assertThat(served).hasValue(0);

        assertThat(protection.lift(loopback)).isEqualTo(1);

        try (Socket admitted = connect(port)) {
            assertThat(admitted.getInputStream().readNBytes(GREETING.length)).isEqualTo(GREETING);
        }
        assertThat(served).hasValue(1);
        assertThat(gate.dropped()).isEqualTo(1);
    }

    private static Socket connect(int port) throws Exception {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        return socket;
    }

    /** The listener's next handler: proves it saw the connection by greeting and closing. */
    private final class Greeter extends ChannelInboundHandlerAdapter {
        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            served.incrementAndGet();
            ctx.writeAndFlush(Unpooled.wrappedBuffer(GREETING)).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
