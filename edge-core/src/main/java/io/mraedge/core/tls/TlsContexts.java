package io.mraedge.core.tls;

import io.mraedge.core.config.TlsConfig;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds every TLS context of the project: BoringSSL through netty-tcnative, TLS 1.3 preferred
 * and 1.2 minimum, key material from PEM files (a certificate chain and a PKCS#8 EC or RSA key).
 * One place, so that no listener or client ends up with weaker settings than the others.
 */
public final class TlsContexts {
    /** TLS 1.3 first; 1.2 is the floor (ARCHITECTURE.md, traversal protocol). */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private TlsContexts() {
    }

    /** Fails with a clear message when BoringSSL cannot be loaded on this platform. */
    public static void requireBoringSsl() {
        if (!OpenSsl.isAvailable()) {
            throw new IllegalStateException("BoringSSL (netty-tcnative) is not available on this platform: "
                    + OpenSsl.unavailabilityCause());
        }
    }

    /**
     * Server context for an outside listener.
     *
     * @param alpn protocols offered by ALPN in preference order; empty for none
     */
    public static SslContext server(TlsConfig tls, List<String> alpn) throws IOException {
        requireBoringSsl();
        SslContextBuilder builder = SslContextBuilder.forServer(tls.certificate().toFile(), tls.privateKey().toFile())
                .sslProvider(SslProvider.OPENSSL)
                .protocols(PROTOCOLS);
        if (!alpn.isEmpty()) {
            builder.applicationProtocolConfig(alpnConfig(alpn));
        }
        return build(builder, "server", tls.certificate());
    }

    /**
     * Server context of the traversal listener: requires a client certificate that chains to
     * {@code clientCa} and whose SAN is in {@code allowedClients}; ALPN offers {@code alpnId}.
     */
    public static SslContext mutualServer(TlsConfig tls, Path clientCa, Collection<String> allowedClients, String alpnId)
            throws IOException {
        requireBoringSsl();
        TrustManager trust = new AllowedPeerTrustManager(pkixTrustManager(clientCa), allowedClients);
        SslContextBuilder builder = SslContextBuilder.forServer(tls.certificate().toFile(), tls.privateKey().toFile())
                .sslProvider(SslProvider.OPENSSL)
                .protocols(PROTOCOLS)
                .clientAuth(ClientAuth.REQUIRE)
                .trustManager(trust)
                .applicationProtocolConfig(alpnConfig(List.of(alpnId)));
        return build(builder, "traversal server", tls.certificate());
    }

    /**
     * Client context with a client certificate, trusting only {@code serverCa}. Host name
     * verification stays on (Netty 4.2's default, endpoint identification "HTTPS"): the handler
     * must be created with {@code newHandler(alloc, serverName, port)}.
     */
    public static SslContext mutualClient(TlsConfig tls, Path serverCa, String alpnId) throws IOException {
        requireBoringSsl();
        SslContextBuilder builder = SslContextBuilder.forClient()
                .sslProvider(SslProvider.OPENSSL)
                .protocols(PROTOCOLS)
                .keyManager(tls.certificate().toFile(), tls.privateKey().toFile())
                .trustManager(pkixTrustManager(serverCa))
                .endpointIdentificationAlgorithm("HTTPS")
                .applicationProtocolConfig(alpnConfig(List.of(alpnId)));
        return build(builder, "traversal client", tls.certificate());
    }

    /** A PKIX trust manager whose anchors are the certificates of a PEM bundle. */
    public static X509ExtendedTrustManager pkixTrustManager(Path caBundle) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (X509Certificate cert : readCertificates(caBundle)) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            for (TrustManager tm : tmf.getTrustManagers()) {
                if (tm instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X509 trust manager available");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use " + caBundle + " as a trust anchor: " + e.getMessage(), e);
        }
    }

    /** Every certificate in a PEM file; fails if there is none. */
    public static List<X509Certificate> readCertificates(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            List<X509Certificate> out = new ArrayList<>();
            for (Certificate c : certs) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IOException(pem + " holds no PEM certificate");
            }
            return out;
        } catch (java.security.cert.CertificateException e) {
            throw new IOException(pem + " is not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    private static ApplicationProtocolConfig alpnConfig(List<String> protocols) {
        // NO_ADVERTISE + ACCEPT are the behaviours BoringSSL supports; a peer that selects no
        // protocol is then refused by the pipeline, which checks the negotiated id itself.
        return new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, protocols);
    }

    private static SslContext build(SslContextBuilder builder, String what, Path certificate) throws IOException {
        try {
            return builder.build();
        } catch (javax.net.ssl.SSLException | IllegalArgumentException e) {
            throw new IOException("cannot build the " + what + " TLS context from " + certificate + ": " + e.getMessage(), e);
        }
    }
}
