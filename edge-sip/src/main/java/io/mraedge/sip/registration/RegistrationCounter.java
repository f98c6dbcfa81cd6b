package io.mraedge.sip.registration;

import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Current and peak number of bindings held by a node (the product's "MRA Registration: Current /
 * Peak since restart"). Thread-safe; flows on any event loop add their deltas.
 */
public final class RegistrationCounter {
    private final AtomicLong current = new AtomicLong();
    private final AtomicLong peak = new AtomicLong();
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();

    public long current() {
        return current.get();
    }

    public long peak() {
        return peak.get();
    }

    /** Called after every change (status publication). */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Applies a delta from {@link FlowBindings}; zero does nothing. */
    public void add(int delta) {
        if (delta == 0) {
            return;
        }
        long now = current.addAndGet(delta);
        peak.accumulateAndGet(now, Math::max);
        listeners.forEach(Runnable::run);
    }
}
