package io.mraedge.media.ports;

/**
 * Hands out the UDP ports of one {@link PortRange}, each to one owner at a time: single ports,
 * or (even P, P+1) pairs for RTP and RTCP (RFC 3550 §11: RTP on an even port, RTCP on the next).
 *
 * <p>A bitset of ports in use, searched a 64-bit word at a time from a cursor that is set to a
 * random port after every hand-out. The search is amortised O(1) (a word holds 32 pairs, and a
 * busy range's 24,000 ports are 375 words). The random start means a caller cannot predict the
 * next call's port from its own (so it cannot spray it before the real client latches), and a
 * freed port comes back only as likely as any other free one, which gives stale packets for an
 * ended call time to die out.
 *
 * <p>Thread-safe: every method holds the allocator's lock for a few word operations.
 */
public final class PortAllocator {
    private static final long EVEN_BITS = 0x5555_5555_5555_5555L;

    private final PortRange range;
    // Bit i stands for port base + i; base is even, so pairs never straddle a word.
    private final int base;
    private final int bits;
    private final long[] used;
    // Ports handed out at least once: a second free() of a freed port is a no-op, a free() of a
    // port never handed out is a bug in the caller.
    private final long[] handedOut;
    private int cursor;
    private int inUse;
    private int reserved;

    public PortAllocator(PortRange range) {
        this.range = java.util.Objects.requireNonNull(range, "range");
        this.base = range.first() & ~1;
        this.bits = range.last() - base + 1;
        int words = (bits + 63) >>> 6;
        this.used = new long[words];
        this.handedOut = new long[words];
        // Bits outside the range are permanently "used", so that no search returns them.
        for (int i = 0; i < words * 64; i++) {
            int port = base + i;
            if (!range.contains(port)) {
                used[i >>> 6] |= 1L << i;
            }
        }
    }

    public PortRange range() {
        return range;
    }

    /**
     * Takes the ports of {@code ports} that lie in this range out of it for good, e.g. ports
     * another socket family binds on the same address. They are never handed out, do not count
     * as free, and freeing one throws.
     */
    public synchronized void reserve(PortRange ports) {
        for (int port = Math.max(ports.first(), range.first()); port <= Math.min(ports.last(), range.last()); port++) {
            int bit = port - base;
            long mask = 1L << bit;
            if ((used[bit >>> 6] & mask) == 0) {
                used[bit >>> 6] |= mask;
                reserved++;
            } else if ((handedOut[bit >>> 6] & mask) != 0) {
                throw new IllegalStateException("port " + port + " is in use; reserve before handing out");
            }
        }
    }

    /**
     * An even port P with P+1 also free; both are now in use and each is freed on its own.
     *
     * @throws PortsExhaustedException when no such pair is free
     */
    public synchronized int allocatePair() throws PortsExhaustedException {
        int bit = find(true);
        if (bit < 0) {
            throw new PortsExhaustedException("no free even/odd port pair in " + range + " (" + inUse
                    + " of " + range.size() + " ports in use)");
        }
        take(bit);
        take(bit + 1);
        advance(bit + 2);
        return base + bit;
    }

    /**
     * Any free port; now in use.
     *
     * @throws PortsExhaustedException when every port is in use
     */
    public synchronized int allocateSingle() throws PortsExhaustedException {
        int bit = find(false);
        if (bit < 0) {
            throw new PortsExhaustedException("no free port in " + range + " (" + inUse + " in use, " + reserved
                    + " reserved)");
        }
        take(bit);
        advance(bit + 1);
        return base + bit;
    }

    /**
     * Returns {@code port}. Freeing it again before it is handed out again does nothing.
     *
     * @throws IllegalStateException when {@code port} was never handed out by this allocator
     */
    public synchronized void free(int port) {
        if (!range.contains(port)) {
            throw new IllegalStateException("port " + port + " is not in " + range + "; it was never handed out");
        }
        int bit = port - base;
        long mask = 1L << bit;
        int word = bit >>> 6;
        if ((handedOut[word] & mask) == 0) {
            throw new IllegalStateException("port " + port + " was never handed out");
        }
        if ((used[word] & mask) != 0) {
            used[word] &= ~mask;
            inUse--;
        }
    }

    /**
     * Takes {@code port} when it is in the range and free (a port a bind just failed on, held
     * back while the caller tries others); free it again with {@link #free}.
     *
     * @return whether it was free and is now taken
     */
    public synchronized boolean takeIfFree(int port) {
        if (!range.contains(port)) {
            return false;
        }
        int bit = port - base;
        if ((used[bit >>> 6] & (1L << bit)) != 0) {
            return false;
        }
        take(bit);
        return true;
    }

    /**
     * After a bind on {@code port} (and {@code port + 1} when {@code pair}) failed and the
     * ports were freed: takes them again and adds them to {@code heldBack}, for the caller to
     * free once it has tried other ports.
     */
    public static void holdBack(PortAllocator ports, int port, boolean pair, java.util.List<Integer> heldBack) {
        if (ports.takeIfFree(port)) {
            heldBack.add(port);
        }
        if (pair && ports.takeIfFree(port + 1)) {
            heldBack.add(port + 1);
        }
    }

    /** Ports free now. */
    public synchronized int free() {
        return range.size() - inUse - reserved;
    }

    /** Ports in use now. */
    public synchronized int inUse() {
        return inUse;
    }

    private void take(int bit) {
        used[bit >>> 6] |= 1L << bit;
        handedOut[bit >>> 6] |= 1L << bit;
        inUse++;
    }

    /** The next search starts at a random port; {@code next} (after the one handed out) is not used. */
    private void advance(int next) {
        cursor = java.util.concurrent.ThreadLocalRandom.current().nextInt(bits);
    }

    /** The first free bit (or even bit of a free pair) at or after the cursor, wrapping; -1 if none. */
    private int find(boolean pair) {
        int words = used.length;
        int startWord = cursor >>> 6;
        long fromCursor = -1L << (cursor & 63);
        for (int i = 0; i <= words; i++) {
            int w = (startWord + i) % words;
            long free = ~used[w];
            long candidates = pair ? free & (free >>> 1) & EVEN_BITS : free;
            if (i == 0) {
                candidates &= fromCursor;
            } else if (i == words) {
                candidates &= ~fromCursor;
            }
            if (candidates != 0) {
                return (w << 6) + Long.numberOfTrailingZeros(candidates);
            }
        }
        return -1;
    }

    @Override
    public synchronized String toString() {
        return "PortAllocator[" + range + ", " + inUse + " in use]";
    }
}
