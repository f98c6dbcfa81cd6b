package io.mraedge.sip;

/** Metric names of the SIP module, beside the core's {@code MetricNames} (same {@code mra.} prefix). */
public final class SipMetricNames {
    /** Registrations held now (edge: through this edge; connector: through this connector). */
    public static final String REGISTRATIONS_CURRENT = "mra.sip.registrations.current";
    /** Most registrations held at once since start. */
    public static final String REGISTRATIONS_PEAK = "mra.sip.registrations.peak";
    /** Requests answered by the edge itself, by {@code status} (400, 503, 513…). */
    public static final String LOCAL_REPLIES = "mra.sip.local.replies";
    /** STUN binding requests, by {@code result} (relayed/unanswered). */
    public static final String STUN = "mra.sip.stun";

    private SipMetricNames() {
    }
}
