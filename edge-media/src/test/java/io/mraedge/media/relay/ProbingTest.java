package io.mraedge.media.relay;

import static io.mraedge.media.relay.RelayFixture.LOOPBACK;
import static io.mraedge.media.relay.RelayFixture.WAIT;
import static io.mraedge.media.relay.RelayFixture.inside;
import static io.mraedge.media.relay.RelayFixture.outside;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mraedge.core.testing.Await;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The connector's probes: acks, keepalives, re-pointing a stream, and a leg replaced on the edge. */
class ProbingTest {

    @Test
    void keepalivesAreAckedAndNeverForwarded() throws Exception {
        try (RelayFixture fixture = new RelayFixture(LatchPolicy.SIGNALLED_IP, Duration.ofSeconds(60), 20, 20,
                Duration.ofMillis(20))) {
            UdpPeer client = fixture.peer("127.0.0.2");
            UdpPeer phone = fixture.peer("127.0.0.3");
            RelayFixture.Call call = fixture.call(client, phone, true);
            client.relay(10, outside(call.edge()), phone, inside(call.connector()));
            phone.relay(10, inside(call.connector()), client, outside(call.edge()));
            // Many keepalive rounds later: nothing extra reached either end, nothing was dropped.
            assertThat(client.drain(300)).isZero();
            assertThat(phone.drain(10)).isZero();
            assertThat(call.connector().edgeAcknowledged()).isTrue();
            assertThat(call.edge().counters().toInside().forwardedPackets()).isEqualTo(10);
            assertThat(call.connector().counters().toInside().forwardedPackets()).isEqualTo(10);
            assertThat(call.edge().counters().toOutside().droppedPackets()).isZero();
            assertThat(call.connector().counters().toInside().droppedPackets()).isZero();
            assertThat(fixture.edge.totals().toOutside().droppedPackets()).isZero();
        }
    }

    @Test
    void mediaTowardTheEdgeWaitsForTheAck() throws Exception {
        try (RelayFixture fixture = new RelayFixture(LatchPolicy.SIGNALLED_IP)) {
            UdpPeer phone = fixture.peer("127.0.0.3");
            ConnectorStream c = fixture.connector.allocate(false);
            assertThatThrownBy(c::traversalLocal).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> c.edge(new InetSocketAddress(LOOPBACK, 1000), null, "not-hex"))
                    .isInstanceOf(IllegalArgumentException.class);
            c.inside(phone.address(), null);
            // No edge yet: the phone's media has nowhere to go.
            phone.send(inside(c), UdpPeer.rtp(0, 100));
            Await.until("dropped for want of the edge", WAIT,
                    () -> c.counters().toOutside().dropped(DropReason.NO_PEER) == 1);
            assertThat(c.edgeAcknowledged()).isFalse();
            c.close();
        }
    }

    @Test
    void reCallingEdgeRePointsTheStreamAtAnotherEdgeStream() throws Exception {
        try (RelayFixture fixture = new RelayFixture(LatchPolicy.SIGNALLED_IP)) {
            UdpPeer client = fixture.peer("127.0.0.2");
            UdpPeer phone = fixture.peer("127.0.0.3");
            RelayFixture.Call call = fixture.call(client, phone, false);
            client.relay(10, outside(call.edge()), phone, inside(call.connector()));

            // The same values again change nothing.
            InetSocketAddress local = call.connector().traversalLocal();
            call.connector().edge(new InetSocketAddress(LOOPBACK, call.edge().traversalPort()), null, call.edge().token());
            assertThat(call.connector().edgeAcknowledged()).isTrue();
            assertThat(call.connector().traversalLocal()).isEqualTo(local);

            // A new edge stream (say the call moved to another m-line): probe it instead.
            UdpPeer client2 = fixture.peer("127.0.0.2");
            EdgeStream other = fixture.edge.allocate(client2.address(), false);
            call.connector().edge(new InetSocketAddress(LOOPBACK, other.traversalPort()), null, other.token());
            Await.until("the other edge stream acks", WAIT, call.connector()::edgeAcknowledged);
            client2.relay(20, outside(other), phone, inside(call.connector()));
            phone.relay(20, inside(call.connector()), client2, outside(other));
            assertThat(client.drain(50)).isZero();
            other.close();
        }
    }

    @Test
    void aProbeFromANewSourceReplacesTheEdgeInsideLeg() throws Exception {
        try (RelayFixture fixture = new RelayFixture(LatchPolicy.SIGNALLED_IP)) {
            UdpPeer client = fixture.peer("127.0.0.2");
            UdpPeer phone = fixture.peer("127.0.0.3");
            UdpPeer phone2 = fixture.peer("127.0.0.3");
            RelayFixture.Call call = fixture.call(client, phone, false);
            client.relay(10, outside(call.edge()), phone, inside(call.connector()));

            // A second connector stream for the same edge stream (the connector restarted the
            // call's media): its probes come from another port and take the edge's inside leg over.
            // The first one is gone (else its keepalive probes would take the leg back).
            call.connector().close();
            ConnectorStream second = fixture.connector.allocate(false);
            second.edge(new InetSocketAddress(LOOPBACK, call.edge().traversalPort()), null, call.edge().token());
            second.inside(phone2.address(), null);
            Await.until("the edge acks the new leg", WAIT, second::edgeAcknowledged);
            client.relay(20, outside(call.edge()), phone2, inside(second));
            phone2.relay(20, inside(second), client, outside(call.edge()));
            assertThat(phone.drain(50)).as("the replaced leg gets nothing").isZero();
            second.close();
        }
    }
}
