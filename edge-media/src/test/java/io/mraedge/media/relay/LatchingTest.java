package io.mraedge.media.relay;

import static io.mraedge.media.relay.RelayFixture.WAIT;
import static io.mraedge.media.relay.RelayFixture.inside;
import static io.mraedge.media.relay.RelayFixture.outside;
import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.testing.Await;
import org.junit.jupiter.api.Test;

/** Which sources the edge's outside port latches onto, per {@link LatchPolicy}, and re-latching. */
class LatchingTest {
    private static final int REFUSED = 20;

    /** Sends from {@code stranger} and checks that it is counted as stray and nothing reaches the phone. */
    private static void refused(RelayFixture.Call call, UdpPeer stranger, UdpPeer phone) {
        long before = call.edge().counters().toInside().dropped(DropReason.STRAY);
        for (int i = 0; i < REFUSED; i++) {
            stranger.send(outside(call.edge()), UdpPeer.rtp(i, UdpPeer.RTP_SIZE));
        }
        Await.until("the edge counts the refused source's datagrams as stray", WAIT,
                () -> call.edge().counters().toInside().dropped(DropReason.STRAY) == before + REFUSED);
        assertThat(phone.drain(50)).as("datagrams from a refused source").isZero();
        assertThat(call.edge().counters().toInside().forwardedPackets()).isZero();
    }

    @Test
    void signalledAddressRefusesAnotherPortOfTheSignalledIp() throws Exception {
        try (RelayFixture fixture = new RelayFixture(LatchPolicy.SIGNALLED_ADDRESS)) {
            UdpPeer client = fixture.peer("127.0.0.2");
            UdpPeer sameIpOtherPort = fixture.peer("127.0.0.2");
            UdpPeer phone = fixture.peer("127.0.0.3");
            RelayFixture.Call call = fixture.call(client, phone, false);
            refused(call, sameIpOtherPort, phone);
            client.relay(50, outside(call.edge()), phone, inside(call.connector()));
            phone.relay(50, inside(call.connector()), client, outside(call.edge()));
        }
    }

    @Test
    void signalledIpAcceptsAnotherPortButNotAnotherIp() throws Exception {
        try (RelayFixture fixture = new RelayFixture(LatchPolicy.SIGNALLED_IP)) {
            UdpPeer signalled = fixture.peer("127.0.0.2");
            UdpPeer natted = fixture.peer("127.0.0.2");
            UdpPeer otherIp = fixture.peer("127.0.0.3");
            UdpPeer phone = fixture.peer("127.0.0.1");
            RelayFixture.Call call = fixture.call(signalled, phone, false);
            refused(call, otherIp, phone);
            // The port the client really sends from latches, and media goes back to it.
            natted.relay(50, outside(call.edge()), phone, inside(call.connector()));
            phone.relay(50, inside(call.connector()), natted, outside(call.edge()));
            assertThat(signalled.drain(50)).isZero();
            // Latched: the signalled port itself is now a stray.
            signalled.send(outside(call.edge()), UdpPeer.rtp(1, 100));
            Await.until("a second source is stray once latched", WAIT,
                    () -> call.edge().counters().toInside().dropped(DropReason.STRAY) == REFUSED + 1);
        }
    }

    @Test
    void anySourceAcceptsAnotherIp() throws Exception {
        try (RelayFixture fixture = new RelayFixture(LatchPolicy.ANY_SOURCE)) {
            UdpPeer signalled = fixture.peer("127.0.0.2");
            UdpPeer behindNat = fixture.peer("127.0.0.3");
            UdpPeer phone = fixture.peer("127.0.0.1");
            RelayFixture.Call call = fixture.call(signalled, phone, false);
            behindNat.relay(50, outside(call.edge()), phone, inside(call.connector()));
            phone.relay(50, inside(call.connector()), behindNat, outside(call.edge()));
            assertThat(call.edge().counters().toInside().droppedPackets()).isZero();
        }
    }

    @Test
    void withoutASignalledAddressOnlyAnySourceLatches() throws Exception {
        try (RelayFixture fixture = new RelayFixture(LatchPolicy.SIGNALLED_IP)) {
            UdpPeer client = fixture.peer("127.0.0.2");
            UdpPeer phone = fixture.peer("127.0.0.3");
            RelayFixture.Call call = fixture.call((java.net.InetSocketAddress) null, phone, false);
            refused(call, client, phone);
            call.edge().signalled(client.address(), null);
            client.relay(20, outside(call.edge()), phone, inside(call.connector()));
        }
        try (RelayFixture fixture = new RelayFixture(LatchPolicy.ANY_SOURCE)) {
            UdpPeer client = fixture.peer("127.0.0.2");
            UdpPeer phone = fixture.peer("127.0.0.3");
            RelayFixture.Call call = fixture.call((java.net.InetSocketAddress) null, phone, false);
            client.relay(20, outside(call.edge()), phone, inside(call.connector()));
        }
    }

    @Test
    void aNewSignalledAddressUnlatchesAndTheNextAcceptableSourceLatches() throws Exception {
        try (RelayFixture fixture = new RelayFixture(LatchPolicy.SIGNALLED_IP)) {
            UdpPeer before = fixture.peer("127.0.0.2");
            UdpPeer after = fixture.peer("127.0.0.3");
            UdpPeer phone = fixture.peer("127.0.0.1");
            RelayFixture.Call call = fixture.call(before, phone, false);
            before.relay(30, outside(call.edge()), phone, inside(call.connector()));
            phone.relay(30, inside(call.connector()), before, outside(call.edge()));

            // A re-INVITE moves the client to another address.
            call.edge().signalled(after.address(), null);
            long stray = call.edge().counters().toInside().dropped(DropReason.STRAY);
            before.send(outside(call.edge()), UdpPeer.rtp(0, 100));
            Await.until("the old source is refused after the change", WAIT,
                    () -> call.edge().counters().toInside().dropped(DropReason.STRAY) == stray + 1);
            after.relay(30, outside(call.edge()), phone, inside(call.connector()));
            phone.relay(30, inside(call.connector()), after, outside(call.edge()));
            assertThat(before.drain(50)).as("nothing goes to the old address").isZero();

            // The same address again changes nothing: still latched.
            call.edge().signalled(after.address(), null);
            phone.relay(10, inside(call.connector()), after, outside(call.edge()));
        }
    }
}
