package io.mraedge.http.auth;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The {@code static} verifier: users and PBKDF2 hashes from a {@link CredentialsFile}. The file
 * is read again when its modification time changes, so {@code mra-edge users add} takes effect
 * without a restart. Hashing runs on {@code executor}; an unknown user costs a hash too, so that
 * timing does not tell which users exist.
 */
public final class StaticCredentialVerifier implements CredentialVerifier {
    private final Path file;
    private final Executor executor;
    private final byte[] dummySalt = new byte[16];
    private volatile Snapshot snapshot;

    private record Snapshot(long modified, CredentialsFile file) {
    }

    /**
     * @param executor where hashing runs; its queue bounds how many checks can wait
     * @throws IOException when the file cannot be read now
     */
    public StaticCredentialVerifier(Path file, Executor executor) throws IOException {
        this.file = file;
        this.executor = executor;
        new SecureRandom().nextBytes(dummySalt);
        this.snapshot = load();
    }

    @Override
    public CompletionStage<Verdict> verify(String domain, BasicCredentials credentials) {
        try {
            return CompletableFuture.supplyAsync(() -> check(credentials), executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(new Verdict.Unavailable("too many checks waiting"));
        }
    }

    private Verdict check(BasicCredentials credentials) {
        CredentialsFile users;
        try {
            users = current();
        } catch (IOException e) {
            return new Verdict.Unavailable("credentials file unreadable: " + e.getMessage());
        }
        Optional<CredentialsFile.Entry> entry = users.entry(credentials.user());
        if (entry.isEmpty()) {
            CredentialsFile.pbkdf2(credentials.password(), dummySalt, CredentialsFile.DEFAULT_ITERATIONS);
            return new Verdict.Invalid();
        }
        return entry.get().matches(credentials.password())
                ? new Verdict.Valid(entry.get().user()) : new Verdict.Invalid();
    }

    private CredentialsFile current() throws IOException {
        long modified = file.toFile().lastModified();
        Snapshot s = snapshot;
        if (s.modified() != modified) {
            s = load();
            snapshot = s;
        }
        return s.file();
    }

    private Snapshot load() throws IOException {
        long modified = file.toFile().lastModified();
        return new Snapshot(modified, CredentialsFile.read(file));
    }
}
