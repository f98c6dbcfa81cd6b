package io.mraedge.http.edge;

import io.mraedge.core.traversal.TraversalConnection;
import io.mraedge.http.HttpTraversal;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The edge's half of a proxied request: a traversal stream to the connector that routing chose,
 * the request body streamed up it and the response streamed back to the client, with no
 * full-body buffering anywhere.
 *
 * <p>Threading: the stream lives on its traversal connection's event loop, the client on its
 * own. The stream's handler ({@link StreamSide}) hands each read burst over to the client's
 * loop as one task, where all of this object's state lives; calls into the stream
 * ({@code write}, {@code close}, {@code config}) are thread-safe in Netty.
 *
 * <p>Flow control: the client is read (request body) only while the stream is writable, that
 * is, while the connector's HTTP/2 window for it is open. The stream is read (response) while
 * the client channel is writable and less than {@value #PENDING_HIGH} bytes are in flight
 * between the loops; then it stops until the client drains below {@value #PENDING_LOW}. A slow
 * client thus holds the response in the HTTP/2 window (1 MiB by default), and a slow connector
 * holds the body in the client's TCP window.
 *
 * <p>Ownership: each {@link HttpContent} from the client goes up as a DATA frame of the same
 * buffer; each DATA frame from the stream goes to the client as an {@link HttpContent} of the
 * same buffer; everything else is released where it ends.
 */
final class ProxyRelay {
    static final String STREAM_HANDLER = "edge-proxy-relay";
    /** Response bytes in flight between the two loops above which the stream stops reading. */
    static final long PENDING_HIGH = 256 * 1024;
    /** ... and below which it reads again. */
    static final long PENDING_LOW = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(ProxyRelay.class);

    private final EdgeExchange exchange;
    private final ChannelHandlerContext ctx;
    private final EventExecutor executor;
    private final TraversalConnection connection;
    private final MraTarget.Proxy target;
    private final AuthResult.Authenticated auth;
    /** Response bytes read from the stream and not yet written to the client. */
    private final AtomicLong pending = new AtomicLong();
    /** Set on the stream's loop when it stopped reading; cleared on the client's when it resumes. */
    private volatile boolean paused;
    private Queue<HttpContent> early;
    private Http2StreamChannel stream;
    private ScheduledFuture<?> timeout;
    private boolean bodySent;
    private boolean responseStarted;
    private boolean responseEnded;
    private boolean responseWritten;
    private boolean responseWriteOk;
    private boolean keepAlive;
    private boolean gone;

    ProxyRelay(EdgeExchange exchange, TraversalConnection connection, MraTarget.Proxy target,
               AuthResult.Authenticated auth) {
        this.exchange = exchange;
        this.ctx = exchange.ctx();
        this.executor = ctx.executor();
        this.connection = connection;
        this.target = target;
        this.auth = auth;
        this.keepAlive = HttpUtil.isKeepAlive(exchange.request());
    }

    /** Opens the stream; {@code early} holds request body that came before (ownership passes). */
    void start(Queue<HttpContent> early) {
        this.early = early;
        boolean endStream = !exchange.expectsBody();
        bodySent = endStream;
        Http2Headers headers = TraversalRequests.proxy(exchange, target, auth.user(),
                exchange.https().edge().config().name());
        timeout = executor.schedule(this::timedOut, exchange.https().config().responseTimeout().toNanos(),
                TimeUnit.NANOSECONDS);
        connection.openStream(headers, endStream, new StreamSide()).addListener((Future<Http2StreamChannel> f) -> {
            if (!onClientLoop(() -> opened(f, early)) && f.isSuccess()) {
                f.getNow().close(); // the client's loop is shutting down
            }
        });
    }

    private void opened(Future<Http2StreamChannel> f, Queue<HttpContent> early) {
        if (!f.isSuccess()) {
            drain(early);
            cancelTimeout();
            if (!gone) {
                exchange.refuse(new RequestRefusal(HttpResponseStatus.SERVICE_UNAVAILABLE, null,
                        "cannot open a traversal stream: " + f.cause().getMessage()));
            }
            return;
        }
        stream = f.getNow();
        if (gone) {
            drain(early);
            stream.close();
            return;
        }
        if (!early.isEmpty()) {
            HttpContent c;
            while ((c = early.poll()) != null) {
                forwardBody(c);
            }
            stream.flush();
        }
        if (!exchange.requestComplete() && stream.isWritable()) {
            ctx.read();
        }
        // The response is already being read (StreamSide.handlerAdded): calling into the stream
        // from here would cost a task on its loop for nothing.
    }

    /** One piece of request body from the client; ownership passes. */
    void forwardBody(HttpContent content) {
        if (stream == null && !gone) {
            early.add(content); // sent once the stream is open
            return;
        }
        if (bodySent || gone || !stream.isActive()) {
            boolean last = content instanceof LastHttpContent;
            content.release();
            if (last && !bodySent) {
                bodySent = true;
                finishIfDone();
            }
            return;
        }
        boolean last = content instanceof LastHttpContent;
        bodySent = last;
        stream.write(new DefaultHttp2DataFrame(content.content(), last));
        if (last && responseEnded) {
            stream.flush();
            finishIfDone();
        }
    }

    void clientReadComplete() {
        if (stream == null) {
            return;
        }
        stream.flush();
        if (!exchange.requestComplete() && (stream.isWritable() || !stream.isActive())) {
            ctx.read(); // a closed stream: the rest of the body is read and dropped
        }
    }

    void clientWritabilityChanged() {
        maybeResume();
    }

    /** Reads the stream again once the client caught up (on the client's loop). */
    private void maybeResume() {
        if (paused && stream != null && !gone && !responseEnded && ctx.channel().isWritable()
                && pending.get() < PENDING_LOW) {
            paused = false;
            stream.config().setAutoRead(true);
        }
    }

    /** The body grew past the limit while being streamed. */
    void bodyTooLarge(RequestRefusal refusal) {
        if (stream != null) {
            stream.close();
        }
        if (responseStarted) {
            abortClient();
        } else {
            cancelTimeout();
            gone = true;
            exchange.refuse(refusal);
        }
    }

    void clientClosed() {
        gone = true;
        cancelTimeout();
        if (stream != null) {
            stream.close();
        }
    }

    private void timedOut() {
        if (!responseStarted && !gone) {
            gone = true;
            if (stream != null) {
                stream.close();
            }
            exchange.refuse(new RequestRefusal(HttpResponseStatus.GATEWAY_TIMEOUT, null, "no response from connector "
                    + connection.connectorName() + " within " + exchange.https().config().responseTimeout().toSeconds()
                    + " s"));
        }
    }

    /** A message from the stream, now on the client's loop. */
    private void onStreamMessage(Object msg) {
        if (gone || exchange.finished()) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof Http2HeadersFrame frame) {
            onHeaders(frame);
        } else if (msg instanceof Http2DataFrame data) {
            if (!responseStarted) {
                data.release();
                streamGone("DATA before HEADERS");
                return;
            }
            boolean last = data.isEndStream();
            HttpContent content = last ? new DefaultLastHttpContent(data.content()) : new DefaultHttpContent(data.content());
            if (last) {
                end(ctx.write(content));
            } else {
                ctx.write(content);
            }
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    private void onHeaders(Http2HeadersFrame frame) {
        Http2Headers headers = frame.headers();
        if (responseStarted) {
            // Trailers: not forwarded, but they end the response.
            end(ctx.write(LastHttpContent.EMPTY_LAST_CONTENT));
            return;
        }
        CharSequence status = headers.status();
        int code;
        try {
            code = Integer.parseInt(String.valueOf(status));
        } catch (NumberFormatException e) {
            streamGone("bad :status " + status);
            return;
        }
        if (HttpStatusClass.valueOf(code) == HttpStatusClass.INFORMATIONAL) {
            return;
        }
        cancelTimeout();
        responseStarted = true;
        CharSequence error = headers.get(HttpTraversal.ERROR);
        if (error != null) {
            log.info("[{}] connector {} answered {} ({}) for {} {}", exchange.tracking(), connection.connectorName(),
                    code, error, exchange.request().method(), target.scheme() + "://" + target.authority() + target.path());
        }
        HttpResponse response = EdgeResponses.fromConnector(headers, frame.isEndStream(), exchange.isHead(),
                exchange.http2());
        exchange.setCookie(response, auth);
        if (!keepAlive && !exchange.http2()) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        if (frame.isEndStream()) {
            end(ctx.write(response));
        } else {
            ctx.write(response);
        }
    }

    /**
     * The response is complete. The exchange ends once it is written and the request body has
     * gone up too. A server may answer before it read the whole body (RFC 9110 §15): then an h2
     * client is asked to stop sending with RST_STREAM(NO_ERROR) once the answer is on the wire
     * (RFC 9113 §8.1; resetting earlier could drop the queued answer), and an HTTP/1.1 client's
     * remaining body is still relayed, within the body limit, so the connection can be reused.
     */
    private void end(ChannelFuture lastWrite) {
        responseEnded = true;
        ctx.flush();
        lastWrite.addListener(f -> {
            responseWritten = true;
            responseWriteOk = f.isSuccess();
            if (!bodySent && exchange.http2() && !gone) {
                gone = true; // RST_STREAM(NO_ERROR) follows from the request handler
                if (stream != null) {
                    stream.close();
                }
                exchange.finish(false);
                return;
            }
            finishIfDone();
        });
        if (!bodySent && !exchange.requestComplete() && (stream == null || stream.isWritable() || !stream.isActive())) {
            ctx.read();
        }
    }

    private void finishIfDone() {
        if (responseWritten && (bodySent || gone)) {
            exchange.finish(keepAlive && bodySent && responseWriteOk);
        }
    }

    /** One burst of stream messages, now on the client's loop; one flush for all of them. */
    private void onStreamBatch(List<Object> batch, long bytes) {
        for (Object msg : batch) {
            onStreamMessage(msg);
        }
        if (!gone && !responseEnded) {
            ctx.flush();
        }
        pending.addAndGet(-bytes);
        maybeResume();
    }

    private void onStreamWritable() {
        if (!gone && !exchange.requestComplete() && stream != null && stream.isWritable()) {
            ctx.read();
        }
    }

    /** The stream ended without a complete response. */
    private void streamGone(String why) {
        if (gone) {
            return;
        }
        if (responseEnded) {
            // A normal end, or the connector stopped taking body after its answer: drop the rest.
            return;
        }
        gone = true;
        cancelTimeout();
        if (stream != null) {
            stream.close();
        }
        if (!responseStarted) {
            exchange.refuse(new RequestRefusal(HttpResponseStatus.BAD_GATEWAY, null, "connector "
                    + connection.connectorName() + ": " + why));
        } else {
            log.debug("[{}] response cut: {}", exchange.tracking(), why);
            abortClient();
        }
    }

    private void abortClient() {
        gone = true;
        ctx.flush();
        exchange.abort();
    }

    private void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel(false);
            timeout = null;
        }
    }

    private static void drain(Queue<HttpContent> early) {
        HttpContent c;
        while ((c = early.poll()) != null) {
            c.release();
        }
    }

    /**
     * On the traversal stream's loop: collects each read burst (often HEADERS and all DATA of a
     * small response) and hands it to the client's loop as one task. It stops reading (auto-read
     * off) when the client is not writable or too many bytes are in flight; the client's loop
     * turns reading back on ({@link #maybeResume()}). The stream's window is returned only as
     * frames are read, so this bounds what the connector can send ahead.
     */
    private final class StreamSide extends ChannelInboundHandlerAdapter {
        private List<Object> batch = new ArrayList<>(4);
        private long batchBytes;

        @Override
        public void handlerAdded(ChannelHandlerContext streamCtx) {
            // Installed on the stream's loop before its first frame: read the response in bursts
            // from the start (auto-read off is how the stream was opened).
            streamCtx.channel().config().setAutoRead(true);
        }

        @Override
        public void channelRead(ChannelHandlerContext streamCtx, Object msg) {
            batch.add(msg);
            if (msg instanceof Http2DataFrame data) {
                int n = data.content().readableBytes();
                batchBytes += n;
                pending.addAndGet(n);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext streamCtx) {
            boolean pausing = streamCtx.channel().config().isAutoRead()
                    && (pending.get() >= PENDING_HIGH || !ctx.channel().isWritable());
            if (pausing) {
                paused = true; // set before the hand-over, so that the client's loop sees it
                streamCtx.channel().config().setAutoRead(false);
            }
            handOver(streamCtx);
            if (pausing) {
                // The client's loop may have drained and become writable just before `paused`
                // was set, and then no later event would resume: re-check there once, after the
                // hand-over (its tasks run in order).
                onClientLoop(ProxyRelay.this::maybeResume);
            }
        }

        private void handOver(ChannelHandlerContext streamCtx) {
            if (batch.isEmpty()) {
                return;
            }
            List<Object> b = batch;
            long bytes = batchBytes;
            batch = new ArrayList<>(4);
            batchBytes = 0;
            if (!onClientLoop(() -> onStreamBatch(b, bytes))) {
                b.forEach(ReferenceCountUtil::release);
                streamCtx.close();
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext streamCtx) {
            if (streamCtx.channel().isWritable()) {
                onClientLoop(ProxyRelay.this::onStreamWritable);
            }
            streamCtx.fireChannelWritabilityChanged();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext streamCtx, Object evt) {
            if (evt instanceof Http2ResetFrame reset) {
                handOver(streamCtx);
                onClientLoop(() -> streamGone("the connector reset the stream (" + reset.errorCode() + ")"));
                return;
            }
            streamCtx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext streamCtx) {
            handOver(streamCtx);
            onClientLoop(() -> streamGone("the traversal stream closed"));
            streamCtx.fireChannelInactive();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext streamCtx) {
            batch.forEach(ReferenceCountUtil::release);
            batch.clear();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext streamCtx, Throwable cause) {
            log.debug("[{}] traversal stream error: {}", exchange.tracking(), cause.toString());
            streamCtx.close();
        }
    }

    /** Runs {@code task} on the client's loop; false when that loop is shutting down. */
    private boolean onClientLoop(Runnable task) {
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }
}
