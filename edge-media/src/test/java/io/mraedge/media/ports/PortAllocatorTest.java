package io.mraedge.media.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {

    @Test
    void pairsAreEvenAlignedAndEveryPortIsHandedOutOnce() throws Exception {
        PortAllocator ports = new PortAllocator(PortRange.of(36001, 36010)); // pairs 36002..36009
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 4; i++) {
            int p = ports.allocatePair();
            assertThat(p % 2).isZero();
            assertThat(p).isBetween(36002, 36008);
            assertThat(seen.add(p)).isTrue();
            assertThat(seen.add(p + 1)).isTrue();
        }
        assertThatThrownBy(ports::allocatePair).isInstanceOf(PortsExhaustedException.class)
                .hasMessageContaining("36001-36010");
        // The two odd ends remain as singles.
        assertThat(Set.of(ports.allocateSingle(), ports.allocateSingle())).containsExactlyInAnyOrder(36001, 36010);
        assertThatThrownBy(ports::allocateSingle).isInstanceOf(PortsExhaustedException.class);
        assertThat(ports.inUse()).isEqualTo(10);
        assertThat(ports.free()).isZero();
    }

    @Test
    void handOutsStartAtARandomPortSoTheNextPortCannotBePredicted() throws Exception {
        // 12,000 pairs: with a rotating cursor the next pair would always be the previous + 2.
        PortAllocator ports = new PortAllocator(PortRange.of(36000, 59999));
        int previous = ports.allocatePair();
        int adjacent = 0;
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            int p = ports.allocatePair();
            assertThat(seen.add(p)).as("never handed out twice").isTrue();
            if (p == previous + 2) {
                adjacent++;
            }
            previous = p;
        }
        assertThat(adjacent).as("pairs right after the previous one, of 200").isLessThan(10);
        // A freed pair comes back when it is the only one left.
        PortAllocator small = new PortAllocator(PortRange.of(40000, 40003));
        int a = small.allocatePair();
        small.allocatePair();
        small.free(a);
        small.free(a + 1);
        assertThat(small.allocatePair()).isEqualTo(a);
        assertThat(small.free()).isZero();
    }

    @Test
    void aPairNeedsBothPortsFree() throws Exception {
        PortAllocator ports = new PortAllocator(PortRange.of(50000, 50003));
        int single = ports.allocateSingle();
        assertThat(single).isEqualTo(50000);
        // 50001 is free but its even partner is not: the only pair is 50002.
        assertThat(ports.allocatePair()).isEqualTo(50002);
        assertThatThrownBy(ports::allocatePair).isInstanceOf(PortsExhaustedException.class);
        assertThat(ports.allocateSingle()).isEqualTo(50001);
    }

    @Test
    void freeIsIdempotentPerHandOutAndRefusesPortsNeverHandedOut() throws Exception {
        PortAllocator ports = new PortAllocator(PortRange.of(36002, 36099));
        int p = ports.allocateSingle();
        ports.free(p);
        ports.free(p);
        assertThat(ports.inUse()).isZero();
        assertThatThrownBy(() -> ports.free(p + 1)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("never handed out");
        assertThatThrownBy(() -> ports.free(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void reservedPortsAreNeverHandedOut() throws Exception {
        PortAllocator ports = new PortAllocator(PortRange.of(36002, 36015));
        ports.reserve(PortRange.of(36000, 36011));
        assertThat(ports.free()).isEqualTo(4);
        assertThat(Set.of(ports.allocatePair(), ports.allocatePair())).containsExactlyInAnyOrder(36012, 36014);
        assertThatThrownBy(ports::allocateSingle).isInstanceOf(PortsExhaustedException.class);
        assertThatThrownBy(() -> ports.free(36004)).isInstanceOf(IllegalStateException.class);
        assertThat(ports.inUse()).isEqualTo(4);
    }

    @Test
    void worksAcrossManyWordsAndWraps() throws Exception {
        PortRange range = PortRange.of(36002, 59999);
        PortAllocator ports = new PortAllocator(range);
        BitSet held = new BitSet();
        for (int i = 0; i < range.pairs(); i++) {
            int p = ports.allocatePair();
            assertThat(held.get(p)).isFalse();
            held.set(p);
            held.set(p + 1);
        }
        assertThat(ports.free()).isZero();
        assertThatThrownBy(ports::allocateSingle).isInstanceOf(PortsExhaustedException.class);
        // Free a scattered few, and get exactly those back.
        List<Integer> freed = List.of(36002, 40000, 59998, 50000);
        for (int p : freed) {
            ports.free(p);
            ports.free(p + 1);
        }
        Set<Integer> again = new HashSet<>();
        for (int i = 0; i < freed.size(); i++) {
            again.add(ports.allocatePair());
        }
        assertThat(again).containsExactlyInAnyOrderElementsOf(freed);
    }

    @Test
    void concurrentOwnersNeverShareAPort() throws Exception {
        PortAllocator ports = new PortAllocator(PortRange.of(36002, 37001));
        int threads = 8;
        ConcurrentHashMap<Integer, Integer> owner = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<?>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t;
                results.add(pool.submit(() -> {
                    go.await();
                    List<Integer> mine = new ArrayList<>();
                    for (int i = 0; i < 20_000; i++) {
                        if (mine.size() < 50 && ThreadLocalRandom.current().nextBoolean()) {
                            try {
                                boolean pair = ThreadLocalRandom.current().nextBoolean();
                                int p = pair ? ports.allocatePair() : ports.allocateSingle();
                                for (int q = p; q <= (pair ? p + 1 : p); q++) {
                                    assertThat(owner.putIfAbsent(q, me)).as("port %d handed out twice", q).isNull();
                                    mine.add(q);
                                }
                            } catch (PortsExhaustedException e) {
                                // 8 x 50 x up to 2 ports never exhausts 1000, but a pair may not fit.
                            }
                        } else if (!mine.isEmpty()) {
                            int p = mine.remove(mine.size() - 1);
                            assertThat(owner.remove(p)).isEqualTo(me);
                            ports.free(p);
                        }
                    }
                    for (int p : mine) {
                        owner.remove(p);
                        ports.free(p);
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : results) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(owner).isEmpty();
        assertThat(ports.inUse()).isZero();
        assertThat(ports.free()).isEqualTo(1000);
    }
}
