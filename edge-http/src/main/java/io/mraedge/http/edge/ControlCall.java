package io.mraedge.http.edge;

import io.mraedge.core.traversal.StreamRouter;
import io.mraedge.http.HttpTraversal;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One control request from the edge to a connector ({@code /.mra/auth}, {@code /.mra/edge-config}):
 * opens the stream with the request headers (no body), collects the response headers and a
 * body of at most {@code maxBody} bytes, and completes a promise on the caller's executor.
 * A timeout, a closed stream or an overlong body fails the promise and closes the stream.
 *
 * <p>Ownership: every frame read from the stream is released here; the body is copied out.
 */
final class ControlCall extends ChannelInboundHandlerAdapter {
    /** The connector's answer. */
    record Response(int status, Http2Headers headers, byte[] body) {
    }

    private final Promise<Response> promise;
    private final int maxBody;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private Http2Headers headers;

    private ControlCall(Promise<Response> promise, int maxBody) {
        this.promise = promise;
        this.maxBody = maxBody;
    }

    /**
     * Sends {@code request} (method, path and headers already set) on the connection routing
     * chooses. The future completes on {@code executor}.
     */
    static Future<Response> send(StreamRouter router, EventExecutor executor, Http2Headers request, Duration timeout,
                                 int maxBody) {
        Promise<Response> promise = executor.newPromise();
        ControlCall call = new ControlCall(promise, maxBody);
        router.openRequest(HttpTraversal.KIND, request, true, call).addListener((Future<Http2StreamChannel> f) -> {
            if (!f.isSuccess()) {
                promise.tryFailure(f.cause());
                return;
            }
            Http2StreamChannel stream = f.getNow();
            ScheduledFuture<?> timer = executor.schedule(() -> {
                if (promise.tryFailure(new ControlTimeoutException("no answer within " + timeout.toSeconds() + " s"))) {
                    stream.close();
                }
            }, timeout.toNanos(), TimeUnit.NANOSECONDS);
            promise.addListener(p -> timer.cancel(false));
            stream.read();
        });
        return promise;
    }

    /** The connector did not answer in time. */
    static final class ControlTimeoutException extends Exception {
        private static final long serialVersionUID = 1L;

        ControlTimeoutException(String message) {
            super(message, null, false, false);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof Http2HeadersFrame frame && headers == null) {
                headers = frame.headers();
                if (frame.isEndStream()) {
                    complete(ctx.channel());
                }
            } else if (msg instanceof Http2DataFrame data && headers != null) {
                ByteBuf content = data.content();
                if (body.size() + content.readableBytes() > maxBody) {
                    promise.tryFailure(new IllegalStateException("control answer longer than " + maxBody + " bytes"));
                    ctx.close();
                    return;
                }
                content.readBytes(body, content.readableBytes());
                if (data.isEndStream()) {
                    complete(ctx.channel());
                }
            }
        } catch (IOException e) {
            promise.tryFailure(e);
            ctx.close();
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void complete(Channel stream) {
        CharSequence status = headers.status();
        int code;
        try {
            code = status == null ? 0 : Integer.parseInt(status.toString());
        } catch (NumberFormatException e) {
            code = 0;
        }
        promise.trySuccess(new Response(code, headers, body.toByteArray()));
        stream.close();
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!promise.isDone()) {
            ctx.read();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        promise.tryFailure(new IllegalStateException("the control stream closed before its answer"));
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        promise.tryFailure(cause);
        ctx.close();
    }
}
