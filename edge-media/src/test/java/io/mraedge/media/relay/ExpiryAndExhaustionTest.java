package io.mraedge.media.relay;

import static io.mraedge.media.relay.RelayFixture.WAIT;
import static io.mraedge.media.relay.RelayFixture.inside;
import static io.mraedge.media.relay.RelayFixture.outside;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mraedge.core.testing.Await;
import io.mraedge.media.ports.PortsExhaustedException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Idle expiry on the injected clock, and a small port range running out and recovering. */
class ExpiryAndExhaustionTest {
    private static final Duration IDLE = Duration.ofSeconds(30);

    @Test
    void aStreamWithoutMediaExpiresAndFreesItsPorts() throws Exception {
        try (RelayFixture fixture = new RelayFixture(LatchPolicy.SIGNALLED_IP, IDLE, 20, 20)) {
            UdpPeer client = fixture.peer("127.0.0.2");
            UdpPeer phone = fixture.peer("127.0.0.3");
            int edgeFree = fixture.edge.totals().portsFree();
            int connectorFree = fixture.connector.totals().portsFree();
            RelayFixture.Call call = fixture.call(client, phone, true);
            AtomicInteger edgeExpired = new AtomicInteger();
            AtomicInteger connectorExpired = new AtomicInteger();
            call.edge().onExpired(edgeExpired::incrementAndGet);
            call.connector().onExpired(connectorExpired::incrementAndGet);
            client.relay(10, outside(call.edge()), phone, inside(call.connector()));

            // Media moved recently: less than the timeout later, the streams live on.
            fixture.nanos.addAndGet(IDLE.toNanos() / 2);
            client.relay(10, outside(call.edge()), phone, inside(call.connector()));
            assertThat(call.edge().isOpen()).isTrue();

            // Then nothing for longer than the timeout: the scanner closes both streams.
            Await.until("both streams expire", WAIT, () -> {
                fixture.nanos.addAndGet(IDLE.toNanos() + 1);
                return !call.edge().isOpen() && !call.connector().isOpen();
            });
            Await.until("onExpired runs once on each side", WAIT,
                    () -> edgeExpired.get() == 1 && connectorExpired.get() == 1);
            Await.until("ports return", WAIT, () -> fixture.edge.totals().portsFree() == edgeFree
                    && fixture.connector.totals().portsFree() == connectorFree);
            assertThat(fixture.edge.totals().streamsActive()).isZero();
            // The expired outside port no longer relays.
            client.send(outside(call.edge()), UdpPeer.rtp(0, 100));
            assertThat(phone.drain(100)).isZero();
            // Closing an expired stream is a no-op, and expiry is not reported twice.
            call.edge().close();
            assertThat(edgeExpired.get()).isEqualTo(1);
        }
    }

    @Test
    void aStreamThatNeverCarriedMediaOutlivesTheIdleTimeoutUntilTheSetupTimeout() throws Exception {
        try (RelayFixture fixture = new RelayFixture(LatchPolicy.SIGNALLED_IP, IDLE, 20, 20)) {
            EdgeStream ringing = fixture.edge.allocate(null, true);
            // Scans at idle-timeout steps: a call still ringing keeps its ports past idle-timeout...
            for (int i = 0; i < 4; i++) {
                fixture.nanos.addAndGet(IDLE.toNanos() + 1);
                Thread.sleep(IdleScanner.period(IDLE) / 1_000_000 + 20);
            }
            assertThat(ringing.isOpen()).as("open after 4 idle timeouts (120 s) without media").isTrue();
            // ...and loses them after setup-timeout (180 s by default).
            Await.until("the never-used stream expires", WAIT, () -> {
                fixture.nanos.addAndGet(IDLE.toNanos());
                return !ringing.isOpen();
            });
        }
    }

