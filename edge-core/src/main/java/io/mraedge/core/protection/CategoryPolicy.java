package io.mraedge.core.protection;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How one {@link ProtectionCategory} reacts to failures: when {@code triggerLevel} failures from
 * one source reach one listener port within {@code window}, that source is banned on that port
 * for {@code banDuration}. Immutable.
 *
 * <p>YAML, under {@code protection.categories.<category key>} (every key optional, defaults from
 * {@link ProtectionCategory#defaultPolicy()}): {@code enabled}, {@code trigger-level} (1 to
 * {@value #MAX_TRIGGER_LEVEL}), {@code window} and {@code ban-duration} (more than 0, e.g.
 * {@code 60s}, {@code 10m}), {@code exemptions} (list of CIDR prefixes or addresses).
 *
 * @param enabled      whether failures of this category count at all
 * @param triggerLevel failures within {@code window} that make a ban, 1 to {@value #MAX_TRIGGER_LEVEL}
 * @param window       the sliding window failures are counted in, more than 0
 * @param banDuration  how long a ban lasts, more than 0
 * @param exemptions   sources whose failures of this category never count (e.g. a NAT's address)
 */
public record CategoryPolicy(boolean enabled, int triggerLevel, Duration window, Duration banDuration,
                             List<Cidr> exemptions) {

    /**
     * The highest trigger level. The engine keeps the last {@code triggerLevel} failure times
     * per tracked source, so this bounds that memory (8 bytes each); a brute force that needs
     * more than 100 tries a minute to notice is not being detected anyway.
     */
    public static final int MAX_TRIGGER_LEVEL = 100;

    public CategoryPolicy {
        if (triggerLevel < 1 || triggerLevel > MAX_TRIGGER_LEVEL) {
            throw new IllegalArgumentException("triggerLevel must be 1-" + MAX_TRIGGER_LEVEL + ", got " + triggerLevel);
        }
        requirePositive(window, "window");
        requirePositive(banDuration, "banDuration");
        exemptions = List.copyOf(exemptions);
    }

    /** An enabled policy without exemptions. */
    static CategoryPolicy enabled(int triggerLevel, Duration window, Duration banDuration) {
        return new CategoryPolicy(true, triggerLevel, window, banDuration, List.of());
    }

    /** Whether this category's exemptions cover {@code address}. */
    public boolean exempts(InetAddress address) {
        return Cidr.anyContains(exemptions, address);
    }

    static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be more than 0, got " + duration);
        }
    }
}
