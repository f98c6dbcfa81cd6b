package io.mraedge.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The signal policy, driven without real signals: the handlers' methods are called directly. */
class SignalHandlersTest {
    private final AtomicInteger reloads = new AtomicInteger();
    private final List<Integer> halts = new ArrayList<>();
    private final SignalHandlers handlers = new SignalHandlers(reloads::incrementAndGet, halts::add);

    @Test
    void firstStopSignalReleasesTheWaiterWithoutHalting() throws InterruptedException {
        assertThat(handlers.stopRequested()).isFalse();
        assertThat(handlers.awaitStop(0)).isFalse();

        handlers.onStopSignal("SIGTERM");

        assertThat(handlers.stopRequested()).isTrue();
        assertThat(handlers.awaitStop(0)).isTrue();
        assertThat(halts).isEmpty();
    }

    @Test
    void secondStopSignalHaltsAtOnceWithStatusOne() {
        handlers.onStopSignal("SIGTERM");
        handlers.onStopSignal("SIGINT");

        assertThat(halts).containsExactly(SignalHandlers.IMPATIENT_EXIT_STATUS);
        assertThat(SignalHandlers.IMPATIENT_EXIT_STATUS).isEqualTo(1);
    }

    @Test
    void reloadRunsTheActionAndDoesNotStop() {
        handlers.onReloadSignal("SIGHUP");
        handlers.onReloadSignal("SIGHUP");

        assertThat(reloads).hasValue(2);
        assertThat(handlers.stopRequested()).isFalse();
    }

    @Test
    void aFailingReloadIsLoggedNotThrown() {
        SignalHandlers failing = new SignalHandlers(() -> {
            throw new IllegalStateException("bad PEM");
        }, halts::add);

        failing.onReloadSignal("SIGHUP");

        assertThat(failing.stopRequested()).isFalse();
        assertThat(halts).isEmpty();
    }
}