    @Test
    void portsHeldByAnotherSocketAreNeverSharedThroughReusePort() throws Exception {
        try (RelayFixture fixture = new RelayFixture(LatchPolicy.SIGNALLED_IP, IDLE, 4, 4)) {
            // A second relay on the same traversal ports does not start (it would split their traffic).
            assertThatThrownBy(() -> EdgeMediaRelay.start(fixture.edge.config(), fixture.transport,
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), fixture.nanos::get))
                    .hasMessageContaining("held by another socket");
            // An outside port someone else holds is skipped: the stream gets the other pair.
            int first = fixture.edge.config().outsidePorts().first();
            try (java.nio.channels.DatagramChannel holder = java.nio.channels.DatagramChannel.open()
                    .bind(new java.net.InetSocketAddress(RelayFixture.LOOPBACK, first))) {
                for (int i = 0; i < 8; i++) {
                    EdgeStream s = fixture.edge.allocate(null, true);
                    assertThat(s.outsidePort()).isEqualTo(first + 2);
                    s.close();
                    Await.until("ports back", WAIT, () -> fixture.edge.totals().portsFree() == 4);
                }
            }
        }
    }

    @Test
    void aStreamWithMediaOneWayDoesNotExpire() throws Exception {
        try (RelayFixture fixture = new RelayFixture(LatchPolicy.SIGNALLED_IP, IDLE, 20, 20)) {
            UdpPeer client = fixture.peer("127.0.0.2");
            UdpPeer phone = fixture.peer("127.0.0.3");
            RelayFixture.Call call = fixture.call(client, phone, false);
            for (int round = 0; round < 5; round++) {
                // Media before every jump of a third of the timeout: no two scans can see the
                // clock move a whole timeout without media between them.
                client.relay(5, outside(call.edge()), phone, inside(call.connector()));
                fixture.nanos.addAndGet(IDLE.toNanos() / 3);
            }
            assertThat(call.edge().isOpen()).isTrue();
            assertThat(call.connector().isOpen()).isTrue();
        }
    }

    @Test
    void outsidePortsSkipTheTraversalPortsOnTheSameAddress() throws Exception {
        try (RelayFixture fixture = new RelayFixture(LatchPolicy.SIGNALLED_IP)) {
            int base = RelayFixture.BASE + 900;
            EdgeMediaConfig config = new EdgeMediaConfig(RelayFixture.LOOPBACK, RelayFixture.LOOPBACK,
                    RelayFixture.LOOPBACK, io.mraedge.media.ports.PortRange.of(base, base + 15),
                    io.mraedge.media.ports.PortRange.of(base, base + 11), LatchPolicy.ANY_SOURCE, IDLE, 2048, 16,
                    io.mraedge.media.sdp.CandidatePolicy.STRIP);
            try (EdgeMediaRelay relay = EdgeMediaRelay.start(config, fixture.transport,
                    new io.micrometer.core.instrument.simple.SimpleMeterRegistry(), fixture.nanos::get)) {
                assertThat(relay.totals().portsFree()).isEqualTo(4);
                EdgeStream a = relay.allocate(null, true);
                EdgeStream b = relay.allocate(null, true);
                assertThat(java.util.Set.of(a.outsidePort(), b.outsidePort())).containsExactlyInAnyOrder(base + 12,
                        base + 14);
                assertThatThrownBy(() -> relay.allocate(null, false)).isInstanceOf(PortsExhaustedException.class);
            }
        }
    }

    @Test
    void exhaustingASmallRangeThrowsAndTheRangeRecoversAfterCloseAndExpiry() throws Exception {
        // Four outside ports: two RTP/RTCP pairs.
        try (RelayFixture fixture = new RelayFixture(LatchPolicy.SIGNALLED_IP, IDLE, 4, 4)) {
            EdgeStream first = fixture.edge.allocate(null, true);
            EdgeStream second = fixture.edge.allocate(null, true);
            assertThat(first.outsidePort()).isNotEqualTo(second.outsidePort());
            assertThatThrownBy(() -> fixture.edge.allocate(null, true)).isInstanceOf(PortsExhaustedException.class);
            assertThatThrownBy(() -> fixture.edge.allocate(null, false)).isInstanceOf(PortsExhaustedException.class);
            assertThat(fixture.edge.totals().portsExhausted()).isEqualTo(2);
            assertThat(fixture.registry.get(MediaMetricNames.PORTS_EXHAUSTED).tag(MediaMetricNames.TAG_ROLE, "edge")
                    .counter().count()).isEqualTo(2);

            first.close();
            EdgeStream third = fixture.edge.allocate(null, true);
            assertThat(third.outsidePort()).isEqualTo(first.outsidePort());

            // Expiry frees the others.
            Await.until("idle streams expire", WAIT, () -> {
                fixture.nanos.addAndGet(IDLE.toNanos() + 1);
                return !second.isOpen() && !third.isOpen();
            });
            Await.until("every port is free", WAIT, () -> fixture.edge.totals().portsFree() == 4);
            EdgeStream a = fixture.edge.allocate(null, false);
            EdgeStream b = fixture.edge.allocate(null, true);
            assertThat(a.isOpen()).isTrue();
            assertThat(b.isOpen()).isTrue();

            ConnectorStream c1 = fixture.connector.allocate(true);
            ConnectorStream c2 = fixture.connector.allocate(true);
            assertThatThrownBy(() -> fixture.connector.allocate(false)).isInstanceOf(PortsExhaustedException.class);
            c1.close();
            c2.close();
            assertThat(fixture.connector.totals().portsFree()).isEqualTo(4);
        }
    }
}
