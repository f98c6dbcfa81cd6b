package io.mraedge.http.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The static verifier's file of users: one line per user,
 * {@code user:pbkdf2-sha256:ITERATIONS:SALT:HASH} (salt and hash base64, 16 and 32 bytes),
 * blank lines and {@code #} comments ignored. It is what {@code mra-edge users add|remove FILE
 * USER} edits ({@link #add}, {@link #remove}); labs and tests use it instead of Unified CM.
 *
 * <p>PBKDF2-HMAC-SHA256 with 210,000 iterations (OWASP's 2023 figure for this hash). Checking a
 * password takes tens of milliseconds by design, so it never runs on an event loop.
 */
public final class CredentialsFile {
    public static final String SCHEME = "pbkdf2-sha256";
    public static final int DEFAULT_ITERATIONS = 210_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@+-]{1,128}");

    /** One user's stored hash. */
    public record Entry(String user, int iterations, byte[] salt, byte[] hash) {
        /** Whether {@code password} hashes to this entry's hash (constant-time comparison). */
        public boolean matches(String password) {
            return MessageDigest.isEqual(hash, pbkdf2(password, salt, iterations));
        }

        String line() {
            Base64.Encoder b64 = Base64.getEncoder();
            return user + ":" + SCHEME + ":" + iterations + ":" + b64.encodeToString(salt) + ":" + b64.encodeToString(hash);
        }
    }

    private final Map<String, Entry> entries;

    private CredentialsFile(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /**
     * Reads a file.
     *
     * @throws IOException when unreadable, or naming the first malformed line
     */
    public static CredentialsFile read(Path file) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        List<String> lines = Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int number = i + 1;
            Entry entry = parse(line).orElseThrow(() -> new IOException(file + " line " + number
                    + ": not user:" + SCHEME + ":ITERATIONS:SALT:HASH"));
            entries.put(entry.user(), entry);
        }
        return new CredentialsFile(entries);
    }

    private static Optional<Entry> parse(String line) {
        String[] f = line.split(":", -1);
        if (f.length != 5 || !USER.matcher(f[0]).matches() || !SCHEME.equals(f[1]) || !f[2].matches("[1-9][0-9]{0,8}")) {
            return Optional.empty();
        }
        try {
            byte[] salt = Base64.getDecoder().decode(f[3]);
            byte[] hash = Base64.getDecoder().decode(f[4]);
            if (salt.length < 8 || hash.length != HASH_BYTES) {
                return Optional.empty();
            }
            return Optional.of(new Entry(f[0], Integer.parseInt(f[2]), salt, hash));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public Optional<Entry> entry(String user) {
        return Optional.ofNullable(entries.get(user));
    }

    public List<String> users() {
        return List.copyOf(entries.keySet());
    }

    /**
     * Adds {@code user} with {@code password}, or replaces the user's password; creates the file
     * (mode 600) if needed. The file is rewritten atomically. {@code mra-edge users add FILE USER}.
     *
     * @return true when the user was new
     * @throws IllegalArgumentException when the user name or password is not acceptable
     */
    public static boolean add(Path file, String user, char[] password) throws IOException {
        return add(file, user, password, DEFAULT_ITERATIONS);
    }

    /** As {@link #add(Path, String, char[])} with a given iteration count (tests use fewer). */
    public static boolean add(Path file, String user, char[] password, int iterations) throws IOException {
        if (!USER.matcher(user).matches()) {
            throw new IllegalArgumentException("user \"" + user + "\" must be 1-128 of A-Z a-z 0-9 . _ @ + -");
        }
        if (password.length == 0) {
            throw new IllegalArgumentException("the password must not be empty");
        }
        byte[] salt = new byte[SALT_BYTES];
        new SecureRandom().nextBytes(salt);
        String pw = new String(password);
        Entry entry = new Entry(user, iterations, salt, pbkdf2(pw, salt, iterations));
        CredentialsFile current = read(file);
        Map<String, Entry> updated = new LinkedHashMap<>(current.entries);
        boolean added = updated.put(user, entry) == null;
        write(file, updated);
        return added;
    }

    /**
     * Removes {@code user}. {@code mra-edge users remove FILE USER}.
     *
     * @return true when the user was there
     */
    public static boolean remove(Path file, String user) throws IOException {
        CredentialsFile current = read(file);
        Map<String, Entry> updated = new LinkedHashMap<>(current.entries);
        boolean removed = updated.remove(user) != null;
        if (removed) {
            write(file, updated);
        }
        return removed;
    }

    private static void write(Path file, Map<String, Entry> entries) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# mra-edge static credentials: user:" + SCHEME + ":ITERATIONS:SALT:HASH");
        lines.add("# Edit with `mra-edge users add|remove FILE USER`.");
        entries.values().forEach(e -> lines.add(e.line()));
        Path tmp = file.toAbsolutePath().resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BYTES * 8);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
        }
    }
}
