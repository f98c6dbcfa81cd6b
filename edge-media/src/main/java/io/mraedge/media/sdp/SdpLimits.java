package io.mraedge.media.sdp;

/**
 * Bounds on an SDP body, checked before and while parsing so that a hostile body costs at most
 * {@code maxBytes} of scanning. Bodies above a limit are refused with {@link SdpException}.
 *
 * @param maxBytes body size in bytes (default 64 KiB); 1 to 16 MiB
 * @param maxLines number of lines (default 1024); 1 to 65536
 * @param maxMedia number of m-lines (default 16); 1 to 1024
 */
public record SdpLimits(int maxBytes, int maxLines, int maxMedia) {

    public static final int DEFAULT_MAX_BYTES = 64 << 10;
    public static final int DEFAULT_MAX_LINES = 1024;
    public static final int DEFAULT_MAX_MEDIA = 16;
    public static final int MAX_MAX_BYTES = 16 << 20;
    public static final int MAX_MAX_LINES = 65536;
    public static final int MAX_MAX_MEDIA = 1024;

    /** All defaults: 64 KiB, 1024 lines, 16 m-lines. */
    public static final SdpLimits DEFAULT = new SdpLimits(DEFAULT_MAX_BYTES, DEFAULT_MAX_LINES, DEFAULT_MAX_MEDIA);

    public SdpLimits {
        if (maxBytes < 1 || maxBytes > MAX_MAX_BYTES) {
            throw new IllegalArgumentException("maxBytes out of range 1.." + MAX_MAX_BYTES + ": " + maxBytes);
        }
        if (maxLines < 1 || maxLines > MAX_MAX_LINES) {
            throw new IllegalArgumentException("maxLines out of range 1.." + MAX_MAX_LINES + ": " + maxLines);
        }
        if (maxMedia < 1 || maxMedia > MAX_MAX_MEDIA) {
            throw new IllegalArgumentException("maxMedia out of range 1.." + MAX_MAX_MEDIA + ": " + maxMedia);
        }
    }
}
