package io.mraedge.http.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * User and password of an {@code Authorization: Basic} header (RFC 7617), with the user name
 * limited to what a Unified CM user id can be and what may go into a UDS URL path segment
 * unencoded: letters, digits and {@code . _ @ + -}, up to 128 characters.
 *
 * @param user     the user id as sent
 * @param password the password; never logged
 */
public record BasicCredentials(String user, String password) {
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@+-]{1,128}");
    private static final int MAX_PASSWORD = 1024;

    @Override
    public String toString() {
        return "BasicCredentials[user=" + user + "]";
    }

    /** Parses the header value; empty when it is not Basic or not well formed. */
    public static Optional<BasicCredentials> parse(CharSequence authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.toString().trim();
        if (value.length() < 6 || !value.regionMatches(true, 0, "Basic ", 0, 6) || value.length() > 4 * MAX_PASSWORD) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(value.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String user = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        if (!USER.matcher(user).matches() || password.isEmpty() || password.length() > MAX_PASSWORD
                || password.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return Optional.empty();
        }
        return Optional.of(new BasicCredentials(user, password));
    }

    /** True when the header value is a Bearer token (passed to the inside untouched). */
    public static boolean isBearer(CharSequence authorization) {
        return authorization != null && authorization.length() > 7
                && authorization.toString().regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /** The header value for these credentials. */
    public String headerValue() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
