package io.mraedge.core.maintenance;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's maintenance mode: on, every service drains (new flows refused, running ones
 * finish, then STOPPED); off, every service is ACTIVE again. Shutdown on SIGTERM is
 * maintenance plus {@link #awaitStopped(Duration)}.
 */
public final class MaintenanceMode {
    private static final Logger log = LoggerFactory.getLogger(MaintenanceMode.class);

    private final String nodeName;
    private final List<MaintainedService> services = new CopyOnWriteArrayList<>();
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean enabled;

    public MaintenanceMode(String nodeName) {
        this.nodeName = nodeName;
    }

    /** Adds a service; it starts draining at once if maintenance is on. */
    public MaintainedService register(MaintainedService service) {
        services.add(service);
        service.onStateChange((from, to) -> {
            log.info("{}: service {} {} -> {}", nodeName, service.name(), from, to);
            synchronized (this) {
                notifyAll();
            }
        });
        if (enabled) {
            service.drain();
        }
        return service;
    }

    /** The service registered under {@code name}, or null. */
    public MaintainedService service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
    }

    public List<MaintainedService> services() {
        return List.copyOf(services);
    }

    public boolean enabled() {
        return enabled;
    }

    /** Called with the new setting whenever maintenance is switched. */
    public void onChange(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    /** Switches maintenance on or off; does nothing when it already is. */
    public synchronized void set(boolean on) {
        if (enabled == on) {
            return;
        }
        enabled = on;
        log.warn("{}: maintenance mode {}", nodeName, on ? "ON: new flows are refused, running ones finish" : "OFF");
        for (MaintainedService s : services) {
            if (on) {
                s.drain();
            } else {
                s.resume();
            }
        }
        listeners.forEach(l -> l.accept(on));
    }

    /** True when every service is STOPPED. */
    public boolean allStopped() {
        return services.stream().allMatch(s -> s.state() == ServiceState.STOPPED);
    }

    /** Active flows over all services. */
    public int activeFlows() {
        return services.stream().mapToInt(MaintainedService::activeFlows).sum();
    }

    /**
     * Waits until every service is STOPPED or {@code timeout} passes; returns whether all
     * stopped. Blocks: never call it on an event loop.
     */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!allStopped()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    /**
     * Maintenance on, then waits up to {@code timeout} for every service to stop (SIGTERM).
     * Returns whether all stopped in time; a timeout is logged with the flows still running.
     */
    public boolean drain(Duration timeout) throws InterruptedException {
        set(true);
        boolean drained = awaitStopped(timeout);
        if (!drained) {
            log.warn("{}: drain timeout {} s passed with {} flow(s) running; stopping anyway", nodeName,
                    timeout.toSeconds(), activeFlows());
        }
        return drained;
    }

    /** Service name → {state, activeFlows}, for status. */
    public Map<String, Map<String, Object>> describe() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (MaintainedService s : services) {
            out.put(s.name(), Map.of("state", s.state().name(), "activeFlows", s.activeFlows()));
        }
        return out;
    }
}
