package io.mraedge.http.connector;

import io.mraedge.core.plugin.StreamKind;
import io.mraedge.core.plugin.StreamService;
import io.mraedge.core.traversal.TraversalProtocol;
import io.mraedge.http.HttpTraversal;
import io.mraedge.http.auth.BasicCredentials;
import io.mraedge.http.auth.CredentialVerifier;
import io.mraedge.http.auth.Verdict;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamChannel;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /.mra/auth} on the connector: verifies the Basic credentials the edge forwards in
 * {@code authorization} for the domain in {@code mra-domain}, through the credential cache and
 * the configured verifier. Answers {@code 200} with {@code mra-user} (the canonical user id),
 * {@code 401} for wrong credentials, {@code 403} for a domain this connector does not serve,
 * {@code 400} for a malformed request and {@code 503} when the verifier cannot decide. Headers
 * only, no body. The password is never logged.
 */
public final class AuthControlService implements StreamService {
    private static final Logger log = LoggerFactory.getLogger(AuthControlService.class);

    private final CredentialVerifier verifier;
    private final Set<String> domains;

    public AuthControlService(CredentialVerifier verifier, Set<String> domains) {
        this.verifier = verifier;
        this.domains = Set.copyOf(domains);
    }

    @Override
    public StreamKind kind() {
        return new StreamKind.Control(HttpTraversal.AUTH_PATH);
    }

    @Override
    public void open(Http2StreamChannel stream, Http2Headers request) {
        CharSequence domainHeader = request.get(HttpTraversal.DOMAIN);
        String domain = domainHeader == null ? "" : domainHeader.toString().toLowerCase(Locale.ROOT);
        var credentials = BasicCredentials.parse(request.get(HttpHeaderNames.AUTHORIZATION));
        CharSequence tracking = request.get(TraversalProtocol.TRACKING_ID);
        if (credentials.isEmpty()) {
            answer(stream, new DefaultHttp2Headers().status("400"));
            return;
        }
        if (!domains.contains(domain)) {
            answer(stream, new DefaultHttp2Headers().status("403").set(HttpTraversal.ERROR, "unknown-domain"));
            return;
        }
        String user = credentials.get().user();
        verifier.verify(domain, credentials.get()).whenComplete((verdict, error) -> {
            Http2Headers response;
            if (error != null) {
                log.warn("[{}] verifying {}@{} failed: {}", tracking, user, domain, error.toString());
                response = new DefaultHttp2Headers().status("503").set(HttpTraversal.ERROR, "verifier-failed");
            } else if (verdict instanceof Verdict.Valid valid) {
                response = new DefaultHttp2Headers().status("200").set(TraversalProtocol.USER, valid.user());
            } else if (verdict instanceof Verdict.Invalid) {
                log.info("[{}] credentials of {}@{} refused", tracking, user, domain);
                response = new DefaultHttp2Headers().status("401");
            } else {
                log.warn("[{}] cannot verify {}@{}: {}", tracking, user, domain, ((Verdict.Unavailable) verdict).why());
                response = new DefaultHttp2Headers().status("503").set(HttpTraversal.ERROR, "verifier-unavailable");
            }
            answer(stream, response);
        });
    }

    private static void answer(Http2StreamChannel stream, Http2Headers headers) {
        // Thread-safe: from another thread the write is scheduled on the stream's loop.
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(headers, true));
    }
}
