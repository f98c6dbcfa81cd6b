package io.mraedge.http.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The static credentials file, its verifier, the credential cache and authorization rate control. */
class CredentialsTest {
    @TempDir
    Path dir;

    @Test
    void usersAddAndRemove() throws Exception {
        Path file = dir.resolve("users.txt");
        assertThat(CredentialsFile.add(file, "alice", "s3cret".toCharArray(), 1000)).isTrue();
        assertThat(CredentialsFile.add(file, "bob@example.com", "pw".toCharArray(), 1000)).isTrue();
        assertThat(CredentialsFile.add(file, "alice", "n3w".toCharArray(), 1000)).as("replaced").isFalse();
        CredentialsFile users = CredentialsFile.read(file);
        assertThat(users.users()).containsExactly("alice", "bob@example.com");
        assertThat(users.entry("alice").orElseThrow().matches("n3w")).isTrue();
        assertThat(users.entry("alice").orElseThrow().matches("s3cret")).isFalse();
        assertThat(Files.readString(file)).doesNotContain("n3w").contains("alice:pbkdf2-sha256:1000:");
        assertThat(Files.getPosixFilePermissions(file)).hasSize(2);
        assertThat(CredentialsFile.remove(file, "alice")).isTrue();
        assertThat(CredentialsFile.remove(file, "alice")).isFalse();
        assertThat(CredentialsFile.read(file).users()).containsExactly("bob@example.com");
        assertThatThrownBy(() -> CredentialsFile.add(file, "bad user", "x".toCharArray())).hasMessageContaining("bad user");
        Files.writeString(file, "# header\nalice:md5:1:x:y\n");
        assertThatThrownBy(() -> CredentialsFile.read(file)).hasMessageContaining("line 2");
    }

    @Test
    void staticVerifierRereadsTheFile() throws Exception {
        Path file = dir.resolve("users.txt");
        CredentialsFile.add(file, "alice", "pw1".toCharArray(), 1000);
        ExecutorService hashing = Executors.newSingleThreadExecutor();
        try {
            StaticCredentialVerifier v = new StaticCredentialVerifier(file, hashing);
            assertThat(verify(v, "alice", "pw1")).isEqualTo(new Verdict.Valid("alice"));
            assertThat(verify(v, "alice", "wrong")).isEqualTo(new Verdict.Invalid());
            assertThat(verify(v, "nobody", "pw1")).isEqualTo(new Verdict.Invalid());
            CredentialsFile.add(file, "carol", "pw3".toCharArray(), 1000);
            file.toFile().setLastModified(System.currentTimeMillis() + 5000);
            assertThat(verify(v, "carol", "pw3")).isEqualTo(new Verdict.Valid("carol"));
        } finally {
            hashing.shutdownNow();
        }
    }

    @Test
    void cacheRemembersSuccessesForTheRefreshIntervalOnly() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CredentialVerifier counting = (domain, c) -> {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(c.password().equals("good") ? new Verdict.Valid(c.user())
                    : new Verdict.Invalid());
        };
        AtomicLong nanos = new AtomicLong();
        CredentialCache cache = new CredentialCache(counting, Duration.ofMinutes(480), nanos::get);
        BasicCredentials good = new BasicCredentials("alice", "good");
        assertThat(cache.verify("example.com", good).toCompletableFuture().get()).isEqualTo(new Verdict.Valid("alice"));
        assertThat(cache.verify("example.com", good).toCompletableFuture().get()).isEqualTo(new Verdict.Valid("alice"));
        assertThat(calls.get()).isEqualTo(1);
        assertThat(cache.verify("example.net", good).toCompletableFuture().get()).isInstanceOf(Verdict.Valid.class);
        assertThat(calls.get()).as("per domain").isEqualTo(2);
        BasicCredentials bad = new BasicCredentials("alice", "bad");
        cache.verify("example.com", bad).toCompletableFuture().get();
        cache.verify("example.com", bad).toCompletableFuture().get();
        assertThat(calls.get()).as("failures are never cached").isEqualTo(4);

        nanos.addAndGet(Duration.ofMinutes(479).toNanos());
        assertThat(cache.cached("example.com", good)).contains("alice");
        nanos.addAndGet(Duration.ofMinutes(2).toNanos());
        assertThat(cache.cached("example.com", good)).isEmpty();
        cache.cleanUp();
        assertThat(cache.size()).isZero();
        cache.verify("example.com", good).toCompletableFuture().get();
        assertThat(calls.get()).isEqualTo(5);
    }

    @Test
    void rateControl() {
        AtomicLong nanos = new AtomicLong(1);
        AuthorizationRateLimiter limiter = new AuthorizationRateLimiter(3, Duration.ofSeconds(60), nanos::get);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("alice")).isEmpty();
        }
        assertThat(limiter.tryAcquire("alice")).hasValue(60);
        assertThat(limiter.tryAcquire("bob")).as("per user").isEmpty();
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(45));
        assertThat(limiter.tryAcquire("alice")).hasValue(15);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(15));
        assertThat(limiter.tryAcquire("alice")).as("a new period").isEmpty();
    }

    @Test
    void basicCredentialsParsing() {
        assertThat(BasicCredentials.parse(new BasicCredentials("alice", "p:w").headerValue()))
                .contains(new BasicCredentials("alice", "p:w"));
        assertThat(BasicCredentials.parse("basic YWxpY2U6cHc=")).isPresent();
        for (String bad : new String[] {"Bearer abc", "Basic !!!", "Basic YWxpY2U=", "Basic OnB3",
                "Basic " + java.util.Base64.getEncoder().encodeToString("a/b:pw".getBytes()),
                "Basic " + java.util.Base64.getEncoder().encodeToString("a:p\nw".getBytes())}) {
            assertThat(BasicCredentials.parse(bad)).as(bad).isEmpty();
        }
        assertThat(new BasicCredentials("alice", "secret").toString()).doesNotContain("secret");
    }

    private static Verdict verify(CredentialVerifier v, String user, String password) throws Exception {
        return v.verify("example.com", new BasicCredentials(user, password)).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
