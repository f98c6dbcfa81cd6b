package io.mraedge.media.relay;

/** Which way a packet travels through a relay; the {@code direction} tag of the media metrics. */
public enum MediaDirection {
    /** From the client (edge outside) toward the inside endpoint. */
    TO_INSIDE("to-inside"),
    /** From the inside endpoint toward the client. */
    TO_OUTSIDE("to-outside");

    private final String tag;

    MediaDirection(String tag) {
        this.tag = tag;
    }

    /** The metric tag value. */
    public String tag() {
        return tag;
    }
}
