package io.mraedge.http.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The HMAC-SHA256 keys that sign X-Auth tokens, read from the key file that every edge of a
 * cluster shares (so any edge accepts any edge's token: ARCHITECTURE.md, principle 3).
 *
 * <p>File format: one base64 key of at least 32 bytes per line; blank lines and lines starting
 * with {@code #} are ignored. The first key signs; every key verifies, so a key is rotated by
 * putting a new one first, and the old one removed after the token lifetime has passed.
 */
public final class TokenKeys {
    /** RFC 2104 §3: a key shorter than the hash output (32 bytes for SHA-256) weakens the MAC. */
    public static final int MIN_KEY_BYTES = 32;

    private final List<byte[]> keys;

    private TokenKeys(List<byte[]> keys) {
        this.keys = List.copyOf(keys);
    }

    /** Keys given directly (tests). */
    public static TokenKeys of(byte[]... keys) {
        List<byte[]> list = new ArrayList<>();
        for (byte[] k : keys) {
            if (k.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException("a token key needs at least " + MIN_KEY_BYTES + " bytes");
            }
            list.add(k.clone());
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("no token key");
        }
        return new TokenKeys(list);
    }

    /**
     * Reads a key file.
     *
     * @throws IOException when unreadable, or naming the line that is not a key
     */
    public static TokenKeys read(Path file) throws IOException {
        List<byte[]> keys = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            byte[] key;
            try {
                key = Base64.getDecoder().decode(line);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + " line " + (i + 1) + ": not base64");
            }
            if (key.length < MIN_KEY_BYTES) {
                throw new IOException(file + " line " + (i + 1) + ": a key needs at least " + MIN_KEY_BYTES
                        + " bytes, got " + key.length + "; make one with `head -c 32 /dev/urandom | base64`");
            }
            keys.add(key);
        }
        if (keys.isEmpty()) {
            throw new IOException(file + " holds no token key; make one with `head -c 32 /dev/urandom | base64`");
        }
        return new TokenKeys(keys);
    }

    /**
     * Writes a new key file with one random 32-byte key, readable by its owner only (labs,
     * first installs). Copy the same file to every edge of the cluster.
     */
    public static void generate(Path file) throws IOException {
        byte[] key = new byte[MIN_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        String text = "# X-Auth token signing key(s) of an mra-edge cluster: the same file on every edge.\n"
                + "# The first key signs, all verify. Rotate by adding a new key at the top.\n"
                + Base64.getEncoder().encodeToString(key) + "\n";
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system; the directory's permissions have to do
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    byte[] signing() {
        return keys.get(0);
    }

    List<byte[]> all() {
        return keys;
    }
}
