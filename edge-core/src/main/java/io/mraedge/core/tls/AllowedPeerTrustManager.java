package io.mraedge.core.tls;

import io.netty.handler.ssl.OpenSslCertificateException;
import io.netty.internal.tcnative.CertificateVerifier;
import java.net.InetAddress;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts a client certificate only when it chains to the configured CA (checked by the
 * wrapped PKIX trust manager) <em>and</em> one of its subject alternative names is on the
 * allow list. The traversal listener uses it so that a certificate from the right CA but for
 * the wrong host is refused during the handshake, before any HTTP/2 byte is read.
 *
 * <p>DNS names compare case-insensitively; IP addresses compare by value, so {@code ::1} and
 * {@code 0:0:0:0:0:0:0:1} are the same entry.
 */
public final class AllowedPeerTrustManager extends X509ExtendedTrustManager {
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    private final X509ExtendedTrustManager chainVerifier;
    private final Set<String> allowed;

    public AllowedPeerTrustManager(X509ExtendedTrustManager chainVerifier, Collection<String> allowedSans) {
        this.chainVerifier = chainVerifier;
        this.allowed = allowedSans.stream().map(AllowedPeerTrustManager::canonical).collect(Collectors.toUnmodifiableSet());
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("the list of allowed peers is empty; nobody could connect");
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        chainVerifier.checkClientTrusted(chain, authType, engine);
        checkAllowed(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        chainVerifier.checkClientTrusted(chain, authType, socket);
        checkAllowed(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        chainVerifier.checkClientTrusted(chain, authType);
        checkAllowed(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        throw new UnsupportedOperationException("AllowedPeerTrustManager verifies clients only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        throw new UnsupportedOperationException("AllowedPeerTrustManager verifies clients only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {
        throw new UnsupportedOperationException("AllowedPeerTrustManager verifies clients only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return chainVerifier.getAcceptedIssuers();
    }

    /** Returns the first allowed SAN of the leaf, or throws naming what the certificate carries. */
    public String matchingName(X509Certificate leaf) throws CertificateException {
        List<String> names = subjectAltNames(leaf);
        for (String name : names) {
            if (allowed.contains(name)) {
                return name;
            }
        }
        throw new CertificateException("peer certificate names " + names
                + " are not on the allowed list " + allowed.stream().sorted().toList());
    }

    private void checkAllowed(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no peer certificate");
        }
        try {
            matchingName(chain[0]);
        } catch (CertificateException e) {
            // With this error code BoringSSL answers "certificate rejected" rather than a bare
            // internal error, so the refused connector's operator sees what happened.
            throw new OpenSslCertificateException(e.getMessage(), CertificateVerifier.X509_V_ERR_CERT_REJECTED);
        }
    }

    /** DNS and IP subject alternative names of a certificate, canonicalised. */
    public static List<String> subjectAltNames(X509Certificate cert) throws CertificateParsingException {
        Collection<List<?>> sans = cert.getSubjectAlternativeNames();
        List<String> names = new ArrayList<>();
        if (sans != null) {
            for (List<?> san : sans) {
                int type = (Integer) san.get(0);
                if (type == SAN_DNS || type == SAN_IP) {
                    names.add(canonical(String.valueOf(san.get(1))));
                }
            }
        }
        return names;
    }

    /** Canonical form of a name for comparison: lower-case DNS name, or normalised IP literal. */
    public static String canonical(String name) {
        String trimmed = name.trim();
        if (looksLikeIpLiteral(trimmed)) {
            try {
                // Only literals reach here, so this never does a DNS lookup.
                return InetAddress.getByName(trimmed).getHostAddress();
            } catch (java.net.UnknownHostException e) {
                return trimmed.toLowerCase(Locale.ROOT);
            }
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }

    private static boolean looksLikeIpLiteral(String s) {
        if (s.indexOf(':') >= 0) {
            return s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        return !s.isEmpty() && s.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.')
                && s.chars().filter(c -> c == '.').count() == 3;
    }
}
