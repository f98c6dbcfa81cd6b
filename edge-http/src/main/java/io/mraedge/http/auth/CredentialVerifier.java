package io.mraedge.http.auth;

import java.util.concurrent.CompletionStage;

/**
 * Checks Basic credentials on the connector (ARCHITECTURE.md, "HTTP (8443)": a pluggable
 * verifier). Implementations never block the calling thread, which is an event loop: blocking
 * work (a PBKDF2 hash) runs on an executor of their own. The stage may complete on any thread.
 */
public interface CredentialVerifier {
    /** Checks {@code credentials} for a user of service domain {@code domain}. */
    CompletionStage<Verdict> verify(String domain, BasicCredentials credentials);
}
