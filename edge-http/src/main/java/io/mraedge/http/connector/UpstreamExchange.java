package io.mraedge.http.connector;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import java.util.Locale;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied request on the connector: a traversal stream from the edge relayed to a pooled
 * HTTP/1.1 connection to an inside server and back, bodies streamed both ways.
 *
 * <p>Threading: the upstream connection lives on the stream's event loop, so every method and
 * both handlers run on that one thread and share this object's state without locks.
 *
 * <p>Flow control (ENGINEERING.md, practice 7): the stream is read (request body) only while the
 * upstream connection is writable. The upstream connection reads (response) while the stream is
 * writable, that is, while the edge's HTTP/2 window for this stream is open: auto-read goes off
 * when a read leaves the stream unwritable and on again when it drains (auto-read rather than a
 * read per burst, which would cost two epoll_ctl calls each time). A slow client therefore stalls
 * the inside server through the edge's window, and nothing here buffers more than one read.
 *
 * <p>Ownership: a DATA frame read from the stream is handed to the upstream connection as an
 * {@link HttpContent} of the same buffer; an {@link HttpContent} read from upstream is handed to
 * the stream as a DATA frame of the same buffer. Everything else read is released here.
 *
 * <p>Errors: no connection (resolve, connect, TLS) answers 502; no response headers within the
 * response timeout 504; a connection lost before the response headers 502 (a request without
 * body is retried once on a fresh connection when a pooled one turned out stale); a connection
 * lost during the response body resets the stream.
 */
final class UpstreamExchange {
    static final String STREAM_HANDLER = "upstream-exchange";
    static final String UPSTREAM_HANDLER = "upstream-exchange";

    private static final Logger log = LoggerFactory.getLogger(UpstreamExchange.class);

    private final Http2StreamChannel stream;
    private final UpstreamPool pool;
    private final Origin origin;
    private final HttpRequest request;
    private final boolean hasBody;
    private final String tracking;
    private UpstreamPool.Lease lease;
    private ScheduledFuture<?> timeout;
    private boolean retried;
    private boolean requestDone;
    private boolean responseStarted;
    private boolean responseDone;
    private boolean responseBytes;
    private boolean keepAlive;
    private boolean finished;

    UpstreamExchange(Http2StreamChannel stream, UpstreamPool pool, Origin origin, HttpRequest request, boolean hasBody,
                     String tracking) {
        this.stream = stream;
        this.pool = pool;
        this.origin = origin;
        this.request = request;
        this.hasBody = hasBody;
        this.tracking = tracking;
        this.requestDone = !hasBody;
        this.keepAlive = HttpUtil.isKeepAlive(request);
    }

    /** Starts on the stream's event loop. */
    void start() {
        stream.pipeline().addLast(STREAM_HANDLER, new StreamSide());
        timeout = stream.eventLoop().schedule(this::timedOut, pool.settings().responseTimeout().toNanos(),
                TimeUnit.NANOSECONDS);
        acquire(false);
    }

    private void acquire(boolean fresh) {
        pool.acquire(stream.eventLoop(), origin, fresh).addListener((Future<UpstreamPool.Lease> f) -> {
            if (!f.isSuccess()) {
                fail(f.cause() instanceof UpstreamException u ? u
                        : new UpstreamException(UpstreamException.Kind.CONNECT, String.valueOf(f.cause())));
                return;
            }
            UpstreamPool.Lease acquired = f.getNow();
            if (finished) {
                pool.release(acquired); // nothing was written on it
                return;
            }
            attach(acquired);
        });
    }

    private void attach(UpstreamPool.Lease acquired) {
        lease = acquired;
        Channel upstream = acquired.channel();
        upstream.pipeline().addLast(UPSTREAM_HANDLER, new UpstreamSide());
        upstream.write(request);
        if (!hasBody) {
            upstream.write(LastHttpContent.EMPTY_LAST_CONTENT);
        }
        upstream.flush();
        // Reading stays on while the stream keeps up: toggling it per read would cost two
        // epoll_ctl calls each time (see UpstreamSide.channelReadComplete).
        upstream.config().setAutoRead(true);
        if (hasBody) {
            stream.read();
        }
    }

    private void timedOut() {
        if (!responseStarted && !finished) {
            fail(new UpstreamException(UpstreamException.Kind.TIMEOUT, "no response from " + origin + " within "
                    + pool.settings().responseTimeout().toSeconds() + " s"));
        }
    }

