package io.mraedge.http.allowlist;

import java.util.Locale;

/**
 * Where an allow-list rule came from: {@link #AUTOMATIC} rules are derived from the connector's
 * configured UC nodes and cannot be edited; {@link #MANUAL} rules are written by an operator.
 */
public enum RuleOrigin {
    AUTOMATIC,
    MANUAL;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
