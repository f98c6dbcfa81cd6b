package io.mraedge.http.edge;

import io.mraedge.core.protection.ProtectionCategory;
import io.mraedge.core.traversal.NoConnectorAvailableException;
import io.mraedge.core.traversal.StreamRouter;
import io.mraedge.core.traversal.TraversalProtocol;
import io.mraedge.http.HttpTraversal;
import io.mraedge.http.auth.AuthorizationRateLimiter;
import io.mraedge.http.auth.BasicCredentials;
import io.mraedge.http.auth.XAuthTokens;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authenticates a request on the edge (ARCHITECTURE.md, "HTTP (8443)"), in this order:
 * <ol>
 *   <li>an {@code X-Auth} cookie that checks out with the cluster key: the token's user;
 *   <li>{@code Authorization: Bearer}: passed to the inside untouched, which judges it (not
 *       for get_edge_config, which the edge answers from the connector);
 *   <li>{@code Authorization: Basic}: counted by authorization rate control (429 over the limit),
 *       then verified by a connector ({@code POST /.mra/auth}); success issues a new X-Auth token.
 * </ol>
 * Anything else is 401 with {@code WWW-Authenticate: Basic realm="Cisco-Edge"}. Wrong
 * credentials, a malformed Authorization header and a forged token count as HTTP proxy
 * authentication failures; a missing credential or an expired token do not (clients send
 * credentials only after the challenge, and tokens expire in normal use).
 */
final class EdgeAuthenticator {
    private static final Logger log = LoggerFactory.getLogger(EdgeAuthenticator.class);
    private static final int MAX_AUTH_ANSWER = 4096;

    private final XAuthTokens tokens;
    private final AuthorizationRateLimiter rateLimiter;
    private final StreamRouter router;
    private final AuthSettings settings;

    EdgeAuthenticator(XAuthTokens tokens, AuthorizationRateLimiter rateLimiter, StreamRouter router,
                      AuthSettings settings) {
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.router = router;
        this.settings = settings;
    }

    XAuthTokens tokens() {
        return tokens;
    }

    /**
     * Decides; completes on {@code executor} (the client channel's loop).
     *
     * @param bearerAllowed whether a Bearer token may pass (proxied requests only)
     */
    Future<AuthResult> authenticate(HttpHeaders headers, String domain, boolean bearerAllowed, String tracking,
                                    EventExecutor executor) {
        Promise<AuthResult> promise = executor.newPromise();
        String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
        String cookie = xAuthCookie(headers);
        if (cookie != null) {
            XAuthTokens.Check check = tokens.check(cookie);
            if (check instanceof XAuthTokens.Check.Valid valid) {
                return promise.setSuccess(new AuthResult.Authenticated(valid.user(), null));
            }
            if (authorization == null) {
                boolean forged = check instanceof XAuthTokens.Check.Invalid;
                String why = forged ? "X-Auth token refused: " + ((XAuthTokens.Check.Invalid) check).why()
                        : "X-Auth token of " + ((XAuthTokens.Check.Expired) check).user() + " expired";
                return promise.setSuccess(unauthorized(forged, why));
            }
        }
        if (authorization == null) {
            return promise.setSuccess(unauthorized(false, "no credentials"));
        }
        if (BasicCredentials.isBearer(authorization)) {
            return promise.setSuccess(bearerAllowed ? new AuthResult.Authenticated(null, null)
                    : unauthorized(false, "a Bearer token cannot fetch the edge configuration"));
        }
        var basic = BasicCredentials.parse(authorization);
        if (basic.isEmpty()) {
            return promise.setSuccess(unauthorized(true, "malformed Authorization header"));
        }
        String user = basic.get().user();
        OptionalLong retry = rateLimiter.tryAcquire(user);
        if (retry.isPresent()) {
            return promise.setSuccess(new AuthResult.Refused(new RequestRefusal(HttpResponseStatus.TOO_MANY_REQUESTS,
                    null, "user " + user + " is over " + settings.maxAuthorizations() + " authorizations per "
                    + settings.ratePeriod().toSeconds() + " s"), retry.getAsLong()));
        }
        Http2Headers request = new DefaultHttp2Headers()
                .method("POST").scheme("https").authority("mra-control").path(HttpTraversal.AUTH_PATH)
                .set(HttpHeaderNames.AUTHORIZATION, authorization)
                .set(HttpTraversal.DOMAIN, domain)
                .set(TraversalProtocol.TRACKING_ID, tracking);
        ControlCall.send(router, executor, request, settings.verifyTimeout(), MAX_AUTH_ANSWER).addListener(
                (Future<ControlCall.Response> f) -> promise.setSuccess(verdict(f, user, domain, tracking)));
        return promise;
    }

    private AuthResult verdict(Future<ControlCall.Response> f, String user, String domain, String tracking) {
        if (!f.isSuccess()) {
            Throwable cause = f.cause();
            log.warn("[{}] cannot verify {}@{}: {}", tracking, user, domain, cause.getMessage());
            HttpResponseStatus status = cause instanceof NoConnectorAvailableException
                    ? HttpResponseStatus.SERVICE_UNAVAILABLE
                    : cause instanceof ControlCall.ControlTimeoutException ? HttpResponseStatus.GATEWAY_TIMEOUT
                    : HttpResponseStatus.BAD_GATEWAY;
            return new AuthResult.Refused(new RequestRefusal(status, null, "verification failed: " + cause.getMessage()),
                    0);
        }
        ControlCall.Response r = f.getNow();
        switch (r.status()) {
            case 200 -> {
                CharSequence canonical = r.headers().get(TraversalProtocol.USER);
                String verified = canonical != null ? canonical.toString() : user;
                return new AuthResult.Authenticated(verified, tokens.issue(verified));
            }
            case 401 -> {
                return unauthorized(true, "wrong credentials for " + user + "@" + domain);
            }
            case 403 -> {
                return new AuthResult.Refused(new RequestRefusal(HttpResponseStatus.FORBIDDEN,
                        ProtectionCategory.HTTP_PROXY_RESOURCE_ACCESS_FAILURE, "no connector serves " + domain), 0);
            }
            default -> {
                return new AuthResult.Refused(new RequestRefusal(HttpResponseStatus.SERVICE_UNAVAILABLE, null,
                        "the connector could not verify credentials (" + r.status() + ")"), 0);
            }
        }
    }

    private static AuthResult unauthorized(boolean counts, String why) {
        return new AuthResult.Refused(new RequestRefusal(HttpResponseStatus.UNAUTHORIZED,
                counts ? ProtectionCategory.HTTP_PROXY_AUTH_FAILURE : null, why), 0);
    }

    /** The X-Auth cookie's value, or null; the first one wins when a client sends several. */
    static String xAuthCookie(HttpHeaders headers) {
        for (String header : headers.getAll(HttpHeaderNames.COOKIE)) {
            if (header.length() > 8192) {
                continue;
            }
            for (Cookie c : ServerCookieDecoder.LAX.decodeAll(header)) {
                if (XAuthTokens.COOKIE_NAME.equals(c.name())) {
                    return c.value();
                }
            }
        }
        return null;
    }
}
