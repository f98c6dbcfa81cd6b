package io.mraedge.http.edge;

import io.mraedge.core.protection.ProtectionCategory;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Why a request-target was refused: the status to answer, the protection category it counts
 * in, and a reason for the log (never sent to the client).
 */
public final class TargetRefusal extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient HttpResponseStatus status;
    private final ProtectionCategory category;

    TargetRefusal(HttpResponseStatus status, ProtectionCategory category, String reason) {
        super(reason, null, false, false);
        this.status = status;
        this.category = category;
    }

    /** 400 for a malformed target (protocol violation), 414 for an overlong one, 403 for a domain not served. */
    static TargetRefusal malformed(String reason) {
        return new TargetRefusal(HttpResponseStatus.BAD_REQUEST, ProtectionCategory.HTTP_PROXY_PROTOCOL_VIOLATION, reason);
    }

    static TargetRefusal tooLong(String reason) {
        return new TargetRefusal(HttpResponseStatus.REQUEST_URI_TOO_LONG, ProtectionCategory.HTTP_PROXY_PROTOCOL_VIOLATION,
                reason);
    }

    static TargetRefusal forbidden(String reason) {
        return new TargetRefusal(HttpResponseStatus.FORBIDDEN, ProtectionCategory.HTTP_PROXY_RESOURCE_ACCESS_FAILURE,
                reason);
    }

    public HttpResponseStatus status() {
        return status;
    }

    public ProtectionCategory category() {
        return category;
    }

    public String reason() {
        return getMessage();
    }
}
