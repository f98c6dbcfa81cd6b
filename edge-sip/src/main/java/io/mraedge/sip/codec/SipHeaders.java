package io.mraedge.sip.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * The header lines of one SIP message, in order, with case-insensitive names (the decoder has
 * already expanded compact forms). A header line may hold several comma-separated values
 * (RFC 3261 §7.3.1); {@link #values(String)} splits them. Not thread-safe: a message belongs to
 * one event loop at a time.
 */
public final class SipHeaders {
    private final List<String> names = new ArrayList<>(12);
    private final List<String> values = new ArrayList<>(12);

    public int size() {
        return names.size();
    }

    public String name(int i) {
        return names.get(i);
    }

    public String value(int i) {
        return values.get(i);
    }

    public SipHeaders add(String name, String value) {
        names.add(name);
        values.add(value);
        return this;
    }

    /** The first line's value of {@code name}, or null. */
    public String get(String name) {
        int i = indexOf(name);
        return i < 0 ? null : values.get(i);
    }

    public boolean contains(String name) {
        return indexOf(name) >= 0;
    }

    /** Every line of {@code name}, unsplit. */
    public List<String> getAll(String name) {
        List<String> out = new ArrayList<>(2);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                out.add(values.get(i));
            }
        }
        return out;
    }

    /** Every value of {@code name}, comma-separated lists split (RFC 3261 §7.3.1). */
    public List<String> values(String name) {
        List<String> out = new ArrayList<>(2);
        for (String line : getAll(name)) {
            out.addAll(SipSyntax.splitList(line));
        }
        return out;
    }

    /** The first value of {@code name} (the top Via, the top Route), or null. */
    public String first(String name) {
        String line = get(name);
        if (line == null) {
            return null;
        }
        List<String> split = SipSyntax.splitList(line);
        return split.isEmpty() ? null : split.get(0);
    }

    /** Puts a line of {@code name} above every other line of that name (a proxy's Via, Record-Route). */
    public SipHeaders addFirst(String name, String value) {
        int i = indexOf(name);
        if (i < 0) {
            i = 0;
        }
        names.add(i, name);
        values.add(i, value);
        return this;
    }

    /** Removes the first value of {@code name}, keeping the rest of its line. Returns it, or null. */
    public String removeFirst(String name) {
        int i = indexOf(name);
        if (i < 0) {
            return null;
        }
        List<String> split = SipSyntax.splitList(values.get(i));
        if (split.size() <= 1) {
            names.remove(i);
            return values.remove(i);
        }
        values.set(i, String.join(", ", split.subList(1, split.size())));
        return split.get(0);
    }

    /** Replaces the first value of {@code name} (it must exist). */
    public void replaceFirst(String name, String value) {
        int i = indexOf(name);
        List<String> split = new ArrayList<>(SipSyntax.splitList(values.get(i)));
        split.set(0, value);
        values.set(i, String.join(", ", split));
    }

    /** Sets one line of {@code name}, replacing all others, at the position of the first. */
    public SipHeaders set(String name, String value) {
        int i = indexOf(name);
        remove(name);
        if (i < 0 || i > names.size()) {
            i = names.size();
        }
        names.add(i, name);
        values.add(i, value);
        return this;
    }

    /** Removes every line of {@code name}; returns how many. */
    public int remove(String name) {
        int removed = 0;
        for (int i = names.size() - 1; i >= 0; i--) {
            if (names.get(i).equalsIgnoreCase(name)) {
                names.remove(i);
                values.remove(i);
                removed++;
            }
        }
        return removed;
    }

    /** Copies every line of {@code name} from {@code other}, in order. */
    public SipHeaders copy(SipHeaders other, String name) {
        for (String v : other.getAll(name)) {
            add(name, v);
        }
        return this;
    }

    private int indexOf(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