    /** Answers 502/504 when nothing was sent yet, else resets the stream; closes the upstream connection. */
    private void fail(UpstreamException cause) {
        if (finished) {
            return;
        }
        finished = true;
        cancelTimeout();
        closeUpstream();
        if (responseStarted) {
            log.debug("[{}] {}: response cut: {}", tracking, origin, cause.getMessage());
            stream.close();
            return;
        }
        int status = cause.kind() == UpstreamException.Kind.TIMEOUT ? 504 : 502;
        log.info("[{}] {} {}: answering {}: {}", tracking, request.method(), origin, status, cause.getMessage());
        boolean closeAfter = !requestDone;
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(UpstreamRequests.error(status, cause.kind().name()
                .toLowerCase(Locale.ROOT)), true)).addListener(w -> {
                    if (closeAfter) {
                        stream.close();
                    }
                });
    }

    private void closeUpstream() {
        if (lease != null) {
            Channel upstream = lease.channel();
            if (upstream.pipeline().get(UPSTREAM_HANDLER) != null) {
                upstream.pipeline().remove(UPSTREAM_HANDLER);
            }
            upstream.close();
        }
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    /**
     * The response is complete. If the request body is too, the exchange ends: the connection
     * goes back to the pool (or is closed). If the server answered before it had the whole
     * body (RFC 9110 §15 allows it), the rest is still relayed, so that the edge can finish the
     * request without a reset that could cost the client the queued answer; the connection is
     * then closed, not reused.
     */
    private void responseComplete() {
        responseDone = true;
        cancelTimeout();
        stream.flush();
        if (requestDone) {
            complete(keepAlive);
        } else {
            keepAlive = false;
        }
    }

    private void complete(boolean reuse) {
        finished = true;
        Channel upstream = lease.channel();
        if (upstream.pipeline().get(UPSTREAM_HANDLER) != null) {
            upstream.pipeline().remove(UPSTREAM_HANDLER);
        }
        if (reuse && upstream.isActive()) {
            pool.release(lease);
        } else {
            upstream.flush();
            upstream.close();
        }
    }

    /** On the traversal stream: request body in, writability of the response path. */
    private final class StreamSide extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2DataFrame data && lease != null && !requestDone && !finished) {
                requestDone = data.isEndStream();
                HttpContent content = requestDone ? new DefaultLastHttpContent(data.content())
                        : new DefaultHttpContent(data.content());
                lease.channel().write(content);
                if (requestDone && responseDone) {
                    complete(false);
                }
            } else if (msg instanceof Http2HeadersFrame trailers && trailers.isEndStream() && lease != null
                    && !requestDone && !finished) {
                requestDone = true; // trailers are not forwarded
                lease.channel().write(LastHttpContent.EMPTY_LAST_CONTENT);
                if (responseDone) {
                    complete(false);
                }
            } else {
                if (msg instanceof Http2DataFrame && lease == null && !finished) {
                    // Never expected: the stream is read only once a connection is attached.
                    log.warn("[{}] request body arrived before the upstream connection; refusing", tracking);
                    ReferenceCountUtil.release(msg);
                    fail(new UpstreamException(UpstreamException.Kind.BROKEN, "body before connection"));
                    return;
                }
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (lease == null || finished) {
                return;
            }
            Channel upstream = lease.channel();
            upstream.flush();
            if (!requestDone && (upstream.isWritable() || !upstream.isActive())) {
                ctx.read(); // a closed upstream: the rest of the body is read and dropped
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && lease != null && !responseDone && !finished) {
                lease.channel().config().setAutoRead(true);
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof Http2ResetFrame) {
                abandon("the edge reset the stream");
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            abandon("the stream closed");
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("[{}] stream error: {}", tracking, cause.toString());
            ctx.close();
        }

        private void abandon(String why) {
            if (!finished) {
                finished = true;
                log.debug("[{}] {}: {}; closing the upstream connection", tracking, origin, why);
                cancelTimeout();
                closeUpstream();
            }
        }
    }

    /** On the upstream connection: response in, writability of the request path. */
    private final class UpstreamSide extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (finished || responseDone) {
                ReferenceCountUtil.release(msg);
                return;
            }
            responseBytes = true;
            if (msg instanceof HttpResponse response) {
                if (response.decoderResult().isFailure()) {
                    ReferenceCountUtil.release(msg);
                    fail(new UpstreamException(UpstreamException.Kind.BROKEN, "malformed response: "
                            + response.decoderResult().cause()));
                    return;
                }
                if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
                    ReferenceCountUtil.release(msg); // 100 Continue and friends stay on this hop
                    return;
                }
                responseStarted = true;
                keepAlive &= HttpUtil.isKeepAlive(response);
                cancelTimeout();
                stream.write(new DefaultHttp2HeadersFrame(UpstreamRequests.fromUpstream(response), false));
            }
            if (msg instanceof HttpContent content) {
                if (!responseStarted) {
                    content.release();
                    return;
                }
                boolean last = content instanceof LastHttpContent;
                stream.write(new DefaultHttp2DataFrame(content.content(), last));
                if (last) {
                    responseComplete();
                }
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            stream.flush();
            if (!finished && !responseDone && !stream.isWritable()) {
                // The edge's window for this stream is full: stop until it opens again.
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && !requestDone && !finished) {
                stream.read();
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (responseDone && !finished) {
                // Answered early and then closed: the rest of the body is dropped as it arrives.
                stream.read();
            } else if (!finished) {
                if (!responseBytes && lease.reused() && !hasBody && !retried) {
                    // A pooled connection the server had closed meanwhile: try once more on a new one.
                    retried = true;
                    log.debug("[{}] pooled connection to {} was stale; retrying", tracking, origin);
                    ctx.pipeline().remove(this);
                    lease = null;
                    acquire(true);
                } else {
                    fail(new UpstreamException(UpstreamException.Kind.BROKEN, origin + " closed the connection"));
                }
            }
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.debug("[{}] upstream {} error: {}", tracking, origin, cause.toString());
            ctx.close();
        }
    }
}
