package io.mraedge.http.connector;

import io.mraedge.http.auth.BasicCredentials;
import io.mraedge.http.auth.CredentialVerifier;
import io.mraedge.http.auth.Verdict;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code uds} verifier: asks the domain's preferred Unified CM for
 * {@code GET /cucm-uds/user/{user}} with the client's Basic credentials (mra-facts.md: the
 * inside node calls UDS). 200 means valid; 401, 403 and 404 mean invalid; anything else, or no
 * answer within the upstream response timeout, means the verifier is unavailable. It uses the
 * proxy's connection pool, TLS settings and origin verification.
 */
public final class UdsCredentialVerifier implements CredentialVerifier {
    private static final String HANDLER = "uds-verify";

    private final HttpConnectorConfig config;
    private final UpstreamPool pool;
    private final EventLoopGroup loops;

    public UdsCredentialVerifier(HttpConnectorConfig config, UpstreamPool pool, EventLoopGroup loops) {
        this.config = config;
        this.pool = pool;
        this.loops = loops;
    }

    @Override
    public CompletionStage<Verdict> verify(String domain, BasicCredentials credentials) {
        Optional<UcNode> node = config.domain(domain)
                .flatMap(d -> d.unifiedCm().stream().min(Comparator.comparingInt(UcNode::priority)));
        if (node.isEmpty()) {
            return CompletableFuture.completedFuture(new Verdict.Unavailable("no Unified CM for " + domain));
        }
        Origin origin = new Origin("https", node.get().host(), node.get().port());
        CompletableFuture<Verdict> result = new CompletableFuture<>();
        EventLoop loop = loops.next();
        loop.execute(() -> call(loop, origin, credentials, result, false));
        return result;
    }

    private void call(EventLoop loop, Origin origin, BasicCredentials credentials, CompletableFuture<Verdict> result,
                      boolean fresh) {
        pool.acquire(loop, origin, fresh).addListener((Future<UpstreamPool.Lease> f) -> {
            if (!f.isSuccess()) {
                result.complete(new Verdict.Unavailable(f.cause().getMessage()));
                return;
            }
            UpstreamPool.Lease lease = f.getNow();
            Channel ch = lease.channel();
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
                    "/cucm-uds/user/" + credentials.user());
            request.headers().set(HttpHeaderNames.HOST, origin.hostHeader())
                    .set(HttpHeaderNames.AUTHORIZATION, credentials.headerValue())
                    .set(HttpHeaderNames.ACCEPT, "application/xml");
            ch.pipeline().addLast(HANDLER, new StatusReader(lease, credentials, result, fresh));
            ch.writeAndFlush(request);
            ch.read();
        });
    }

    /** Reads the status, discards the body, then returns the connection to the pool. */
    private final class StatusReader extends ChannelInboundHandlerAdapter {
        private final UpstreamPool.Lease lease;
        private final BasicCredentials credentials;
        private final CompletableFuture<Verdict> result;
        private final boolean fresh;
        private ScheduledFuture<?> timeout;
        private int status;
        private boolean keepAlive;
        private boolean done;

        StatusReader(UpstreamPool.Lease lease, BasicCredentials credentials, CompletableFuture<Verdict> result,
                     boolean fresh) {
            this.lease = lease;
            this.credentials = credentials;
            this.result = result;
            this.fresh = fresh;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            timeout = ctx.executor().schedule(() -> finish(ctx, new Verdict.Unavailable("Unified CM did not answer")),
                    pool.settings().responseTimeout().toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (msg instanceof HttpResponse response && response.status().code() >= 200) {
                    status = response.status().code();
                    keepAlive = HttpUtil.isKeepAlive(response);
                }
                if (msg instanceof LastHttpContent && status != 0) {
                    Verdict v = switch (status) {
                        case 200 -> new Verdict.Valid(credentials.user());
                        case 401, 403, 404 -> new Verdict.Invalid();
                        default -> new Verdict.Unavailable("Unified CM answered " + status);
                    };
                    finish(ctx, v);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (!done) {
                ctx.read();
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!done && status == 0 && lease.reused() && !fresh) {
                done = true;
                timeout.cancel(false);
                ctx.pipeline().remove(this);
                call(ctx.channel().eventLoop(), lease.origin(), credentials, result, true);
            } else {
                finish(ctx, new Verdict.Unavailable("Unified CM closed the connection"));
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        private void finish(ChannelHandlerContext ctx, Verdict verdict) {
            if (done) {
                return;
            }
            done = true;
            timeout.cancel(false);
            result.complete(verdict);
            ctx.pipeline().remove(this);
            if (verdict instanceof Verdict.Unavailable || !keepAlive) {
                ctx.channel().close();
            } else {
                pool.release(lease);
            }
        }
    }
}
