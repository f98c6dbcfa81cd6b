package io.mraedge.media.relay;

import static io.mraedge.media.relay.RelayFixture.WAIT;
import static io.mraedge.media.relay.RelayFixture.inside;
import static io.mraedge.media.relay.RelayFixture.outside;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.FunctionCounter;
import io.mraedge.core.testing.Await;
import java.net.InetSocketAddress;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RTP and RTCP through an edge relay and a connector relay on loopback, counted exactly. */
class RelayLoopbackTest {
    private static final int PACKETS = 500;

    private RelayFixture fixture;

    @BeforeEach
    void start() throws Exception {
        fixture = new RelayFixture(LatchPolicy.SIGNALLED_IP);
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
    }

    @Test
    void rtpFlowsBothWaysThroughBothRelaysWithoutLoss() throws Exception {
        UdpPeer client = fixture.peer("127.0.0.2");
        UdpPeer phone = fixture.peer("127.0.0.3");
        RelayFixture.Call call = fixture.call(client, phone, false);
        InetSocketAddress connectorInside = inside(call.connector());

        client.relay(PACKETS, outside(call.edge()), phone, connectorInside);
        phone.relay(PACKETS, connectorInside, client, outside(call.edge()));

        StreamCounters edge = call.edge().counters();
        StreamCounters connector = call.connector().counters();
        Await.until("counters settle", WAIT, () -> call.connector().counters().toOutside().forwardedPackets() == PACKETS
                && call.edge().counters().toOutside().forwardedPackets() == PACKETS);
        edge = call.edge().counters();
        connector = call.connector().counters();
        assertThat(edge.toInside().forwardedPackets()).isEqualTo(PACKETS);
        assertThat(edge.toInside().forwardedBytes()).isEqualTo((long) PACKETS * UdpPeer.RTP_SIZE);
        assertThat(edge.toOutside().forwardedPackets()).isEqualTo(PACKETS);
        assertThat(connector.toInside().forwardedPackets()).isEqualTo(PACKETS);
        assertThat(connector.toOutside().forwardedPackets()).isEqualTo(PACKETS);
        assertThat(edge.toInside().droppedPackets()).isZero();
        assertThat(edge.toOutside().droppedPackets()).isZero();
        assertThat(connector.toInside().droppedPackets()).isZero();
        assertThat(connector.toOutside().droppedPackets()).isZero();
        assertThat(call.edge().outsideRtcpPort()).isEmpty();
        assertThat(call.edge().token()).matches("[0-9a-f]{32}");
        assertThat(call.connector().traversalLocal().getAddress()).isEqualTo(RelayFixture.LOOPBACK);

        // The relay totals and the meters read the same counters.
        assertThat(fixture.edge.totals().toInside().forwardedPackets()).isEqualTo(PACKETS);
        assertThat(fixture.edge.totals().streamsActive()).isEqualTo(1);
        FunctionCounter forwarded = fixture.registry.get(MediaMetricNames.PACKETS)
                .tags(MediaMetricNames.TAG_ROLE, MediaMetricNames.ROLE_EDGE,
                        MediaMetricNames.TAG_DIRECTION, "to-outside", MediaMetricNames.TAG_RESULT, "forwarded")
                .functionCounter();
        assertThat(forwarded.count()).isEqualTo(PACKETS);
        assertThat(fixture.registry.get(MediaMetricNames.STREAMS_ACTIVE).tag(MediaMetricNames.TAG_ROLE, "connector")
                .gauge().value()).isEqualTo(1);

        int free = fixture.edge.totals().portsFree();
        call.edge().close();
        call.connector().close();
        assertThat(call.edge().isOpen()).isFalse();
        assertThat(fixture.edge.totals().portsFree()).isEqualTo(free + 1);
        assertThat(fixture.edge.totals().streamsActive()).isZero();
        // Closed streams stay in the totals.
        assertThat(fixture.edge.totals().toInside().forwardedPackets()).isEqualTo(PACKETS);
    }

