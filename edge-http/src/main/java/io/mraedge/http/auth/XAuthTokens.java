package io.mraedge.http.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks X-Auth tokens: {@code base64url(payload) "." base64url(HMAC-SHA256(payload))},
 * where the payload is version 1, the expiry (epoch seconds, 8 bytes), a 16-byte random nonce
 * and the user name in UTF-8. The token is self-contained, so any edge holding the cluster's
 * key checks it without a shared store (ARCHITECTURE.md, "HTTP (8443)"). The nonce makes two
 * tokens for one user and second different.
 *
 * <p>Thread-safe. Each thread keeps its own initialised {@link Mac} per key: checking a token
 * runs on every request, and {@code Mac.getInstance} plus {@code init} cost more than the HMAC.
 */
public final class XAuthTokens {
    /** The cookie that carries the token (mra-facts.md, "Authentication"). */
    public static final String COOKIE_NAME = "X-Auth";

    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 16;
    private static final int MAX_USER_BYTES = 256;
    /** Longest token text accepted for checking; longer text is refused unread. */
    static final int MAX_TOKEN_LENGTH = 1024;

    /** Outcome of {@link #check}. */
    public sealed interface Check {
        /** Signed by a cluster key and not expired. */
        record Valid(String user, Instant expiry) implements Check {
        }

        /** Signed, but past its expiry: the client authenticates again. */
        record Expired(String user) implements Check {
        }

        /** Not a token of this cluster: malformed, wrong key or altered. */
        record Invalid(String why) implements Check {
        }
    }

    /** A new token and when it expires. */
    public record Issued(String token, Instant expiry) {
    }

    private final TokenKeys keys;
    private final Duration lifetime;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ThreadLocal<Mac[]> macs;

    public XAuthTokens(TokenKeys keys, Duration lifetime, Clock clock) {
        this.keys = Objects.requireNonNull(keys);
        this.lifetime = Objects.requireNonNull(lifetime);
        this.clock = Objects.requireNonNull(clock);
        this.macs = ThreadLocal.withInitial(() -> {
            Mac[] perKey = new Mac[keys.all().size()];
            for (int i = 0; i < perKey.length; i++) {
                perKey[i] = newMac(keys.all().get(i));
            }
            return perKey;
        });
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** A token for {@code user}, valid for the configured lifetime from now. */
    public Issued issue(String user) {
        byte[] name = user.getBytes(StandardCharsets.UTF_8);
        if (name.length == 0 || name.length > MAX_USER_BYTES) {
            throw new IllegalArgumentException("user name of " + name.length + " bytes");
        }
        Instant expiry = clock.instant().plus(lifetime);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        ByteBuffer payload = ByteBuffer.allocate(1 + 8 + NONCE_BYTES + name.length)
                .put(VERSION).putLong(expiry.getEpochSecond()).put(nonce).put(name);
        byte[] bytes = payload.array();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return new Issued(b64.encodeToString(bytes) + "." + b64.encodeToString(macs.get()[0].doFinal(bytes)), expiry);
    }

    /**
     * Decodes unpadded base64url, refusing any text that is not the one encoding issue() writes:
     * the last character's unused bits (or padding) would otherwise let several texts stand for
     * one token, so an altered token could still pass.
     */
    private static byte[] decodeCanonical(String text) {
        byte[] bytes = Base64.getUrlDecoder().decode(text);
        if (!Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(text)) {
            throw new IllegalArgumentException("not canonical base64url");
        }
        return bytes;
    }

    /** Checks a token's signature with every key, then its expiry. */
    public Check check(String token) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            return new Check.Invalid("empty or overlong token");
        }
        int dot = token.indexOf('.');
        if (dot < 0 || token.indexOf('.', dot + 1) >= 0) {
            return new Check.Invalid("not payload.signature");
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = decodeCanonical(token.substring(0, dot));
            signature = decodeCanonical(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return new Check.Invalid("not base64url");
        }
        boolean signed = false;
        for (Mac mac : macs.get()) {
            // Constant-time comparison: timing must not reveal how much of a forged MAC is right.
            signed |= MessageDigest.isEqual(mac.doFinal(payload), signature);
        }
        if (!signed) {
            return new Check.Invalid("bad signature");
        }
        if (payload.length <= 1 + 8 + NONCE_BYTES || payload[0] != VERSION) {
            return new Check.Invalid("unknown token version");
        }
        ByteBuffer buf = ByteBuffer.wrap(payload);
        buf.get();
        Instant expiry = Instant.ofEpochSecond(buf.getLong());
        String user = new String(payload, 1 + 8 + NONCE_BYTES, payload.length - (1 + 8 + NONCE_BYTES),
                StandardCharsets.UTF_8);
        if (!clock.instant().isBefore(expiry)) {
            return new Check.Expired(user);
        }
        return new Check.Valid(user, expiry);
    }

    private static Mac newMac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
