package io.mraedge.core.protection;

/**
 * Told of every ban {@link IntrusionProtection} makes, for metrics and audit. Called on the
 * thread that recorded the failure that caused the ban (often an event loop), after the ban is
 * in force: keep it short and never block. An exception it throws is logged and ignored.
 */
@FunctionalInterface
public interface ProtectionListener {

    /** A listener that does nothing. */
    ProtectionListener NONE = ban -> { };

    /** {@code ban} has just been made. */
    void banned(Ban ban);
}
