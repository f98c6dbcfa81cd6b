package io.mraedge.distribution;

import io.mraedge.core.tls.LeafSpec;
import io.mraedge.core.tls.PrivatePki;
import io.mraedge.http.lab.LabUcBackend;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The lab's certificates, in the lab directory: a private CA ({@code ca.crt}, {@code ca.key}),
 * the edge's server certificate ({@code edge.crt}, {@code edge.key}, naming the lab presence
 * domain too, as XMPP clients check it), the connector's client certificate
 * ({@code connector.crt}, {@code connector.key}), the lab UC backend's server certificate
 * ({@code uc.crt}, {@code uc.key}, for {@link LabUcBackend}) and, when the lab runs Prosody, Prosody's
 * certificate for the presence domain ({@code prosody/example.com.crt}, {@code .key}), which
 * the connector verifies with the lab CA.
 *
 * <p>Each is reused when it is there and still good, so a re-run keeps one trust anchor and an
 * operator's copies of {@code ca.crt} (in a browser, in curl) stay valid. A leaf is issued anew
 * when it is missing, unreadable, not signed by the lab CA (after a new CA was made, say),
 * outside its validity period, or lacking one of the names it must carry (an edge certificate
 * from a lab version before XMPP, say).
 */
final class LabPki {
    static final String CA_COMMON_NAME = "mra-edge lab CA";
    /** The edge's names: what connectors verify ({@code server-name: localhost}) and what a browser may use. */
    static final List<String> EDGE_NAMES = List.of("localhost", "edge.lab.mra-edge.test", LabProsody.DOMAIN,
            "127.0.0.1", "::1");
    /** The connector's identity, on the edge's {@code allowed-connectors}. */
    static final String CONNECTOR_NAME = "connector-1.lab.mra-edge.test";

    static final String CA_CERT = "ca.crt";
    static final String CA_KEY = "ca.key";
    static final String EDGE_CERT = "edge.crt";
    static final String EDGE_KEY = "edge.key";
    static final String CONNECTOR_CERT = "connector.crt";
    static final String CONNECTOR_KEY = "connector.key";
    /** The lab UC backend's server certificate ({@link LabUcBackend#HOST}), verified by the connector. */
    static final String UC_CERT = "uc.crt";
    static final String UC_KEY = "uc.key";

    private final Path dir;
    private final Clock clock;