    @Test
    void rtcpPairFlowsOnItsOwnPorts() throws Exception {
        UdpPeer client = fixture.peer("127.0.0.2");
        UdpPeer clientRtcp = fixture.peer("127.0.0.2");
        UdpPeer phone = fixture.peer("127.0.0.3");
        UdpPeer phoneRtcp = fixture.peer("127.0.0.3");
        RelayFixture.Call call = fixture.call(client, phone, true);
        call.edge().signalled(client.address(), clientRtcp.address());
        call.connector().inside(phone.address(), phoneRtcp.address());

        OptionalInt edgeRtcp = call.edge().outsideRtcpPort();
        assertThat(edgeRtcp).hasValue(call.edge().outsidePort() + 1);
        assertThat(call.edge().outsidePort() % 2).isZero();
        assertThat(call.edge().traversalRtcpPort()).hasValue(call.edge().traversalPort() + 1);
        assertThat(call.connector().insideRtcpPort()).hasValue(call.connector().insidePort() + 1);
        InetSocketAddress edgeRtcpAddress = new InetSocketAddress(RelayFixture.LOOPBACK, edgeRtcp.getAsInt());
        InetSocketAddress connectorRtcpAddress = new InetSocketAddress(RelayFixture.LOOPBACK,
                call.connector().insideRtcpPort().getAsInt());

        client.relay(100, outside(call.edge()), phone, inside(call.connector()));
        clientRtcp.relay(50, edgeRtcpAddress, phoneRtcp, connectorRtcpAddress);
        phoneRtcp.relay(50, connectorRtcpAddress, clientRtcp, edgeRtcpAddress);
        phone.relay(100, inside(call.connector()), client, outside(call.edge()));
        assertThat(phone.drain(50)).as("nothing crossed over between RTP and RTCP").isZero();
        assertThat(phoneRtcp.drain(50)).isZero();
    }

    @Test
    void rtcpMuxDropsTheRtcpComponentAndFreesItsPorts() throws Exception {
        UdpPeer client = fixture.peer("127.0.0.2");
        UdpPeer phone = fixture.peer("127.0.0.3");
        int edgeFree = fixture.edge.totals().portsFree();
        int connectorFree = fixture.connector.totals().portsFree();
        RelayFixture.Call call = fixture.call(client, phone, true);
        assertThat(fixture.edge.totals().portsFree()).isEqualTo(edgeFree - 2);

        call.edge().dropRtcp();
        call.connector().dropRtcp();

        assertThat(call.edge().outsideRtcpPort()).isEmpty();
        assertThat(call.edge().traversalRtcpPort()).isEmpty();
        assertThat(call.connector().insideRtcpPort()).isEmpty();
        assertThat(fixture.edge.totals().portsFree()).isEqualTo(edgeFree - 1);
        assertThat(fixture.connector.totals().portsFree()).isEqualTo(connectorFree - 1);
        assertThat(call.connector().edgeAcknowledged()).isTrue();
        client.relay(100, outside(call.edge()), phone, inside(call.connector()));
        phone.relay(100, inside(call.connector()), client, outside(call.edge()));
        call.edge().close();
        call.connector().close();
        assertThat(fixture.edge.totals().portsFree()).isEqualTo(edgeFree);
        assertThat(fixture.connector.totals().portsFree()).isEqualTo(connectorFree);
    }

    @Test
    void nothingGoesToTheClientBeforeItLatches() throws Exception {
        UdpPeer client = fixture.peer("127.0.0.2");
        UdpPeer phone = fixture.peer("127.0.0.3");
        RelayFixture.Call call = fixture.call(client, phone, false);
        for (int i = 0; i < 10; i++) {
            phone.send(inside(call.connector()), UdpPeer.rtp(i, UdpPeer.RTP_SIZE));
        }
        Await.until("the edge drops media toward an unlatched client", WAIT,
                () -> call.edge().counters().toOutside().dropped(DropReason.NO_PEER) == 10);
        assertThat(client.drain(50)).isZero();
        // Once the client sends, media flows both ways.
        client.relay(5, outside(call.edge()), phone, inside(call.connector()));
        phone.relay(5, inside(call.connector()), client, outside(call.edge()));
    }

    @Test
    void theSipLayerMayAllocateAndCloseFromAnEventLoop() throws Exception {
        UdpPeer client = fixture.peer("127.0.0.2");
        UdpPeer phone = fixture.peer("127.0.0.3");
        io.netty.channel.EventLoop sipLoop = fixture.transport.workers().next();
        int edgeFree = fixture.edge.totals().portsFree();
        // On one of the relay's own loops, allocation completes inline on that loop.
        RelayFixture.Call call = sipLoop.submit(() -> {
            EdgeStream e = fixture.edge.allocate(client.address(), false);
            ConnectorStream c = fixture.connector.allocate(false);
            c.edge(new InetSocketAddress(RelayFixture.LOOPBACK, e.traversalPort()), null, e.token());
            c.inside(phone.address(), null);
            return new RelayFixture.Call(e, c);
        }).get(20, java.util.concurrent.TimeUnit.SECONDS);
        Await.until("acked", WAIT, call.connector()::edgeAcknowledged);
        client.relay(50, outside(call.edge()), phone, inside(call.connector()));
        phone.relay(50, inside(call.connector()), client, outside(call.edge()));

        // Closing from any event loop never blocks it; the ports return just after.
        fixture.transport.workers().next().submit(() -> {
            call.edge().close();
            call.connector().close();
        }).get(20, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(call.edge().isOpen()).isFalse();
        Await.until("ports return", WAIT, () -> fixture.edge.totals().portsFree() == edgeFree);
    }
}
