package io.mraedge.http.connector;

import io.mraedge.core.plugin.StreamKind;
import io.mraedge.core.plugin.StreamService;
import io.mraedge.core.traversal.TraversalProtocol;
import io.mraedge.http.allowlist.AllowList;
import io.mraedge.http.allowlist.HostSyntax;
import io.mraedge.http.allowlist.HttpMethods;
import io.mraedge.http.allowlist.PathSyntax;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves HTTP proxy streams ({@link StreamKind.HttpProxy}) on the connector: checks the target
 * again (the edge checked it too: ARCHITECTURE.md, "HTTP allow list"; both roles enforce), then
 * hands the stream to an {@link UpstreamExchange} on a pooled connection.
 *
 * <p>The edge sends {@code :scheme}, {@code :authority} ({@code host:port}) and {@code :path}
 * of the inside server. A target that fails the URL rules or the connector's allow list gets
 * 400 or 403 with {@code mra-error} and never reaches a socket.
 */
public final class ProxyStreamService implements StreamService {
    private static final Logger log = LoggerFactory.getLogger(ProxyStreamService.class);
    private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");
    /** Segment limit of the re-check; the edge applies its configured, usually lower, one. */
    private static final int MAX_SEGMENT = 4096;

    private final AllowList allowList;
    private final UpstreamPool pool;

    public ProxyStreamService(AllowList allowList, UpstreamPool pool) {
        this.allowList = allowList;
        this.pool = pool;
    }

    @Override
    public StreamKind kind() {
        return new StreamKind.HttpProxy();
    }

    @Override
    public void open(Http2StreamChannel stream, Http2Headers request) {
        CharSequence trackingHeader = request.get(TraversalProtocol.TRACKING_ID);
        String tracking = trackingHeader != null ? trackingHeader.toString() : UUID.randomUUID().toString();
        Optional<Origin> origin = origin(request);
        if (origin.isEmpty()) {
            refuse(stream, 400, "bad-target", tracking, "malformed :scheme/:authority/:method");
            return;
        }
        String target = request.path() == null ? "" : request.path().toString();
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        Optional<String> problem = PathSyntax.checkPath(path, MAX_SEGMENT)
                .or(() -> q < 0 ? Optional.empty() : PathSyntax.checkQuery(target.substring(q + 1)));
        if (problem.isPresent()) {
            refuse(stream, 400, "bad-target", tracking, problem.get());
            return;
        }
        String method = request.method().toString();
        Origin o = origin.get();
        AllowList.Verdict verdict = allowList.check(method, o.scheme(), o.host(), o.port(), path);
        if (!verdict.allowed()) {
            refuse(stream, 403, "allow-list", tracking, method + " " + o + path + ": " + verdict);
            return;
        }
        boolean hasBody = stream.stream().state() != Http2Stream.State.HALF_CLOSED_REMOTE;
        HttpRequest upstream = UpstreamRequests.toUpstream(request, o, hasBody, tracking);
        new UpstreamExchange(stream, pool, o, upstream, hasBody, tracking).start();
    }

    private static Optional<Origin> origin(Http2Headers h) {
        CharSequence method = h.method();
        CharSequence scheme = h.scheme();
        CharSequence authority = h.authority();
        if (method == null || !HttpMethods.isToken(method) || scheme == null || authority == null
                || !("http".contentEquals(scheme) || "https".contentEquals(scheme))) {
            return Optional.empty();
        }
        String a = authority.toString();
        int colon = a.lastIndexOf(':');
        if (colon <= 0 || !PORT.matcher(a.substring(colon + 1)).matches()) {
            return Optional.empty();
        }
        int port = Integer.parseInt(a.substring(colon + 1));
        Optional<String> host = HostSyntax.canonical(a.substring(0, colon));
        if (port > 65_535 || host.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Origin(scheme.toString(), host.get(), port));
    }

    private static void refuse(Http2StreamChannel stream, int status, String code, String tracking, String why) {
        log.warn("[{}] connector refused a proxy request with {}: {}", tracking, status, why);
        boolean requestOpen = stream.stream().state() != Http2Stream.State.HALF_CLOSED_REMOTE;
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(UpstreamRequests.error(status, code), true))
                .addListener(f -> {
                    if (requestOpen) {
                        stream.close();
                    }
                });
    }
}
