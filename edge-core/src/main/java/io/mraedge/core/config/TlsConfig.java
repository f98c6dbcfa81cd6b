package io.mraedge.core.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The certificate and key a process presents: on the edge to outside clients and to connectors,
 * on the connector to the edges. YAML keys {@code tls.certificate} and {@code tls.private-key},
 * both required, both readable files; relative paths are relative to the config file.
 *
 * @param certificate PEM certificate chain, leaf first
 * @param privateKey  PEM PKCS#8 private key, EC or RSA, unencrypted
 */
public record TlsConfig(Path certificate, Path privateKey) {

    public TlsConfig {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
    }
}
