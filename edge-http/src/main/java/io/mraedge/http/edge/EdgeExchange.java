package io.mraedge.http.edge;

import io.mraedge.core.maintenance.MaintainedService;
import io.mraedge.core.protection.ProtectionCategory;
import io.mraedge.core.traversal.NoConnectorAvailableException;
import io.mraedge.core.traversal.TraversalConnection;
import io.mraedge.http.HttpTraversal;
import io.mraedge.http.allowlist.AllowList;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request on the edge's 8443, from its headers to the end of its response, on the client
 * channel's event loop. The steps (ARCHITECTURE.md, "HTTP (8443)"):
 * <ol>
 *   <li>limits ({@link RequestChecks}): 400, 413, 414, 431 and a protocol violation;
 *   <li>maintenance: 503 with {@code Retry-After} when the listener is draining;
 *   <li>the URL grammar ({@link MraTargetParser}): 400/414 (protocol violation) or 403 for a
 *       domain not served;
 *   <li>for a proxied request: a connector must be UP (503), and its allow list must admit the
 *       method, origin and path (403, resource access failure);
 *   <li>authentication ({@link EdgeAuthenticator}): 401, 429;
 *   <li>then the answer: get_edge_config from the connector, or the proxied request through a
 *       {@link ProxyRelay}.
 * </ol>
 * Until the relay starts, request body that arrived with the headers (one read's worth) is
 * held here; ownership of each {@link HttpContent} passes to the relay, or it is released.
 */
final class EdgeExchange {
    private static final Logger log = LoggerFactory.getLogger(EdgeExchange.class);
    private static final Pattern CLIENT_TRACKING_ID = Pattern.compile("[A-Za-z0-9_.:-]{1,128}");
    private static final int MAX_EDGE_CONFIG = 256 * 1024;

    private final HttpsListener https;
    private final EdgeRequestHandler owner;
    private final ChannelHandlerContext ctx;
    private final HttpRequest request;
    private final boolean http2;
    private final InetSocketAddress client;
    private final String tracking;
    private final ArrayDeque<HttpContent> early = new ArrayDeque<>();
    private MaintainedService.Flow flow;
    private ProxyRelay relay;
    private final boolean expectsBody;
    private boolean requestComplete;
    private long bodyBytes;
    private boolean answered;
    private boolean finished;

    EdgeExchange(HttpsListener https, EdgeRequestHandler owner, ChannelHandlerContext ctx, HttpRequest request,
                 boolean http2, InetSocketAddress client) {
        this.https = https;
        this.owner = owner;
        this.ctx = ctx;
        this.request = request;
        this.http2 = http2;
        this.client = client;
        this.expectsBody = expectsBody(request, http2);
        this.requestComplete = !expectsBody;
        String sent = request.headers().get(HttpTraversal.TRACKING_ID_HEADER);
        this.tracking = sent != null && CLIENT_TRACKING_ID.matcher(sent).matches() ? sent : newTrackingId();
    }

    HttpRequest request() {
        return request;
    }

    ChannelHandlerContext ctx() {
        return ctx;
    }

    boolean http2() {
        return http2;
    }

    InetSocketAddress client() {
        return client;
    }

    String tracking() {
        return tracking;
    }

    HttpsListener https() {
        return https;
    }

    boolean requestComplete() {
        return requestComplete;
    }

    /** Whether body frames follow the headers (false also for an empty body known from the headers). */
    boolean expectsBody() {
        return expectsBody;
    }

    /**
     * HTTP/1.1: a body follows when it is chunked or has a Content-Length above 0 (RFC 9112 §6.3);
     * h2: unless the HEADERS frame ended the stream, which the codec turns into a full request.
     */
    private static boolean expectsBody(HttpRequest request, boolean http2) {
        if (http2) {
            return !(request instanceof LastHttpContent);
        }
        try {
            return HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
        } catch (NumberFormatException e) {
            return true; // RequestChecks refuses it; until then assume the worst
        }
    }

    boolean isHead() {
        return HttpMethod.HEAD.equals(request.method());
    }

    void begin() {
        if (request instanceof LastHttpContent full) {
            bodyBytes = full.content().readableBytes();
            full.release(); // a FullHttpRequest from h2: only its headers are used
            if (bodyBytes > 0) {
                // A body in the HEADERS' own END_STREAM form cannot happen on h2; refuse rather than drop it.
                refuse(RequestRefusal.violation(HttpResponseStatus.BAD_REQUEST, "unexpected inline body"));
                return;
            }
        }
        Optional<RequestRefusal> limits = https.checks().check(request, http2);
        if (limits.isPresent()) {
            refuse(limits.get());
            return;
        }
        flow = https.startFlow();
        if (flow == null) {
            FullHttpResponse busy = EdgeResponses.error(ctx.alloc(), HttpResponseStatus.SERVICE_UNAVAILABLE, isHead(), true);
            EdgeResponses.retryAfter(busy.headers(), https.config().retryAfter());
            log.info("[{}] {} {}: 503, the edge is in maintenance", tracking, client, request.method());
            respond(busy, false);
            return;
        }
        MraTarget target;
        try {
            target = https.parser().parse(request.uri());
        } catch (TargetRefusal refusal) {
            refuse(RequestRefusal.of(refusal));
            return;
        }
        if (target instanceof MraTarget.EdgeConfig edgeConfig) {
            edgeConfig(edgeConfig);
        } else if (target instanceof MraTarget.Proxy proxy) {
            proxy(proxy);
        } else {
            refuse(new RequestRefusal(HttpResponseStatus.NOT_IMPLEMENTED, null,
                    "SSO endpoint " + ((MraTarget.Sso) target).endpoint() + " is not supported yet"));
        }
    }

    private void proxy(MraTarget.Proxy target) {
        Optional<TraversalConnection> connection = https.edge().streams().choose(HttpTraversal.KIND);
        if (connection.isEmpty()) {
            refuse(new RequestRefusal(HttpResponseStatus.SERVICE_UNAVAILABLE, null, "no connector is UP"));
            return;
        }
        String method = request.method().name();
        AllowList.Verdict verdict = https.allowLists().of(connection.get())
                .check(method, target.scheme(), target.host(), target.port(), target.path());
        if (!verdict.allowed()) {
            refuse(new RequestRefusal(HttpResponseStatus.FORBIDDEN,
                    ProtectionCategory.HTTP_PROXY_RESOURCE_ACCESS_FAILURE,
                    "allow list: " + verdict + " for " + method + " " + target.scheme() + "://" + target.authority()
                            + target.path()));
            return;
        }
        https.authenticator().authenticate(request.headers(), target.domain(), true, tracking, ctx.executor())
                .addListener((Future<AuthResult> f) -> {
                    if (finished || answered) {
                        return;
                    }
                    AuthResult result = f.getNow();
                    if (result instanceof AuthResult.Refused refused) {
                        refuseAuth(refused);
                        return;
                    }
                    relay = new ProxyRelay(this, connection.get(), target, (AuthResult.Authenticated) result);
                    relay.start(early);
                });
    }

    private void edgeConfig(MraTarget.EdgeConfig target) {
        if (!HttpMethod.GET.equals(request.method()) && !isHead()) {
            refuse(new RequestRefusal(HttpResponseStatus.METHOD_NOT_ALLOWED, null, "get_edge_config with "
                    + request.method()));
            return;
        }
        https.authenticator().authenticate(request.headers(), target.domain(), false, tracking, ctx.executor())
                .addListener((Future<AuthResult> f) -> {
                    if (finished || answered) {
                        return;
                    }
                    if (f.getNow() instanceof AuthResult.Refused refused) {
                        refuseAuth(refused);
                        return;
                    }
                    fetchEdgeConfig(target, (AuthResult.Authenticated) f.getNow());
                });
    }

    private void fetchEdgeConfig(MraTarget.EdgeConfig target, AuthResult.Authenticated auth) {
        Http2Headers headers = TraversalRequests.edgeConfig(target, https.config().publicInputs(), tracking);
        ControlCall.send(https.edge().streams(), ctx.executor(), headers, https.config().auth().verifyTimeout(),
                MAX_EDGE_CONFIG).addListener((Future<ControlCall.Response> f) -> {
                    if (finished || answered) {
                        return;
                    }
                    if (!f.isSuccess()) {
                        HttpResponseStatus status = f.cause() instanceof NoConnectorAvailableException
                                ? HttpResponseStatus.SERVICE_UNAVAILABLE
                                : f.cause() instanceof ControlCall.ControlTimeoutException
                                ? HttpResponseStatus.GATEWAY_TIMEOUT : HttpResponseStatus.BAD_GATEWAY;
                        refuse(new RequestRefusal(status, null, "edge config: " + f.cause().getMessage()));
                        return;
                    }
                    ControlCall.Response r = f.getNow();
                    if (r.status() != 200) {
                        HttpResponseStatus status = r.status() == 403 ? HttpResponseStatus.FORBIDDEN
                                : HttpResponseStatus.BAD_GATEWAY;
                        refuse(new RequestRefusal(status, null, "edge config: the connector answered " + r.status()
                                + " " + r.headers().get(HttpTraversal.ERROR)));
                        return;
                    }
                    FullHttpResponse ok = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                            isHead() ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(r.body()));
                    ok.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/xml; charset=utf-8")
                            .setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length)
                            .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
                    setCookie(ok, auth);
                    log.info("[{}] {} get_edge_config {} for {}: 200", tracking, client, target.domain(), auth.user());
                    respond(ok, true);
                });
    }

    void setCookie(HttpResponse response, AuthResult.Authenticated auth) {
        if (auth.issued() != null) {
            response.headers().add(HttpHeaderNames.SET_COOKIE,
                    EdgeResponses.xAuthCookie(auth.issued(), https.config().auth().cookieDomain()));
        }
    }

    private void refuseAuth(AuthResult.Refused refused) {
        FullHttpResponse response = EdgeResponses.error(ctx.alloc(), refused.status(), isHead(), !requestComplete);
        if (refused.status().equals(HttpResponseStatus.UNAUTHORIZED)) {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, EdgeResponses.BASIC_CHALLENGE);
        }
        if (refused.retryAfter() > 0) {
            EdgeResponses.retryAfter(response.headers(), refused.retryAfter());
        }
        answer(refused.refusal(), response);
    }

    /** Answers a refusal: logs it, counts it, responds. */
    void refuse(RequestRefusal refusal) {
        boolean closeAfter = !requestComplete || refusal.category() == ProtectionCategory.HTTP_PROXY_PROTOCOL_VIOLATION;
        FullHttpResponse response = EdgeResponses.error(ctx.alloc(), refusal.status(), isHead(), closeAfter);
        if (refusal.status().equals(HttpResponseStatus.SERVICE_UNAVAILABLE)) {
            EdgeResponses.retryAfter(response.headers(), https.config().retryAfter());
        }
        answer(refusal, response);
    }

    private void answer(RequestRefusal refusal, FullHttpResponse response) {
        if (refusal.category() != null) {
            log.warn("[{}] {}: {} {} {}: {} -> {}", tracking, refusal.category().label(), client, request.method(),
                    printable(request.uri()), refusal.reason(), refusal.status().code());
            https.edge().refused(refusal.category(), client, owner.listenerPort());
        } else {
            log.info("[{}] {} {} {}: {} -> {}", tracking, client, request.method(), printable(request.uri()),
                    refusal.reason(), refusal.status().code());
        }
        boolean keepOpen = !response.headers().contains(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true);
        respond(response, keepOpen);
    }

    /** Writes a whole response of the edge's own and ends the exchange once it is written. */
    private void respond(FullHttpResponse response, boolean keepOpen) {
        if (answered) {
            response.release();
            return;
        }
        answered = true;
        boolean keep = keepOpen && requestComplete && HttpUtil.isKeepAlive(request);
        if (!keep && !http2) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ctx.writeAndFlush(response).addListener(f -> finish(keep && f.isSuccess()));
    }

    /** The request body, as it arrives. */
    void onContent(HttpContent content) {
        if (!expectsBody) {
            content.release(); // the empty end of a request without body
            return;
        }
        bodyBytes += content.content().readableBytes();
        if (content instanceof LastHttpContent) {
            requestComplete = true;
        }
        if (bodyBytes > https.checks().maxBodySize()) {
            content.release();
            if (relay != null) {
                relay.bodyTooLarge(https.checks().bodyTooLarge(bodyBytes));
            } else if (!answered) {
                refuse(https.checks().bodyTooLarge(bodyBytes));
            }
            return;
        }
        if (relay != null) {
            relay.forwardBody(content);
        } else if (answered || finished) {
            content.release();
        } else {
            early.add(content);
        }
    }

    void onReadComplete() {
        if (relay != null) {
            relay.clientReadComplete();
        }
    }

    void onWritabilityChanged() {
        if (relay != null) {
            relay.clientWritabilityChanged();
        }
    }

    /** The client went away. */
    void onClosed() {
        if (relay != null) {
            relay.clientClosed();
        }
        abort();
    }

    /** Ends the exchange once its complete response is written; idempotent. */
    void finish(boolean keepOpen) {
        end(keepOpen, true);
    }

    /** Ends the exchange with its response cut short: the connection or stream is reset. */
    void abort() {
        end(false, false);
    }

    private void end(boolean keepOpen, boolean responseComplete) {
        if (finished) {
            return;
        }
        finished = true;
        HttpContent c;
        while ((c = early.poll()) != null) {
            c.release();
        }
        if (flow != null) {
            flow.close();
        }
        owner.exchangeDone(this, keepOpen && requestComplete, responseComplete);
    }

    boolean finished() {
        return finished;
    }

    private static String newTrackingId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return Long.toHexString(r.nextLong() | Long.MIN_VALUE) + Long.toHexString(r.nextLong() | Long.MIN_VALUE);
    }

    /** The request-target for a log line: printable ASCII, at most 200 characters. */
    static String printable(String uri) {
        StringBuilder out = new StringBuilder(Math.min(uri.length(), 200));
        for (int i = 0; i < uri.length() && i < 200; i++) {
            char c = uri.charAt(i);
            out.append(c >= 0x21 && c <= 0x7e ? c : '?');
        }
        return uri.length() > 200 ? out + "…" : out.toString();
    }
}
