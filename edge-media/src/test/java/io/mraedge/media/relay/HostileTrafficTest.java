package io.mraedge.media.relay;

import static io.mraedge.media.relay.RelayFixture.WAIT;
import static io.mraedge.media.relay.RelayFixture.inside;
import static io.mraedge.media.relay.RelayFixture.outside;
import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.testing.Await;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Random bytes, short datagrams, fake probes and a flood from unknown sources, at the outside
 * port, the traversal ports and the connector's inside port: all dropped and counted, nothing
 * thrown or leaked, while a live stream keeps relaying without loss.
 */
class HostileTrafficTest {
    private static final int FLOOD = 20_000;
    /** Paced bursts: each waits until the relay has counted it, so that counts can be exact. */
    private static final int BURST = 100;

    private final Random random = new Random(7);
    private RelayFixture fixture;
    private UdpPeer client;
    private UdpPeer phone;
    private RelayFixture.Call call;
    private List<InetSocketAddress> traversalPorts;

    @BeforeEach
    void start() throws Exception {
        fixture = new RelayFixture(LatchPolicy.SIGNALLED_IP);
        client = fixture.peer("127.0.0.2");
        phone = fixture.peer("127.0.0.3");
        call = fixture.call(client, phone, false);
        client.relay(10, outside(call.edge()), phone, inside(call.connector()));
        traversalPorts = new ArrayList<>();
        for (int p = fixture.edge.config().traversalPorts().first(); p <= fixture.edge.config().traversalPorts().last(); p++) {
            traversalPorts.add(new InetSocketAddress(RelayFixture.LOOPBACK, p));
        }
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    private byte[] junk() {
        int kind = random.nextInt(10);
        byte[] data;
        if (kind == 0) {
            data = new byte[random.nextInt(3)];              // empty and tiny
        } else if (kind == 1) {
            data = fakeProbe();                               // a probe with a token no stream has
            return data;
        } else if (kind == 2) {
            data = new byte[20 + random.nextInt(3)];          // around a probe's length
            ByteBuffer.wrap(data).putInt(ProbeCodec.MAGIC);
            return data;
        } else {
            data = new byte[1 + random.nextInt(300)];
        }
        random.nextBytes(data);
        return data;
    }

    private byte[] fakeProbe() {
        ByteBuffer probe = ByteBuffer.allocate(ProbeCodec.LENGTH);
        probe.putInt(ProbeCodec.MAGIC).putLong(random.nextLong()).putLong(random.nextLong()).put((byte) random.nextInt(2));
        return probe.array();
    }

    @Test
    void aFloodOfJunkIsDroppedAndCountedWhileTheLiveStreamLosesNothing() throws Exception {
        UdpPeer strangerA = fixture.peer("127.0.0.3");
        UdpPeer strangerB = fixture.peer("127.0.0.2");
        InetSocketAddress outsidePort = outside(call.edge());
        InetSocketAddress connectorPort = inside(call.connector());

        // Paced: every datagram is accounted for exactly.
        long expected = strays();
        assertThat(expected).isZero();
        int sent = 0;
        while (sent < FLOOD) {
            for (int i = 0; i < BURST; i++) {
                int n = sent + i;
                switch (n % 3) {
                    case 0 -> strangerA.send(outsidePort, junk());
                    case 1 -> strangerA.send(traversalPorts.get(n % traversalPorts.size()), junk());
                    default -> strangerB.send(connectorPort, junk());
                }
            }
            sent += BURST;
            long target = expected + BURST;
            Await.until("burst counted", WAIT, () -> strays() == target);
            expected = target;
            if (sent % 5000 == 0) {
                // The live stream still relays every datagram, both ways.
                client.relay(50, outside(call.edge()), phone, connectorPort);
                phone.relay(50, connectorPort, client, outside(call.edge()));
            }
        }
        assertThat(strays()).isEqualTo(FLOOD);

        // Unpaced: as fast as one thread sends, while the live stream runs. Some of it may die in
        // full kernel buffers, so only bounds are checked.
        int unpaced = 3 * (FLOOD / 4);
        CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < FLOOD / 4; i++) {
                strangerA.send(outsidePort, junk());
                strangerA.send(traversalPorts.get(i % traversalPorts.size()), junk());
                strangerB.send(connectorPort, junk());
            }
        });
        client.relay(300, outside(call.edge()), phone, connectorPort);
        phone.relay(300, connectorPort, client, outside(call.edge()));
        flood.get(60, TimeUnit.SECONDS);
        Await.until("the unpaced flood is counted", WAIT, () -> strays() >= FLOOD + 100);
        assertThat(strays()).isLessThanOrEqualTo(FLOOD + unpaced);

        StreamCounters edge = call.edge().counters();
        StreamCounters connector = call.connector().counters();
        int live = 10 + 300 + 4 * 50;
        assertThat(edge.toInside().forwardedPackets()).isEqualTo(live);
        assertThat(edge.toOutside().forwardedPackets()).isEqualTo(300 + 4 * 50);
        assertThat(connector.toInside().forwardedPackets()).isEqualTo(live);
        assertThat(connector.toOutside().forwardedPackets()).isEqualTo(300 + 4 * 50);
        assertThat(edge.toInside().dropped(DropReason.STRAY)).isPositive();
        assertThat(connector.toOutside().dropped(DropReason.STRAY)).isPositive();
        assertThat(fixture.edge.totals().toOutside().dropped(DropReason.UNKNOWN_TOKEN)).isPositive();
        assertThat(fixture.edge.totals().toOutside().dropped(DropReason.ERROR)).isZero();
        assertThat(fixture.edge.totals().toInside().dropped(DropReason.ERROR)).isZero();
        assertThat(client.drain(50)).as("no junk reached the client").isZero();
        assertThat(phone.drain(50)).as("no junk reached the inside endpoint").isZero();
        assertThat(strangerA.drain(50)).as("nothing answered a stranger").isZero();
    }

    /** Every datagram the relays dropped as not theirs: strays and unknown tokens, both relays. */
    private long strays() {
        MediaTotals edge = fixture.edge.totals();
        MediaTotals connector = fixture.connector.totals();
        return edge.toInside().dropped(DropReason.STRAY) + edge.toOutside().dropped(DropReason.STRAY)
                + edge.toOutside().dropped(DropReason.UNKNOWN_TOKEN) + connector.toOutside().dropped(DropReason.STRAY);
    }

    @Test
    void aProbeWithAnUnknownTokenIsIgnored() throws Exception {
        UdpPeer stranger = fixture.peer("127.0.0.1");
        InetSocketAddress traversal = new InetSocketAddress(RelayFixture.LOOPBACK, call.edge().traversalPort());
        long before = fixture.edge.totals().toOutside().dropped(DropReason.UNKNOWN_TOKEN);
        for (int i = 0; i < 10; i++) {
            stranger.send(traversal, fakeProbe());
        }
        Await.until("unknown tokens counted", WAIT,
                () -> fixture.edge.totals().toOutside().dropped(DropReason.UNKNOWN_TOKEN) == before + 10);
        assertThat(stranger.drain(100)).as("no ack for an unknown token").isZero();

        // The right token for the wrong component (RTCP on a stream without RTCP) is no better.
        ByteBuffer wrongComponent = ByteBuffer.allocate(ProbeCodec.LENGTH);
        RelayToken token = RelayToken.parse(call.edge().token());
        wrongComponent.putInt(ProbeCodec.MAGIC).putLong(token.high()).putLong(token.low()).put((byte) 1);
        stranger.send(new InetSocketAddress(RelayFixture.LOOPBACK, call.edge().traversalPort() + 1), wrongComponent.array());
        Await.until("wrong component counted", WAIT,
                () -> fixture.edge.totals().toOutside().dropped(DropReason.UNKNOWN_TOKEN) == before + 11);
        assertThat(stranger.drain(100)).isZero();

        // The stream is untouched.
        client.relay(20, outside(call.edge()), phone, inside(call.connector()));
        phone.relay(20, inside(call.connector()), client, outside(call.edge()));
    }
}
