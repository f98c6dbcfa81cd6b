package io.mraedge.sip;

import io.mraedge.core.config.ConfigReader;
import io.mraedge.sip.codec.SipDecoderConfig;

/** Shared readers of the two roles' {@code sip:} sections. */
public final class SipConfigs {
    private SipConfigs() {
    }

    /** {@code sip.limits}, see {@link SipLimits#read}. */
    public static SipDecoderConfig limits(ConfigReader sip) {
        return SipLimits.read(sip);
    }
}
