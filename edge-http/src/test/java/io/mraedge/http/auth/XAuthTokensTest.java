package io.mraedge.http.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** X-Auth tokens: any holder of the key accepts them, expiry, tampering, rotation, key files. */
class XAuthTokensTest {
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    static final byte[] OTHER = "fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));

    @TempDir
    Path dir;

    @Test
    void aTokenFromOneEdgeIsAcceptedByAnotherWithTheSameKey() {
        XAuthTokens edge1 = new XAuthTokens(TokenKeys.of(KEY), Duration.ofMinutes(480), clock);
        XAuthTokens edge2 = new XAuthTokens(TokenKeys.of(KEY), Duration.ofMinutes(480), clock);
        XAuthTokens.Issued issued = edge1.issue("alice@example.com");
        assertThat(issued.expiry()).isEqualTo(clock.instant().plus(Duration.ofMinutes(480)));
        assertThat(edge2.check(issued.token())).isEqualTo(new XAuthTokens.Check.Valid("alice@example.com", issued.expiry()));
        assertThat(edge1.issue("alice@example.com").token()).as("nonce").isNotEqualTo(issued.token());
        assertThat(new XAuthTokens(TokenKeys.of(OTHER), Duration.ofMinutes(480), clock).check(issued.token()))
                .isInstanceOf(XAuthTokens.Check.Invalid.class);
    }

    @Test
    void expiredTokens() {
        XAuthTokens tokens = new XAuthTokens(TokenKeys.of(KEY), Duration.ofMinutes(10), clock);
        String token = tokens.issue("bob").token();
        clock.advance(Duration.ofMinutes(9));
        assertThat(tokens.check(token)).isInstanceOf(XAuthTokens.Check.Valid.class);
        clock.advance(Duration.ofMinutes(1));
        assertThat(tokens.check(token)).isEqualTo(new XAuthTokens.Check.Expired("bob"));
    }

    @Test
    void tamperedTokens() {
        XAuthTokens tokens = new XAuthTokens(TokenKeys.of(KEY), Duration.ofMinutes(10), clock);
        String token = tokens.issue("bob").token();
        int dot = token.indexOf('.');
        byte[] payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
        payload[payload.length - 1] = 'x'; // bob -> box
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(payload) + token.substring(dot);
        assertThat(tokens.check(forged)).isInstanceOf(XAuthTokens.Check.Invalid.class);
        char last = token.charAt(token.length() - 1);
        assertThat(tokens.check(token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A')))
                .isInstanceOf(XAuthTokens.Check.Invalid.class);
        for (String junk : new String[] {"", "x", "a.b.c", "!!!.???", token + token, "x".repeat(5000)}) {
            assertThat(tokens.check(junk)).as(junk).isInstanceOf(XAuthTokens.Check.Invalid.class);
        }
    }

    @Test
    void rotation() {
        String old = new XAuthTokens(TokenKeys.of(OTHER), Duration.ofMinutes(10), clock).issue("carol").token();
        XAuthTokens rotated = new XAuthTokens(TokenKeys.of(KEY, OTHER), Duration.ofMinutes(10), clock);
        assertThat(rotated.check(old)).isInstanceOf(XAuthTokens.Check.Valid.class);
        assertThat(new XAuthTokens(TokenKeys.of(KEY), Duration.ofMinutes(10), clock).check(rotated.issue("d").token()))
                .isInstanceOf(XAuthTokens.Check.Valid.class);
    }

    @Test
    void keyFiles() throws Exception {
        Path file = dir.resolve("token.key");
        TokenKeys.generate(file);
        assertThat(Files.getPosixFilePermissions(file)).hasSize(2);
        XAuthTokens a = new XAuthTokens(TokenKeys.read(file), Duration.ofMinutes(1), clock);
        assertThat(a.check(a.issue("e").token())).isInstanceOf(XAuthTokens.Check.Valid.class);
        Files.writeString(file, "# comment\nc2hvcnQ=\n");
        assertThatThrownBy(() -> TokenKeys.read(file)).hasMessageContaining("line 2").hasMessageContaining("32 bytes");
        Files.writeString(file, "# only a comment\n");
        assertThatThrownBy(() -> TokenKeys.read(file)).hasMessageContaining("no token key");
    }

    /** A clock tests move by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
