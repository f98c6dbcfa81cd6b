package io.mraedge.xmpp.testing;

import io.mraedge.core.testing.Await;
import io.mraedge.core.testing.RealPeer;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A dnsmasq answering the test's A and SRV records on {@code address}:53 (a loopback address of
 * the test's own), plus the {@code resolv.conf} that points at it. Peers that should use it run
 * with that file bind-mounted over {@code /etc/resolv.conf} in a private mount namespace (see
 * {@link ProsodyServer}); the machine's resolver configuration is never changed.
 */
public final class TestDns implements AutoCloseable {
    private final Process process;
    private final Path resolvConf;
    private final Path log;

    private TestDns(Process process, Path resolvConf, Path log) {
        this.process = process;
        this.resolvConf = resolvConf;
        this.log = log;
    }

    /** @param records dnsmasq lines, e.g. {@code address=/edge.test/127.0.0.1} and {@code srv-host=...} */
    public static TestDns start(Path dir, String address, List<String> records) throws IOException {
        RealPeer.require("dnsmasq", "dnsmasq");
        Files.createDirectories(dir);
        String template;
        try (InputStream in = TestDns.class.getResourceAsStream("/dns/dnsmasq.conf.template")) {
            template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Path conf = dir.resolve("dnsmasq.conf");
        Files.writeString(conf, template.replace("@ADDRESS@", address).replace("@RECORDS@", String.join("\n", records)));
        Path resolv = dir.resolve("resolv.conf");
        Files.writeString(resolv, "nameserver " + address + "\n");
        Path log = dir.resolve("dnsmasq.log");
        Process p = new ProcessBuilder("dnsmasq", "--conf-file=" + conf)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        TestDns dns = new TestDns(p, resolv, log);
        try {
            Await.until("dnsmasq answering on " + address, Duration.ofSeconds(20), () -> {
                if (!p.isAlive()) {
                    throw new AssertionError("dnsmasq exited: " + dns.output());
                }
                return answers(address);
            });
        } catch (RuntimeException | Error e) {
            dns.close();
            throw e;
        }
        return dns;
    }

    /** Sends one query (A edge.test) and waits briefly for any answer. */
    private static boolean answers(String address) {
        byte[] query = {0x12, 0x34, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0,
            4, 'e', 'd', 'g', 'e', 4, 't', 'e', 's', 't', 0, 0, 1, 0, 1};
        try (DatagramSocket s = new DatagramSocket()) {
            s.setSoTimeout(300);
            InetAddress server = InetAddress.getByName(address);
            s.send(new DatagramPacket(query, query.length, server, 53));
            byte[] buf = new byte[512];
            s.receive(new DatagramPacket(buf, buf.length));
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    public Path resolvConf() {
        return resolvConf;
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
