package io.mraedge.core.protection;

import static io.mraedge.core.protection.ProtectionCategory.SIP_AUTH_FAILURE;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The gate on {@link EmbeddedChannel}s that pretend to be accepted TCP connections. */
class AcceptGateTest {

    private static final InetSocketAddress LISTENER = new InetSocketAddress("192.0.2.1", 5061);
    private static final InetSocketAddress ATTACKER = new InetSocketAddress("203.0.113.9", 40000);
    private static final InetSocketAddress USER = new InetSocketAddress("203.0.113.10", 40001);

    private final FakeTicker ticker = new FakeTicker();
    private final IntrusionProtection protection = new IntrusionProtection(ProtectionConfig.defaults(), ticker,
            ticker.clock(), ProtectionListener.NONE);

    @Test
    void admittedConnectionGoesOnWithoutTheGate() throws Exception {
        AcceptGate gate = new AcceptGate(protection, new ConnectionRateLimiter(ProtectionConfig.defaults(), ticker),
                "sip");
        EventRecorder next = new EventRecorder();
        AcceptedChannel ch = AcceptedChannel.open(USER, LISTENER, gate, next);

        assertThat(ch.isOpen()).isTrue();
        assertThat(ch.pipeline().get(AcceptGate.NAME)).as("the gate removed itself").isNull();
        assertThat(next.events).containsExactly("registered", "active");
        assertThat(gate.dropped()).isZero();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void bannedSourceIsClosedSilentlyAndOthersAreServed() throws Exception {
        AcceptGate gate = new AcceptGate(protection, null, "sip");
        for (int i = 0; i < 5; i++) {
            protection.record(SIP_AUTH_FAILURE, ATTACKER.getAddress(), LISTENER.getPort());
        }
        EventRecorder next = new EventRecorder();

        AcceptedChannel refused = AcceptedChannel.open(ATTACKER, LISTENER, gate, next);

        assertThat(refused.isOpen()).isFalse();
        assertThat((Object) refused.readOutbound()).as("not a byte written").isNull();
        assertThat(next.events).doesNotContain("registered", "active");
        assertThat(gate.dropped(AcceptGate.Verdict.BANNED)).isEqualTo(1);
        assertThat(gate.dropped(AcceptGate.Verdict.RATE_LIMITED)).isZero();
        assertThat(refused.finishAndReleaseAll()).isFalse();

        // The next client is served; the attacker is free on another port.
        AcceptedChannel served = AcceptedChannel.open(USER, LISTENER, gate, new EventRecorder());
        assertThat(served.isOpen()).isTrue();
        assertThat(gate.check(ATTACKER, new InetSocketAddress("192.0.2.1", 8443)))
                .isEqualTo(AcceptGate.Verdict.ADMIT);
        assertThat(served.finishAndReleaseAll()).isFalse();
    }

    @Test
    void sourceOverTheRateLimitIsClosed() {
        ConnectionRateLimiter limiter = new ConnectionRateLimiter(new RateLimitPolicy(100, 2), List.of(), 1000, ticker);
        AcceptGate gate = new AcceptGate(protection, limiter, "https");

        assertThat(gate.check(USER, LISTENER)).isEqualTo(AcceptGate.Verdict.ADMIT);
        assertThat(gate.check(USER, LISTENER)).isEqualTo(AcceptGate.Verdict.ADMIT);
        AcceptedChannel third = AcceptedChannel.open(USER, LISTENER, gate, new EventRecorder());

        assertThat(third.isOpen()).isFalse();
        assertThat(gate.dropped(AcceptGate.Verdict.RATE_LIMITED)).isEqualTo(1);
        assertThat(gate.dropped()).isEqualTo(1);
        assertThat(third.finishAndReleaseAll()).isFalse();
    }

    @Test
    void bannedSourceDoesNotSpendRateLimitTokens() {
        ConnectionRateLimiter limiter = new ConnectionRateLimiter(new RateLimitPolicy(100, 1), List.of(), 1000, ticker);
        AcceptGate gate = new AcceptGate(protection, limiter, "sip");
        for (int i = 0; i < 5; i++) {
            protection.record(SIP_AUTH_FAILURE, ATTACKER.getAddress(), LISTENER.getPort());
        }

        assertThat(gate.check(ATTACKER, LISTENER)).isEqualTo(AcceptGate.Verdict.BANNED);
        protection.lift(ATTACKER.getAddress());

        assertThat(gate.check(ATTACKER, LISTENER)).isEqualTo(AcceptGate.Verdict.ADMIT);
    }

    @Test
    void nonIpAddressesAreAdmitted() {
        AcceptGate gate = new AcceptGate(protection, null, "local");

        assertThat(gate.check(null, LISTENER)).isEqualTo(AcceptGate.Verdict.ADMIT);
        assertThat(gate.check(new SocketAddress() { }, LISTENER)).isEqualTo(AcceptGate.Verdict.ADMIT);
    }

    /** An EmbeddedChannel with the addresses of an accepted TCP connection. */
    static final class AcceptedChannel extends EmbeddedChannel {
        private SocketAddress remote;
        private SocketAddress local;

        private AcceptedChannel() {
            super(false, false); // registered later, once the addresses are set
        }

        static AcceptedChannel open(SocketAddress remote, SocketAddress local, AcceptGate gate,
                                    ChannelHandler next) {
            AcceptedChannel ch = new AcceptedChannel();
            ch.remote = remote;
            ch.local = local;
            ch.pipeline().addLast(AcceptGate.NAME, gate).addLast("next", next);
            try {
                ch.register();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return ch;
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return remote;
        }

        @Override
        protected SocketAddress localAddress0() {
            return local;
        }
    }

    /** Records which lifecycle events reach the handler after the gate. */
    static final class EventRecorder extends ChannelInboundHandlerAdapter {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void channelRegistered(ChannelHandlerContext ctx) {
            events.add("registered");
            ctx.fireChannelRegistered();
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            events.add("active");
            ctx.fireChannelActive();
        }
    }
}
