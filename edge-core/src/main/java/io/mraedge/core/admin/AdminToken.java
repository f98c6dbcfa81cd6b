package io.mraedge.core.admin;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The bearer token that guards the admin write endpoints, read from {@code admin.token-file}.
 * Compared in constant time. Without a token file every request is allowed, which the status
 * document lists as a configuration warning.
 */
public final class AdminToken {
    private final byte[] token;

    private AdminToken(byte[] token) {
        this.token = token;
    }

    /** Reads the file (surrounding white space ignored); an empty file is an error. */
    public static AdminToken from(Optional<Path> file) throws IOException {
        if (file.isEmpty()) {
            return new AdminToken(null);
        }
        String text = Files.readString(file.get(), StandardCharsets.UTF_8).strip();
        if (text.isEmpty()) {
            throw new IOException("admin token file " + file.get() + " is empty");
        }
        return new AdminToken(text.getBytes(StandardCharsets.UTF_8));
    }

    public boolean configured() {
        return token != null;
    }

    /** True when no token is configured or the request carries {@code Authorization: Bearer <token>}. */
    public boolean allows(FullHttpRequest request) {
        if (token == null) {
            return true;
        }
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] offered = header.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(token, offered);
    }

    /** Wraps a route so that it answers 401 unless the request carries the token. */
    public AdminRoute guard(AdminRoute route) {
        return request -> allows(request) ? route.handle(request)
                : AdminResponse.json(401, java.util.Map.of("error", "missing or wrong bearer token"));
    }
}
