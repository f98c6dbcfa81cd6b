package io.mraedge.media.ports;

/**
 * An inclusive range of UDP ports, written {@code first-last} in config ({@code 36002-59999}) or
 * as one port ({@code 36000}). Immutable.
 */
public final class PortRange {
    private final int first;
    private final int last;

    private PortRange(int first, int last) {
        this.first = first;
        this.last = last;
    }

    /**
     * The range {@code first..last}, both in 1-65535.
     *
     * @throws IllegalArgumentException when a port is out of 1-65535 or {@code first > last}
     */
    public static PortRange of(int first, int last) {
        if (first < 1 || first > 65535 || last < 1 || last > 65535) {
            throw new IllegalArgumentException("ports must be in 1-65535, got " + first + "-" + last);
        }
        if (first > last) {
            throw new IllegalArgumentException("the first port must not be above the last, got " + first + "-" + last);
        }
        return new PortRange(first, last);
    }

    /**
     * Parses {@code "36002-59999"} or {@code "36000"}.
     *
     * @throws IllegalArgumentException with a message an operator can act on
     */
    public static PortRange parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("expected a port range such as 36002-59999, got nothing");
        }
        String trimmed = text.trim();
        int dash = trimmed.indexOf('-');
        try {
            if (dash < 0) {
                int port = Integer.parseInt(trimmed);
                return of(port, port);
            }
            int first = Integer.parseInt(trimmed.substring(0, dash).trim());
            int last = Integer.parseInt(trimmed.substring(dash + 1).trim());
            return of(first, last);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected a port range such as 36002-59999, got \"" + trimmed + "\"");
        }
    }

    public int first() {
        return first;
    }

    public int last() {
        return last;
    }

    /** How many ports the range holds. */
    public int size() {
        return last - first + 1;
    }

    public boolean contains(int port) {
        return port >= first && port <= last;
    }

    /** How many (even, odd) pairs lie wholly inside the range. */
    public int pairs() {
        int firstEven = (first & 1) == 0 ? first : first + 1;
        return firstEven + 1 > last ? 0 : (last - firstEven + 1) / 2;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PortRange other && other.first == first && other.last == last;
    }

    @Override
    public int hashCode() {
        return first * 65536 + last;
    }

    @Override
    public String toString() {
        return first == last ? Integer.toString(first) : first + "-" + last;
    }
}
