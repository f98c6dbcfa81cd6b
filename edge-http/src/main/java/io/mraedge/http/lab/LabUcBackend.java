package io.mraedge.http.lab;

import io.mraedge.core.config.TlsConfig;
import io.mraedge.core.net.NetTransport;
import io.mraedge.core.tls.LeafSpec;
import io.mraedge.core.tls.PrivatePki;
import io.mraedge.core.tls.TlsContexts;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lab-only stand-in for a Unified CM node, for {@code mra-edge lab}: UDS over HTTPS and one
 * TFTP-over-HTTP file, enough for a newcomer to see get_edge_config and a UDS call go through
 * the edge. Not a UDS implementation: fixed XML for any user.
 * <ul>
 *   <li>HTTPS (the lab CA's certificate for {@value #HOST}): {@code /cucm-uds/version},
 *       {@code /cucm-uds/servers}, {@code /cucm-uds/user/{u}}, {@code /cucm-uds/user/{u}/devices};
 *   <li>HTTP: {@code /SPDefault.cnf.xml} (TFTP over HTTP).
 * </ul>
 * Runs on its own single event loop; {@link #close()} stops it.
 */
public final class LabUcBackend implements AutoCloseable {
    /** The name the lab's connector config gives this node, and its certificate carries. */
    public static final String HOST = "cucm.lab.mra-edge.test";
    /** Default ports: UDS on HTTPS and TFTP on HTTP, off the usual 8443/6970 so the lab edge keeps 8443. */
    public static final int DEFAULT_UDS_PORT = 18443;
    public static final int DEFAULT_TFTP_PORT = 16970;

    private static final Pattern USER = Pattern.compile("/cucm-uds/user/([A-Za-z0-9._@+-]{1,128})(/devices)?");
    private static final int MAX_REQUEST = 64 * 1024;

    private final NetTransport transport;
    private final SslContext tls;
    private final Channel uds;
    private final Channel tftp;

    private LabUcBackend(NetTransport transport, SslContext tls, Channel uds, Channel tftp) {
        this.transport = transport;
        this.tls = tls;
        this.uds = uds;
        this.tftp = tftp;
    }

    /**
     * Issues this backend's certificate ({@value #HOST}) from the lab CA into {@code certificate}
     * and {@code privateKey} (PEM).
     */
    public static void issueCertificate(PrivatePki labCa, Path certificate, Path privateKey) throws IOException {
        labCa.issue(LeafSpec.server("mra-edge lab UC backend", HOST)).writePem(certificate, privateKey);
    }

    /**
     * Starts both listeners on {@code bind}.
     *
     * @param udsPort  HTTPS port (0: any free port)
     * @param tftpPort HTTP port (0: any free port)
     */
    public static LabUcBackend start(InetAddress bind, int udsPort, int tftpPort, Path certificate, Path privateKey)
            throws IOException, InterruptedException {
        SslContext tls = TlsContexts.server(new TlsConfig(certificate, privateKey), List.of());
        NetTransport transport = NetTransport.create("lab-uc", 1, true);
        try {
            Channel uds = transport.serverBootstrap().childHandler(new Initializer(tls)).bind(
                    new InetSocketAddress(bind, udsPort)).sync().channel();
            Channel tftp = transport.serverBootstrap().childHandler(new Initializer(null)).bind(
                    new InetSocketAddress(bind, tftpPort)).sync().channel();
            return new LabUcBackend(transport, tls, uds, tftp);
        } catch (InterruptedException | RuntimeException e) {
            transport.close();
            ReferenceCountUtil.release(tls);
            throw e;
        }
    }

    public int udsPort() {
        return ((InetSocketAddress) uds.localAddress()).getPort();
    }

    public int tftpPort() {
        return ((InetSocketAddress) tftp.localAddress()).getPort();
    }

    @Override
    public void close() {
        uds.close().syncUninterruptibly();
        tftp.close().syncUninterruptibly();
        transport.close();
        ReferenceCountUtil.release(tls);
    }

    /** Pipeline: [tls] → http-codec → aggregator (requests are small) → {@link Responder}. */
    private static final class Initializer extends ChannelInitializer<Channel> {
        private final SslContext tls;

        Initializer(SslContext tls) {
            this.tls = tls;
        }

        @Override
        protected void initChannel(Channel ch) {
            if (tls != null) {
                ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
            }
            ch.pipeline().addLast("http-codec", new HttpServerCodec())
                    .addLast("aggregator", new HttpObjectAggregator(MAX_REQUEST))
                    .addLast("responder", RESPONDER);
        }
    }

    private static final Responder RESPONDER = new Responder();

    /** Answers from fixed content; the aggregated request is released by the superclass. */
    @ChannelHandler.Sharable
    private static final class Responder extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            String path = new QueryStringDecoder(request.uri()).path();
            String body = request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD)
                    ? content(path) : null;
            FullHttpResponse response;
            if (body == null) {
                response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND);
                response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            } else {
                ByteBuf content = ByteBufUtil.writeUtf8(ctx.alloc(), body);
                response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, content);
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/xml; charset=utf-8")
                        .setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
            }
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(response, keepAlive);
            var written = ctx.writeAndFlush(response);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    /** The lab's fixed answer for {@code path}, or null (404). */
    static String content(String path) {
        switch (path) {
            case "/cucm-uds/version":
                return "<versionInformation uri=\"https://" + HOST + "/cucm-uds/version\" version=\"14.0.1\">"
                        + "<version>14.0.1.10000-1</version><capabilities/></versionInformation>\n";
            case "/cucm-uds/servers":
                return "<servers version=\"14.0.1\"><server>" + HOST + "</server></servers>\n";
            case "/SPDefault.cnf.xml":
                return "<device><fullConfig>true</fullConfig><deviceProtocol>SIP</deviceProtocol>"
                        + "<sshUserId/><loadInformation/></device>\n";
            default:
                break;
        }
        Matcher m = USER.matcher(path);
        if (!m.matches()) {
            return null;
        }
        String user = m.group(1);
        if (m.group(2) != null) {
            return "<devices uri=\"https://" + HOST + "/cucm-uds/user/" + user + "/devices\"><device>"
                    + "<name>CSF" + user.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "") + "</name>"
                    + "<type>Cisco Unified Client Services Framework</type><model>Cisco Unified Client Services"
                    + " Framework</model><product>Cisco Unified Client Services Framework</product>"
                    + "<protocol>SIP</protocol></device></devices>\n";
        }
        return "<user uri=\"https://" + HOST + "/cucm-uds/user/" + user + "\"><userName>" + user + "</userName>"
                + "<firstName>Lab</firstName><lastName>User</lastName><homeCluster>lab</homeCluster></user>\n";
    }
}