    LabPki(Path dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    /** Makes or reuses the CA and both leaves; tells {@code report} what it did with each. */
    void prepare(Consumer<LabFileAction> report) throws IOException {
        prepare(report, false);
    }

    /** As {@link #prepare(Consumer)}, and with {@code prosody} also Prosody's certificate. */
    void prepare(Consumer<LabFileAction> report, boolean prosody) throws IOException {
        PrivatePki ca;
        if (Files.exists(file(CA_CERT)) && Files.exists(file(CA_KEY))) {
            ca = loadCa();
            report.accept(new LabFileAction(LabFileAction.Outcome.REUSED, List.of(CA_CERT, CA_KEY), "the lab CA"));
        } else {
            ca = PrivatePki.create(CA_COMMON_NAME, PrivatePki.KeyType.EC_P256, clock);
            ca.writeCa(file(CA_CERT), file(CA_KEY));
            report.accept(new LabFileAction(LabFileAction.Outcome.CREATED, List.of(CA_CERT, CA_KEY), "a new lab CA"));
        }
        report.accept(leaf(ca, EDGE_CERT, EDGE_KEY,
                LeafSpec.server("mra-edge lab edge", EDGE_NAMES.toArray(String[]::new)), "the edge's certificate"));
        report.accept(leaf(ca, CONNECTOR_CERT, CONNECTOR_KEY,
                LeafSpec.client("mra-edge lab connector", CONNECTOR_NAME), "the connector's certificate"));
        report.accept(ucLeaf(ca));
        if (prosody) {
            Files.createDirectories(file(LabProsody.DIR));
            report.accept(leaf(ca, LabProsody.CERT, LabProsody.KEY,
                    LeafSpec.server(LabProsody.DOMAIN, LabProsody.DOMAIN), "Prosody's certificate"));
        }
    }

    private PrivatePki loadCa() throws IOException {
        try {
            return PrivatePki.load(file(CA_CERT), file(CA_KEY), clock);
        } catch (IOException e) {
            // Never replace a CA silently: whatever trusts it would stop working.
            throw new IOException(dir + ": " + CA_CERT + " and " + CA_KEY + " cannot be used as the lab CA ("
                    + e.getMessage() + "); move both away to have a new CA made", e);
        }
    }

    /** The lab UC backend's certificate, issued by {@link LabUcBackend#issueCertificate} when needed. */
    private LabFileAction ucLeaf(PrivatePki ca) throws IOException {
        return leaf(ca, UC_CERT, UC_KEY, LeafSpec.server("mra-edge lab UC backend", LabUcBackend.HOST),
                "the lab UC backend's certificate",
                () -> LabUcBackend.issueCertificate(ca, file(UC_CERT), file(UC_KEY)));
    }

    private LabFileAction leaf(PrivatePki ca, String certName, String keyName, LeafSpec spec,
                               String what) throws IOException {
        return leaf(ca, certName, keyName, spec, what, () -> ca.issue(spec).writePem(file(certName), file(keyName)));
    }

    /** Issues a leaf into its two files. */
    private interface Issuer {
        void issue() throws IOException;
    }

    private LabFileAction leaf(PrivatePki ca, String certName, String keyName, LeafSpec spec,
                               String what, Issuer issuer) throws IOException {
        Path cert = file(certName);
        Path key = file(keyName);
        boolean present = Files.exists(cert) && Files.exists(key);
        Optional<String> unusable = present ? whyUnusable(cert, ca.certificate(), spec) : Optional.empty();
        if (present && unusable.isEmpty()) {
            return new LabFileAction(LabFileAction.Outcome.REUSED, List.of(certName, keyName), what);
        }
        issuer.issue();
        if (!present) {
            return new LabFileAction(LabFileAction.Outcome.CREATED, List.of(certName, keyName), what);
        }
        return new LabFileAction(LabFileAction.Outcome.REPLACED, List.of(certName, keyName),
                what + "; " + unusable.get());
    }

    /** Why the leaf in {@code certFile} cannot be reused with {@code ca}, or empty when it can. */
    private Optional<String> whyUnusable(Path certFile, X509Certificate ca, LeafSpec spec) {
        X509Certificate leaf;
        try (InputStream in = Files.newInputStream(certFile)) {
            leaf = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return Optional.of("the old one was unreadable: " + e.getMessage());
        }
        try {
            leaf.verify(ca.getPublicKey());
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.of("the old one was not issued by this lab CA");
        }
        try {
            leaf.checkValidity(Date.from(clock.instant()));
        } catch (CertificateExpiredException e) {
            return Optional.of("the old one had expired");
        } catch (CertificateNotYetValidException e) {
            return Optional.of("the old one was not valid yet");
        }
        List<String> wanted = new java.util.ArrayList<>(spec.dnsNames());
        wanted.addAll(spec.ipAddresses());
        Set<String> have;
        try {
            have = subjectAltNames(leaf.getSubjectAlternativeNames());
        } catch (GeneralSecurityException | RuntimeException e) {
            return Optional.of("the old one's names were unreadable: " + e.getMessage());
        }
        List<String> missing = wanted.stream().filter(name -> !have.contains(normalised(name))).toList();
        if (!missing.isEmpty()) {
            return Optional.of("the old one did not name " + String.join(", ", missing));
        }
        return Optional.empty();
    }

    /** DNS names (lower case) and IP addresses (canonical text) of a certificate's SAN extension. */
    private static Set<String> subjectAltNames(Collection<List<?>> sans) {
        Set<String> names = new HashSet<>();
        if (sans == null) {
            return names;
        }
        for (List<?> san : sans) {
            if (san.size() >= 2 && san.get(1) instanceof String value) {
                names.add(normalised(value));
            }
        }
        return names;
    }

    /** An IP literal in canonical form ({@code ::1} and {@code 0:0:0:0:0:0:0:1} alike), a DNS name lower-cased. */
    private static String normalised(String name) {
        boolean ipLiteral = name.contains(":") || name.matches("[0-9.]+");
        if (ipLiteral) {
            try {
                return InetAddress.getByName(name).getHostAddress(); // a literal: no lookup
            } catch (UnknownHostException e) {
                return name;
            }
        }
        return name.toLowerCase(Locale.ROOT);
    }

    private Path file(String name) {
        return dir.resolve(name);
    }
}
