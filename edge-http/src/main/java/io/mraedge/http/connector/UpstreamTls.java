package io.mraedge.http.connector;

import io.mraedge.core.tls.TlsContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import javax.net.ssl.SSLException;

/**
 * The TLS client context toward inside servers, with the project's protocol settings
 * ({@link TlsContexts#PROTOCOLS}, BoringSSL). With origin verification on (the product's
 * VerifyOriginServer), the server's chain must lead to the configured trust store (or the JDK's
 * anchors) and its name must match the host of the URL (RFC 6125, endpoint identification
 * "HTTPS"); off, any certificate is taken, as Unified CM's self-signed ones often are.
 */
final class UpstreamTls {
    private UpstreamTls() {
    }

    static SslContext context(UpstreamSettings settings) throws IOException {
        TlsContexts.requireBoringSsl();
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(SslProvider.OPENSSL)
                .protocols(TlsContexts.PROTOCOLS);
        if (settings.verifyOrigin()) {
            if (settings.trustStore() != null) {
                builder.trustManager(TlsContexts.pkixTrustManager(settings.trustStore()));
            }
            builder.endpointIdentificationAlgorithm("HTTPS");
        } else {
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
        }
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IOException("cannot build the upstream TLS context: " + e.getMessage(), e);
        }
    }
}
