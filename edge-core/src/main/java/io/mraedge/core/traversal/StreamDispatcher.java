package io.mraedge.core.traversal;

import io.mraedge.core.maintenance.MaintainedService;
import io.mraedge.core.plugin.StreamKind;
import io.mraedge.core.plugin.StreamService;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of every stream the edge opens on the connector: reads the request headers,
 * finds the {@link StreamService} for their {@link StreamKind}, counts the flow in the
 * connector's load and its maintenance service (a connector in maintenance answers 503),
 * removes itself and hands the stream over. A kind nobody serves gets
 * {@code 501} (byte flows, RFC 8441 §4: an unsupported {@code :protocol}) or {@code 404}.
 *
 * <p>Sharable: one instance serves all streams. It turns auto-read off on each stream; the
 * service decides when to read.
 */
@ChannelHandler.Sharable
final class StreamDispatcher extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(StreamDispatcher.class);

    private final Map<StreamKind, StreamService> services = new HashMap<>();
    private final ConnectorStatus status;
    private final TraversalStats stats;

    private final MaintainedService flows;

    StreamDispatcher(List<StreamService> services, ConnectorStatus status, TraversalStats stats,
                     MaintainedService flows) {
        this.stats = stats;
        this.flows = flows;
        for (StreamService s : services) {
            StreamService previous = this.services.put(s.kind(), s);
            if (previous != null) {
                throw new IllegalArgumentException("two services for " + s.kind());
            }
        }
        this.status = status;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        ctx.channel().config().setAutoRead(false);
        ctx.read();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Http2HeadersFrame headersFrame)) {
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        Http2StreamChannel stream = (Http2StreamChannel) ctx.channel();
        stats.streamOpened();
        StreamKind kind = StreamKind.of(headersFrame.headers());
        StreamService service = services.get(kind);
        ctx.pipeline().remove(this);
        if (service == null) {
            String code = kind instanceof StreamKind.ByteFlow ? "501" : "404";
            log.debug("connector: no service for {}; answering {}", kind, code);
            stream.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status(code), true));
            return;
        }
        String label = kind.label();
        if (!(kind instanceof StreamKind.Control)) {
            MaintainedService.Flow flow = flows.tryStartFlow();
            if (flow == null) {
                // In maintenance: edges route elsewhere, but one may not have seen the report yet.
                log.debug("connector: in maintenance; refusing a new {} stream with 503", kind);
                stream.writeAndFlush(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("503"), true));
                return;
            }
            status.flowOpened(label);
            stream.closeFuture().addListener(f -> {
                status.flowClosed(label);
                flow.close();
            });
        }
        try {
            service.open(stream, headersFrame.headers());
        } catch (RuntimeException e) {
            log.error("connector: service for {} failed to open a stream", kind, e);
            stream.close();
        }
    }
}
