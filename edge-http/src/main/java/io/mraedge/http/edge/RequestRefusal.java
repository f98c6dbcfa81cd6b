package io.mraedge.http.edge;

import io.mraedge.core.protection.ProtectionCategory;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Objects;

/**
 * A request the edge answers itself with an error: the status, the protection category the
 * refusal counts in (null: it does not count), and the reason for the log line. The reason is
 * never sent to the client.
 */
public record RequestRefusal(HttpResponseStatus status, ProtectionCategory category, String reason) {
    public RequestRefusal {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
    }

    static RequestRefusal violation(HttpResponseStatus status, String reason) {
        return new RequestRefusal(status, ProtectionCategory.HTTP_PROXY_PROTOCOL_VIOLATION, reason);
    }

    static RequestRefusal of(TargetRefusal refusal) {
        return new RequestRefusal(refusal.status(), refusal.category(), refusal.reason());
    }
}
