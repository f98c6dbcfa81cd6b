package io.mraedge.core.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.testing.RealPeer;
import io.mraedge.core.testing.TestCluster;
import io.mraedge.core.testing.TestConfigs;
import io.mraedge.core.testing.TestPki;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real headless Chromium renders the status page served by a running edge with a connector,
 * before and during maintenance: the DOM it builds must show the page's facts, and the
 * screenshot must be a real picture (the maintenance banner's colour in it exactly when
 * maintenance is on). The screenshots are kept in {@code target/} for people to look at.
 */
class StatusPageChromiumTest {
    private static final long RUN_TIMEOUT_SECONDS = 60;
    private static final int WIDTH = 1200;
    private static final int HEIGHT = 1600;
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    /** The banner's background in StatusPage's style (#ffb400), found nowhere else on the page. */
    private static final int BANNER_RGB = 0xffb400;

    @TempDir
    Path dir;

    @Test
    void chromiumRendersTheEdgeStatusPageWithAndWithoutMaintenance() throws Exception {
        Path chromium = RealPeer.require("chromium", "chromium");
        TestPki pki = TestPki.create(dir.resolve("pki"));
        try (TestCluster cluster = TestCluster.edge(pki)) {
            cluster.connector(TestConfigs.connector(pki, cluster.traversalPort()));
            String url = "http://127.0.0.1:" + cluster.edgeNode().adminAddress().getPort() + "/";

            String dom = dumpDom(chromium, url, "normal");
            assertThat(dom).as(dom).contains("edge-1", "connector-1", "UP", "<title>mra-edge edge-1 — Status</title>",
                            "<span class=\"state up\">UP</span>")
                    .doesNotContain(StatusPage.MAINTENANCE_MARKER, StatusPage.MAINTENANCE_BANNER);
            BufferedImage normal = screenshot(chromium, url, "normal");
            assertThat(pixelsNear(normal, BANNER_RGB)).as("banner-coloured pixels without maintenance").isZero();

            cluster.edgeNode().maintenance().set(true);
            String during = dumpDom(chromium, url, "maintenance");
            assertThat(during).as(during).contains(StatusPage.MAINTENANCE_MARKER, StatusPage.MAINTENANCE_BANNER);
            BufferedImage maintenance = screenshot(chromium, url, "maintenance");
            assertThat(pixelsNear(maintenance, BANNER_RGB)).as("banner-coloured pixels in maintenance")
                    .isGreaterThan(10_000);
        }
    }

    /** The DOM Chromium built from the page, serialized. */
    private String dumpDom(Path chromium, String url, String label) throws Exception {
        Path out = dir.resolve(label + "-dom.html");
        run(chromium, label + "-dom", out, "--dump-dom", url);
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    /** A screenshot of the page, checked to be a real PNG of the window's size, kept in target/. */
    private BufferedImage screenshot(Path chromium, String url, String label) throws Exception {
        Path png = dir.resolve("status-" + label + ".png");
        run(chromium, label + "-png", dir.resolve(label + "-png.out"), "--screenshot=" + png, url);
        assertThat(png).exists();
        byte[] bytes = Files.readAllBytes(png);
        assertThat(bytes.length).as("PNG size").isGreaterThan(10_000);
        assertThat(Arrays.copyOf(bytes, PNG_SIGNATURE.length)).as("PNG signature").isEqualTo(PNG_SIGNATURE);
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("decodable PNG").isNotNull();
        assertThat(image.getWidth()).isEqualTo(WIDTH);
        assertThat(image.getHeight()).isEqualTo(HEIGHT);
        Path kept = Path.of("target", "status-page-" + label + ".png");
        Files.createDirectories(kept.getParent());
        Files.copy(png, kept, StandardCopyOption.REPLACE_EXISTING);
        return image;
    }

    /**
     * Runs Chromium once with a fresh profile, stdout to {@code stdout}; fails after
     * {@value #RUN_TIMEOUT_SECONDS} s. Chromium and its helper processes are killed in any case.
     */
    private void run(Path chromium, String label, Path stdout, String... args) throws Exception {
        Path profile = Files.createDirectories(dir.resolve("profile-" + label));
        Path stderr = dir.resolve(label + ".err");
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + profile, "--window-size=" + WIDTH + "," + HEIGHT));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        try {
            boolean done = p.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(done).as("chromium %s finished within %d s; stderr:%n%s", label, RUN_TIMEOUT_SECONDS,
                    tail(stderr)).isTrue();
            assertThat(p.exitValue()).as("chromium %s exit status; stderr:%n%s", label, tail(stderr)).isZero();
        } finally {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String tail(Path file) throws IOException {
        if (!Files.exists(file)) {
            return "";
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }

    /** Pixels within a small distance of {@code rgb} (anti-aliasing and colour handling aside). */
    private static long pixelsNear(BufferedImage image, int rgb) {
        long n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                if (near(p >> 16, rgb >> 16) && near(p >> 8, rgb >> 8) && near(p, rgb)) {
                    n++;
                }
            }
        }
        return n;
    }

    private static boolean near(int a, int b) {
        return Math.abs((a & 0xff) - (b & 0xff)) <= 3;
    }
}
