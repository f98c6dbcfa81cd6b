package io.mraedge.core.traversal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mraedge.core.plugin.StreamKind;
import io.mraedge.core.plugin.StreamService;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /.mra/status} on the connector: answers 200 and then writes the
 * {@link ConnectorStatus} as one JSON line every status interval and whenever it changes.
 *
 * <p>Changes are coalesced: the first change schedules one write on the stream's event loop,
 * and every change until it runs rides along, so a burst of flows opening costs one line.
 * Status is latest-wins, so a line is skipped, not queued, while the stream is not writable.
 */
public final class StatusPublisher implements StreamService {
    private static final Logger log = LoggerFactory.getLogger(StatusPublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final StreamKind KIND = new StreamKind.Control(TraversalProtocol.STATUS_PATH);

    private final ConnectorStatus status;
    private final Duration interval;

    public StatusPublisher(ConnectorStatus status, Duration interval) {
        this.status = status;
        this.interval = interval;
    }

    @Override
    public StreamKind kind() {
        return KIND;
    }

    @Override
    public void open(Http2StreamChannel stream, Http2Headers request) {
        Http2Headers response = new DefaultHttp2Headers().status("200").set("content-type", TraversalProtocol.NDJSON);
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(response, false));
        stream.pipeline().addLast("status-publisher", new Publisher(stream, String.valueOf(request.get(TraversalProtocol.EDGE))));
    }

    private final class Publisher extends ChannelInboundHandlerAdapter {
        private final Http2StreamChannel stream;
        private final String edge;
        private ScheduledFuture<?> ticker;
        private AutoCloseable subscription;
        private final java.util.concurrent.atomic.AtomicBoolean pending = new java.util.concurrent.atomic.AtomicBoolean();

        Publisher(Http2StreamChannel stream, String edge) {
            this.stream = stream;
            this.edge = edge;
        }

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            long nanos = interval.toNanos();
            ticker = ctx.executor().scheduleAtFixedRate(this::publish, nanos, nanos, TimeUnit.NANOSECONDS);
            subscription = status.onChange(this::changed);
            publish();
            stream.read();
        }

        private void changed() {
            // Called from any thread; at most one write is pending, and it reports the latest state.
            if (pending.compareAndSet(false, true)) {
                stream.eventLoop().execute(this::publish);
            }
        }

        private void publish() {
            pending.set(false);
            if (!stream.isActive() || !stream.isWritable()) {
                return;
            }
            byte[] line;
            try {
                line = JSON.writeValueAsBytes(status.toJson());
            } catch (JsonProcessingException e) {
                log.error("status for edge {} cannot be written: {}", edge, e.toString());
                return;
            }
            ByteBuf buf = stream.alloc().buffer(line.length + 1).writeBytes(line).writeByte('\n');
            stream.writeAndFlush(new DefaultHttp2DataFrame(buf));
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg); // the edge sends nothing after its request
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.read();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            stop();
            ctx.fireChannelInactive();
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
            stop();
        }

        private void stop() throws Exception {
            if (ticker != null) {
                ticker.cancel(false);
                ticker = null;
            }
            if (subscription != null) {
                subscription.close();
                subscription = null;
            }
        }
    }
}
