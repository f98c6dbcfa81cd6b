package io.mraedge.http.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The connector's cache of verified credentials (mra-facts.md: credentials refresh and cleanup
 * intervals). A successful check is remembered for the refresh interval, so a client that
 * sends Basic on every request costs Unified CM one check per interval, not one per request.
 * {@link #cleanUp()}, run every cleanup interval, purges expired entries.
 *
 * <p>The password is never stored: the key is an HMAC of domain, user and password under a
 * random key that lives only in this process. Only successes are cached; a wrong password is
 * checked every time (the edge's failure counting and bans deal with guessing).
 */
public final class CredentialCache implements CredentialVerifier {
    /** Bounds memory whatever the number of users. */
    static final long MAX_ENTRIES = 100_000;

    private final CredentialVerifier verifier;
    private final Cache<String, String> verified;
    private final byte[] secret = new byte[32];

    /**
     * @param verifier asked on a miss
     * @param lifetime how long a success is remembered (credentials refresh interval)
     * @param ticker   time source (tests advance it)
     */
    public CredentialCache(CredentialVerifier verifier, Duration lifetime, Ticker ticker) {
        this.verifier = verifier;
        this.verified = Caffeine.newBuilder()
                .expireAfterWrite(lifetime)
                .maximumSize(MAX_ENTRIES)
                .ticker(ticker)
                .executor(Runnable::run)
                .build();
        new SecureRandom().nextBytes(secret);
    }

    @Override
    public CompletionStage<Verdict> verify(String domain, BasicCredentials credentials) {
        String key = key(domain, credentials);
        String user = verified.getIfPresent(key);
        if (user != null) {
            return CompletableFuture.completedFuture(new Verdict.Valid(user));
        }
        return verifier.verify(domain, credentials).thenApply(v -> {
            if (v instanceof Verdict.Valid valid) {
                verified.put(key, valid.user());
            }
            return v;
        });
    }

    /** Whether a success for these credentials is cached now (tests, status). */
    public Optional<String> cached(String domain, BasicCredentials credentials) {
        return Optional.ofNullable(verified.getIfPresent(key(domain, credentials)));
    }

    /** Entries held now, expired ones included until the next clean-up. */
    public long size() {
        return verified.estimatedSize();
    }

    /** Purges expired entries (every credentials cleanup interval). */
    public void cleanUp() {
        verified.cleanUp();
    }

    private String key(String domain, BasicCredentials c) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] digest = mac.doFinal((domain + "\0" + c.user() + "\0" + c.password()).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
