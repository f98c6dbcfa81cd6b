package io.mraedge.core.maintenance;

import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * One service's maintenance state machine and its count of active flows
 * (ACTIVE → DRAINING → STOPPED, and back to ACTIVE when maintenance ends).
 *
 * <p>A protocol asks {@link #tryStartFlow()} when a new flow would begin (a dialog, a stream,
 * a request): null means "refuse it your protocol's way" (SIP 503, XMPP system-shutdown, HTTP
 * 503). The returned {@link Flow} is closed when the flow ends; the last one to end while
 * DRAINING moves the service to STOPPED. Flows that already run are never cut.
 *
 * <p>Thread-safe: state changes happen under the instance lock, listeners run after it.
 */
public final class MaintainedService {
    /** A running flow; close it exactly once when the flow ends (idempotent). */
    public interface Flow extends AutoCloseable {
        @Override
        void close();
    }

    private final String name;
    private final CopyOnWriteArrayList<BiConsumer<ServiceState, ServiceState>> listeners = new CopyOnWriteArrayList<>();
    private ServiceState state = ServiceState.ACTIVE;
    private int active;

    public MaintainedService(String name) {
        this.name = Objects.requireNonNull(name);
    }

    public String name() {
        return name;
    }

    public synchronized ServiceState state() {
        return state;
    }

    public synchronized int activeFlows() {
        return active;
    }

    /** Registers {@code (from, to)} callbacks for state changes. */
    public void onStateChange(BiConsumer<ServiceState, ServiceState> listener) {
        listeners.add(listener);
    }

    /** A new flow wants to start: its handle, or null when the service is not ACTIVE. */
    public Flow tryStartFlow() {
        synchronized (this) {
            if (state != ServiceState.ACTIVE) {
                return null;
            }
            active++;
        }
        return new CountedFlow();
    }

    /**
     * Counts an existing flow that must continue even in maintenance, such as an in-dialog
     * request's transaction: never refused.
     */
    public Flow continueFlow() {
        synchronized (this) {
            active++;
        }
        return new CountedFlow();
    }

    private void flowEnded() {
        ServiceState from;
        synchronized (this) {
            active--;
            if (state != ServiceState.DRAINING || active > 0) {
                return;
            }
            from = state;
            state = ServiceState.STOPPED;
        }
        fire(from, ServiceState.STOPPED);
    }

    /** Enters maintenance: DRAINING, or straight to STOPPED when no flow runs. */
    public void drain() {
        ServiceState from;
        ServiceState to;
        synchronized (this) {
            if (state != ServiceState.ACTIVE) {
                return;
            }
            from = state;
            to = active == 0 ? ServiceState.STOPPED : ServiceState.DRAINING;
            state = to;
        }
        fire(from, to);
    }

    /** Leaves maintenance: ACTIVE again. */
    public void resume() {
        ServiceState from;
        synchronized (this) {
            if (state == ServiceState.ACTIVE) {
                return;
            }
            from = state;
            state = ServiceState.ACTIVE;
        }
        fire(from, ServiceState.ACTIVE);
    }

    /** One counted flow; the first close counts, later ones do nothing. */
    private final class CountedFlow implements Flow {
        private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                flowEnded();
            }
        }
    }

    private void fire(ServiceState from, ServiceState to) {
        for (BiConsumer<ServiceState, ServiceState> l : listeners) {
            l.accept(from, to);
        }
    }
}
