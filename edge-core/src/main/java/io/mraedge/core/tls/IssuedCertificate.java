package io.mraedge.core.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * A leaf certificate from {@link PrivatePki#issue(LeafSpec)}, its private key and the CA
 * certificate that signed it.
 *
 * @param certificate the leaf
 * @param privateKey  the leaf's private key
 * @param issuer      the CA certificate that signed the leaf
 */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey, X509Certificate issuer) {

    public IssuedCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(issuer, "issuer");
    }

    /**
     * The chain a TLS endpoint presents: leaf, then issuer. Suits
     * {@code SslContextBuilder.forServer(privateKey(), chain())}. Each call returns a new array.
     */
    public X509Certificate[] chain() {
        return new X509Certificate[] {certificate, issuer};
    }

    /**
     * Writes the chain (leaf then issuer) and the key as PEM. The key file is PKCS#8
     * ({@code BEGIN PRIVATE KEY}) with mode 0600 where the file system supports POSIX
     * permissions; the chain file gets 0644. Each file is replaced atomically where the file
     * system allows, so a process reloading certificates on SIGHUP never reads half a file.
     * Missing parent directories are created.
     */
    public void writePem(Path certChainPem, Path pkcs8KeyPem) throws IOException {
        PrivatePki.writePemFile(certChainPem, PrivatePki.certificatesPem(chain()), false);
        PrivatePki.writePemFile(pkcs8KeyPem, PrivatePki.privateKeyPem(privateKey), true);
    }
}
