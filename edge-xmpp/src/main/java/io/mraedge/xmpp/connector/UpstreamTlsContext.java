package io.mraedge.xmpp.connector;

import io.mraedge.core.tls.TlsContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's TLS client context toward IM&P: BoringSSL, the project's protocol versions
 * ({@link TlsContexts#PROTOCOLS}), no client certificate. With {@code verify} on, the chain must
 * lead to {@code ca} (or the JDK's trust store) and the certificate must carry the route's
 * {@code tls-name}, checked as HTTPS does (RFC 6125); handlers must be made with
 * {@code newHandler(alloc, tlsName, port)}, which also sends it as SNI.
 */
final class UpstreamTlsContext {
    private static final Logger log = LoggerFactory.getLogger(UpstreamTlsContext.class);

    private UpstreamTlsContext() {
    }

    static SslContext build(UpstreamSettings settings) throws IOException {
        TlsContexts.requireBoringSsl();
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(SslProvider.OPENSSL)
                .protocols(TlsContexts.PROTOCOLS);
        if (settings.verify()) {
            if (settings.ca() != null) {
                builder.trustManager(TlsContexts.pkixTrustManager(settings.ca()));
            }
            builder.endpointIdentificationAlgorithm("HTTPS");
        } else {
            log.warn("xmpp: IM&P certificates are NOT verified (xmpp.upstream.verify: false); use this in labs only");
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
        }
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IOException("cannot build the TLS context toward IM&P: " + e.getMessage(), e);
        }
    }
}
