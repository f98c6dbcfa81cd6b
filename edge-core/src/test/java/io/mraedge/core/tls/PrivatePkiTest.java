package io.mraedge.core.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.mraedge.core.tls.PrivatePki.KeyType;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivatePkiTest {

    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;
    private static final int KEY_USAGE_DIGITAL_SIGNATURE = 0;
    private static final int KEY_USAGE_KEY_ENCIPHERMENT = 2;
    private static final int KEY_USAGE_KEY_CERT_SIGN = 5;
    private static final int KEY_USAGE_CRL_SIGN = 6;

    // Truncated to seconds: X.509 times carry no milliseconds.
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static PrivatePki ca;

    @TempDir
    Path dir;

    @BeforeAll
    static void createCa() {
        ca = PrivatePki.create("mra-edge test CA", KeyType.EC_P256, CLOCK);
    }

    @Test
    void caIsSelfSignedP256CaForTenYears() throws Exception {
        X509Certificate cert = ca.certificate();

        cert.verify(cert.getPublicKey());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=mra-edge test CA");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("EC");
        assertThat(cert.getBasicConstraints()).as("CA:true, pathLen 0").isZero();
        assertThat(cert.getKeyUsage()[KEY_USAGE_KEY_CERT_SIGN]).isTrue();
        assertThat(cert.getKeyUsage()[KEY_USAGE_CRL_SIGN]).isTrue();
        assertThat(cert.getKeyUsage()[KEY_USAGE_DIGITAL_SIGNATURE]).isFalse();
        assertThat(cert.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        assertThat(cert.getExtensionValue("2.5.29.14")).as("SKI").isNotNull();
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOW.minus(PrivatePki.CLOCK_SKEW_ALLOWANCE));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(PrivatePki.CA_VALIDITY));
    }

    @Test
    void serverLeafHasSansEkuAndKeyIdentifiers() throws Exception {
        IssuedCertificate server = ca.issue(LeafSpec.server("edge1", "edge1.example.test", "192.0.2.10", "2001:db8::1"));
        X509Certificate cert = server.certificate();

        cert.verify(ca.certificate().getPublicKey());
        assertThat(server.issuer()).isEqualTo(ca.certificate());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=edge1");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(cert.getBasicConstraints()).as("CA:false").isEqualTo(-1);
        assertThat(cert.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
        assertThat(cert.getKeyUsage()[KEY_USAGE_DIGITAL_SIGNATURE]).isTrue();
        assertThat(cert.getKeyUsage()[KEY_USAGE_KEY_ENCIPHERMENT]).as("not for EC").isFalse();
        assertThat(cert.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(sans(cert)).containsExactlyInAnyOrder(
                List.of(SAN_DNS, "edge1.example.test"),
                List.of(SAN_IP, "192.0.2.10"),
                List.of(SAN_IP, "2001:db8:0:0:0:0:0:1"));
        assertThat(authorityKeyId(cert)).isEqualTo(subjectKeyId(ca.certificate()));
        assertThat(cert.getSerialNumber().signum()).isPositive();
        assertThat(cert.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofHours(1)));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(LeafSpec.DEFAULT_VALIDITY));
        assertPkixValid(cert);
    }

    @Test
    void clientLeafHasClientAuthOnlyAndRsaKeyEncipherment() throws Exception {
        IssuedCertificate client = ca.issue(LeafSpec.client("connector-a", "connector-a.inside.test")
                .withKeyType(KeyType.RSA_2048));
        X509Certificate cert = client.certificate();

        cert.verify(ca.certificate().getPublicKey());
        assertThat(cert.getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(client.privateKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(cert.getSigAlgName()).as("signed by the EC CA").isEqualTo("SHA256withECDSA");
        assertThat(cert.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(cert.getKeyUsage()[KEY_USAGE_DIGITAL_SIGNATURE]).isTrue();
        assertThat(cert.getKeyUsage()[KEY_USAGE_KEY_ENCIPHERMENT]).isTrue();
        assertThat(sans(cert)).containsExactly(List.of(SAN_DNS, "connector-a.inside.test"));
        assertPkixValid(cert);
    }

    @Test
    void serialsDiffer() {
        BigInteger first = ca.issue(LeafSpec.server("a")).certificate().getSerialNumber();
        BigInteger second = ca.issue(LeafSpec.server("a")).certificate().getSerialNumber();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void leafNeverOutlivesItsCa() {
        X509Certificate cert = ca.issue(LeafSpec.server("long").withValidity(Duration.ofDays(20_000))).certificate();
        assertThat(cert.getNotAfter()).isEqualTo(ca.certificate().getNotAfter());
    }

    @Test
    void pemFilesRoundTripAndReloadedCaKeepsIssuing() throws Exception {
        Path caCert = dir.resolve("ca/ca.pem");
        Path caKey = dir.resolve("ca/ca-key.pem");
        ca.writeCa(caCert, caKey);
        ca.writeCa(caCert, caKey); // lab re-runs overwrite in place

        PrivatePki reloaded = PrivatePki.load(caCert, caKey);
        assertThat(reloaded.certificate()).isEqualTo(ca.certificate());
        assertThat(Files.readString(caKey)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(caCert)).startsWith("-----BEGIN CERTIFICATE-----");

        IssuedCertificate server = reloaded.issue(LeafSpec.server("edge1", "edge1.example.test"));
        Path chain = dir.resolve("edge1.pem");
        Path key = dir.resolve("edge1-key.pem");
        server.writePem(chain, key);

        assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----");
        List<X509Certificate> read = readCertificates(chain);
        assertThat(read).containsExactly(server.certificate(), ca.certificate());
        read.get(0).verify(read.get(1).getPublicKey());
        assertThat(authorityKeyId(server.certificate())).isEqualTo(subjectKeyId(ca.certificate()));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void keyFilesAreOwnerOnly() throws Exception {
        assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("posix");
        Path caKey = dir.resolve("ca-key.pem");
        ca.writeCa(dir.resolve("ca.pem"), caKey);
        Path leafKey = dir.resolve("leaf-key.pem");
        ca.issue(LeafSpec.client("c")).writePem(dir.resolve("leaf.pem"), leafKey);

        assertThat(Files.getPosixFilePermissions(caKey)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(leafKey)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(dir.resolve("ca.pem")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r--r--"));
    }

    @Test
    void loadRefusesALeafAndAForeignKey() throws Exception {
        Path caCert = dir.resolve("ca.pem");
        Path caKey = dir.resolve("ca-key.pem");
        ca.writeCa(caCert, caKey);
        Path otherCert = dir.resolve("other.pem");
        Path otherKey = dir.resolve("other-key.pem");
        PrivatePki.create("other").writeCa(otherCert, otherKey);
        Path leafChain = dir.resolve("leaf.pem");
        ca.issue(LeafSpec.server("leaf")).writePem(leafChain, dir.resolve("leaf-key.pem"));

        assertThatThrownBy(() -> PrivatePki.load(caCert, otherKey))
                .isInstanceOf(IOException.class).hasMessageContaining("does not belong");
        assertThatThrownBy(() -> PrivatePki.load(leafChain, dir.resolve("leaf-key.pem")))
                .isInstanceOf(IOException.class).hasMessageContaining("is not a CA");
        assertThatThrownBy(() -> PrivatePki.load(caKey, caKey))
                .isInstanceOf(IOException.class).hasMessageContaining("expected a PEM certificate");
    }

    @Test
    void sansAreSortedIntoDnsAndIp() {
        LeafSpec spec = LeafSpec.serverAndClient("node", "node.example.test", "10.0.0.1", "::1", "*.example.test");
        assertThat(spec.dnsNames()).containsExactly("node.example.test", "*.example.test");
        assertThat(spec.ipAddresses()).containsExactly("10.0.0.1", "::1");
        assertThat(spec.serverAuth()).isTrue();
        assertThat(spec.clientAuth()).isTrue();
        assertThat(LeafSpec.server("edge.example.test").dnsNames()).containsExactly("edge.example.test");
        assertThat(LeafSpec.client("127.0.0.1").ipAddresses()).containsExactly("127.0.0.1");
    }

    @Test
    void specRefusesWhatCannotBeIssued() {
        assertThatThrownBy(() -> LeafSpec.server(" ")).hasMessageContaining("blank");
        assertThatThrownBy(() -> LeafSpec.server("x".repeat(65), "a.test")).hasMessageContaining("64");
        assertThatThrownBy(() -> new LeafSpec("a", List.of("10.0.0.1"), List.of(), Duration.ofDays(1), true, false,
                KeyType.EC_P256)).hasMessageContaining("ipAddresses");
        assertThatThrownBy(() -> new LeafSpec("a", List.of(), List.of("a.test"), Duration.ofDays(1), true, false,
                KeyType.EC_P256)).hasMessageContaining("not an IPv4 or IPv6 literal");
        assertThatThrownBy(() -> LeafSpec.server("a", "fe80::1%eth0")).hasMessageContaining("zone id");
        assertThatThrownBy(() -> new LeafSpec("a", List.of("a.test"), List.of(), Duration.ofDays(1), false, false,
                KeyType.EC_P256)).hasMessageContaining("serverAuth, clientAuth");
        assertThatThrownBy(() -> LeafSpec.server("a").withValidity(Duration.ZERO)).hasMessageContaining("positive");
    }

    @Test
    void nettyOpenSslAcceptsEcAndRsaPemFiles() throws Exception {
        assertOpenSslAvailable();
        for (KeyType keyType : KeyType.values()) {
            Path chain = dir.resolve(keyType + ".pem");
            Path key = dir.resolve(keyType + "-key.pem");
            ca.issue(LeafSpec.server("edge", "edge.example.test").withKeyType(keyType)).writePem(chain, key);

            SslContext context = SslContextBuilder.forServer(chain.toFile(), key.toFile())
                    .sslProvider(SslProvider.OPENSSL).build();
            try {
                assertThat(context.isServer()).isTrue();
            } finally {
                ReferenceCountUtil.release(context);
            }
        }
    }

    @Test
    void mutualTlsHandshakeChecksHostNameAndClientCertificate() throws Exception {
        assertOpenSslAvailable();
        Path caCert = dir.resolve("ca.pem");
        ca.writeCa(caCert, dir.resolve("ca-key.pem"));
        IssuedCertificate server = ca.issue(LeafSpec.server("edge", "edge.example.test"));
        IssuedCertificate client = ca.issue(LeafSpec.client("connector", "connector.inside.test")
                .withKeyType(KeyType.RSA_2048));
        server.writePem(dir.resolve("edge.pem"), dir.resolve("edge-key.pem"));
        client.writePem(dir.resolve("connector.pem"), dir.resolve("connector-key.pem"));

        SslContext serverContext = SslContextBuilder
                .forServer(dir.resolve("edge.pem").toFile(), dir.resolve("edge-key.pem").toFile())
                .sslProvider(SslProvider.OPENSSL).trustManager(caCert.toFile()).clientAuth(ClientAuth.REQUIRE).build();
        SslContext clientContext = SslContextBuilder.forClient()
                .keyManager(dir.resolve("connector.pem").toFile(), dir.resolve("connector-key.pem").toFile())
                .sslProvider(SslProvider.JDK).trustManager(caCert.toFile()).endpointIdentificationAlgorithm("HTTPS")
                .build();
        try {
            SSLEngine[] good = engines(clientContext, serverContext, "edge.example.test");
            try {
                handshake(good[0], good[1]);
                assertThat(good[0].getSession().getPeerCertificates()[0]).isEqualTo(server.certificate());
                assertThat(good[1].getSession().getPeerCertificates()[0]).isEqualTo(client.certificate());
            } finally {
                release(good);
            }
            SSLEngine[] wrongName = engines(clientContext, serverContext, "other.example.test");
            try {
                assertThatThrownBy(() -> handshake(wrongName[0], wrongName[1])).isInstanceOf(SSLException.class)
                        .hasStackTraceContaining("other.example.test");
            } finally {
                release(wrongName);
            }
        } finally {
            ReferenceCountUtil.release(serverContext);
            ReferenceCountUtil.release(clientContext);
        }
    }

    private static void assertOpenSslAvailable() {
        assertThat(OpenSsl.isAvailable()).as("netty-tcnative: %s", OpenSsl.unavailabilityCause()).isTrue();
    }

    private static SSLEngine[] engines(SslContext client, SslContext server, String host) {
        SSLEngine clientEngine = client.newEngine(UnpooledByteBufAllocator.DEFAULT, host, 7001);
        SSLEngine serverEngine = server.newEngine(UnpooledByteBufAllocator.DEFAULT);
        return new SSLEngine[] {clientEngine, serverEngine};
    }

    private static void release(SSLEngine[] engines) {
        for (SSLEngine engine : engines) {
            engine.closeOutbound();
            ReferenceCountUtil.release(engine);
        }
    }

    /** Drives two engines against each other in memory until both finish the handshake (or one throws). */
    private static void handshake(SSLEngine client, SSLEngine server) throws SSLException {
        ByteBuffer empty = ByteBuffer.allocate(0);
        ByteBuffer toServer = ByteBuffer.allocate(1 << 16);
        ByteBuffer toClient = ByteBuffer.allocate(1 << 16);
        ByteBuffer clientApp = ByteBuffer.allocate(1 << 16);
        ByteBuffer serverApp = ByteBuffer.allocate(1 << 16);
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < 100; round++) {
            client.wrap(empty, toServer);
            runTasks(client);
            server.wrap(empty, toClient);
            runTasks(server);
            toServer.flip();
            server.unwrap(toServer, serverApp);
            toServer.compact();
            runTasks(server);
            toClient.flip();
            client.unwrap(toClient, clientApp);
            toClient.compact();
            runTasks(client);
            if (finished(client) && finished(server) && toServer.position() == 0 && toClient.position() == 0) {
                return;
            }
        }
        throw new AssertionError("handshake did not finish");
    }

    private static boolean finished(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }

    private static void runTasks(SSLEngine engine) {
        for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
            task.run();
        }
    }

    private static void assertPkixValid(X509Certificate leaf) throws Exception {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.certificate(), null)));
        parameters.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(List.of(leaf)), parameters);
    }

    private static List<List<?>> sans(X509Certificate cert) throws Exception {
        Collection<List<?>> names = cert.getSubjectAlternativeNames();
        return names == null ? List.of() : new ArrayList<>(names);
    }

    private static List<X509Certificate> readCertificates(Path pem) throws Exception {
        try (var in = Files.newInputStream(pem)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) certificate);
            }
            return certificates;
        }
    }

    /** The keyIdentifier of the AKI extension (getExtensionValue wraps the DER value in an OCTET STRING). */
    private static byte[] authorityKeyId(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue("2.5.29.35");
        assertThat(ext).as("AKI").isNotNull();
        return AuthorityKeyIdentifier.getInstance(
                ASN1OctetString.getInstance(ext).getOctets()).getKeyIdentifierObject().getOctets();
    }

    private static byte[] subjectKeyId(X509Certificate cert) {
        byte[] ext = cert.getExtensionValue("2.5.29.14");
        assertThat(ext).as("SKI").isNotNull();
        return SubjectKeyIdentifier.getInstance(
                ASN1OctetString.getInstance(ext).getOctets()).getKeyIdentifier();
    }
}
