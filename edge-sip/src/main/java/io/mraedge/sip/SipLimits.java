package io.mraedge.sip;

import io.mraedge.core.config.ConfigReader;
import io.mraedge.sip.codec.SipDecoderConfig;

/** Reads the codec limits under {@code sip.limits} (both roles) into a {@link SipDecoderConfig}. */
final class SipLimits {
    private SipLimits() {
    }

    /**
     * YAML keys: {@code start-line} (size, default 4KiB), {@code header-size} (32KiB),
     * {@code header-count} (100), {@code body-size} (64KiB).
     */
    static SipDecoderConfig read(ConfigReader sip) {
        SipDecoderConfig d = SipDecoderConfig.DEFAULT;
        if (!sip.has("limits")) {
            sip.optionalChild("limits");
            return d;
        }
        ConfigReader l = sip.child("limits");
        int startLine = (int) l.size("start-line", d.maxStartLineLength(), 64, 1 << 20);
        int headerSize = (int) l.size("header-size", d.maxHeaderSize(), 256, 1 << 24);
        int headerCount = l.integer("header-count", d.maxHeaderCount(), 8, 10_000);
        int bodySize = (int) l.size("body-size", d.maxBodySize(), 0, 1 << 24);
        l.finish();
        return new SipDecoderConfig(startLine, headerSize, headerCount, bodySize, d.maxStunSize());
    }
}
