package io.mraedge.http.connector;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Which credential verifier the connector uses (YAML {@code http.verifier}).
 *
 * @param kind            {@code type}: {@code uds} (ask Unified CM) or {@code static} (a file)
 * @param credentialsFile {@code credentials-file} for {@code static}; null for {@code uds}
 */
public record VerifierSettings(Kind kind, Path credentialsFile) {
    /** The verifiers there are. */
    public enum Kind {
        /** {@code GET /cucm-uds/user/{user}} on the domain's preferred Unified CM with the credentials: 200 is valid. */
        UDS,
        /** A file of users with salted PBKDF2 hashes ({@link io.mraedge.http.auth.CredentialsFile}); labs and tests. */
        STATIC
    }

    public VerifierSettings {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.STATIC && credentialsFile == null) {
            throw new IllegalArgumentException("a static verifier needs a credentials file");
        }
    }
}
