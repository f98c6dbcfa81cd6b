package io.mraedge.core.testing;

import io.mraedge.core.tls.LeafSpec;
import io.mraedge.core.tls.PrivatePki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A private CA in a temporary folder, with the certificates tests need: {@code edge}
 * (server: localhost, 127.0.0.1) and any number of connectors (client: {@code NAME.test}).
 * Files: {@code NAME.crt} (chain) and {@code NAME.key} (PKCS#8), and {@code ca.crt}.
 */
public final class TestPki {
    private final Path dir;
    private final PrivatePki ca;
    private final String prefix;

    private TestPki(Path dir, PrivatePki ca, String prefix) {
        this.dir = dir;
        this.ca = ca;
        this.prefix = prefix;
    }

    /** A CA plus the edge certificate and a {@code connector-1} certificate. */
    public static TestPki create(Path dir) {
        return create(dir, "");
    }

    /** As {@link #create(Path)}, with file names prefixed (two unrelated CAs in one folder). */
    public static TestPki create(Path dir, String prefix) {
        try {
            PrivatePki ca = PrivatePki.create("mra-edge test CA " + prefix);
            TestPki pki = new TestPki(dir, ca, prefix);
            ca.writeCa(pki.file("ca.crt"), pki.file("ca.key"));
            pki.issue("edge", LeafSpec.server("edge", "localhost", "127.0.0.1"));
            pki.issue("connector-1", LeafSpec.client("connector-1", "connector-1.test"));
            pki.issue("connector-2", LeafSpec.client("connector-2", "connector-2.test"));
            return pki;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Issues and writes {@code NAME.crt} and {@code NAME.key}. */
    public void issue(String name, LeafSpec spec) throws IOException {
        ca.issue(spec).writePem(cert(name), key(name));
    }

    public Path caCert() {
        return file("ca.crt");
    }

    public Path cert(String name) {
        return file(name + ".crt");
    }

    public Path key(String name) {
        return file(name + ".key");
    }

    public Path dir() {
        return dir;
    }

    public PrivatePki ca() {
        return ca;
    }

    private Path file(String name) {
        return dir.resolve(prefix + name);
    }
}
