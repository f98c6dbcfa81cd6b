package io.mraedge.core.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds a real peer program (openssl, kamailio, prosody…) on the PATH. In CI ({@code CI=true})
 * a missing peer fails the test; elsewhere the test is skipped with a message saying what to
 * install ({@code scripts/test} installs them when run as root).
 */
public final class RealPeer {
    private RealPeer() {
    }

    /** The program's path, or fail (CI) / skip (elsewhere). */
    public static Path require(String command, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        String message = command + " is not installed: apt-get install " + debianPackage + " (scripts/test does it as root)";
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        Assumptions.abort(message);
        return null;
    }
}
