package io.mraedge.sip.it;

import io.mraedge.sip.codec.SipResponse;
import io.mraedge.sip.testing.SipTestClient;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test driver that behaves like Jabber over MRA for failover: it registers, sends a STUN
 * binding every second, and re-connects and re-registers as soon as its flow drops or a STUN
 * keepalive goes unanswered for 3 s (the product's rule).
 */
final class JabberLikeClient implements AutoCloseable {
    private final String host;
    private final int port;
    private final String user;
    private final AtomicInteger registrations = new AtomicInteger();
    private volatile SipTestClient flow;
    private volatile boolean closed;
    private final CountDownLatch reRegistered = new CountDownLatch(1);
    private Thread keeper;

    JabberLikeClient(String host, int port, String user) {
        this.host = host;
        this.port = port;
        this.user = user;
    }

    void registerNow(Duration timeout) throws Exception {
        flow = SipTestClient.connect(host, port);
        SipResponse ok = flow.register(user, 600, timeout);
        if (ok == null || ok.status() != 200) {
            throw new AssertionError("first registration failed: " + ok);
        }
        registrations.incrementAndGet();
        keeper = new Thread(this::keepAlive, "jabber-like-" + user);
        keeper.setDaemon(true);
        keeper.start();
    }

    private void keepAlive() {
        while (!closed) {
            try {
                SipTestClient current = flow;
                boolean alive = current.isActive() && current.stun(Duration.ofSeconds(3));
                if (!alive && !closed) {
                    current.close();
                    SipTestClient next = SipTestClient.connect(host, port);
                    SipResponse ok = next.register(user, 600, Duration.ofSeconds(5));
                    flow = next;
                    if (ok != null && ok.status() == 200) {
                        registrations.incrementAndGet();
                        reRegistered.countDown();
                    }
                    continue;
                }
                // Poll the flow often so a drop is noticed at once, STUN once a second.
                for (int i = 0; i < 20 && flow.isActive() && !closed; i++) {
                    Thread.sleep(50);
                }
            } catch (Exception e) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    void awaitReRegistered(Duration timeout) throws InterruptedException {
        if (!reRegistered.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("not re-registered within " + timeout);
        }
    }

    int registrations() {
        return registrations.get();
    }

    @Override
    public void close() {
        closed = true;
        if (keeper != null) {
            keeper.interrupt();
        }
        if (flow != null) {
            flow.close();
        }
    }
}
