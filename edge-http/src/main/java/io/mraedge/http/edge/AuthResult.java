package io.mraedge.http.edge;

import io.mraedge.http.auth.XAuthTokens;
import io.netty.handler.codec.http.HttpResponseStatus;

/** What {@link EdgeAuthenticator} decided about a request. */
sealed interface AuthResult {
    /**
     * The request may go on.
     *
     * @param user   the authenticated user, or null for a Bearer token passed to the inside
     * @param issued a new X-Auth token to set as a cookie on the response, or null
     */
    record Authenticated(String user, XAuthTokens.Issued issued) implements AuthResult {
    }

    /**
     * The request is refused.
     *
     * @param refusal      status, protection category (null: not counted) and log reason
     * @param retryAfter   seconds for {@code Retry-After} (429/503), or 0
     */
    record Refused(RequestRefusal refusal, long retryAfter) implements AuthResult {
        HttpResponseStatus status() {
            return refusal.status();
        }
    }
}
