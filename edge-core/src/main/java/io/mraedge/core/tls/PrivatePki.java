package io.mraedge.core.tls;

import io.netty.util.NetUtil;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * A private certificate authority: EC P-256 by default.
 *
 * <p>Lab mode uses it to create the traversal CA and the edge and connector certificates; tests
 * in every module use it to make throw-away TLS identities. It can write its CA as PEM and
 * {@link #load} it again, so repeated lab runs keep one trust anchor.
 *
 * <p>Signing goes through a private {@link BouncyCastleProvider} instance, which is never
 * registered with {@link java.security.Security}. Keys come from the JDK's own generators, and
 * certificates are returned as the JDK's {@link X509Certificate}s. Instances are immutable and
 * thread-safe.
 */
public final class PrivatePki {

    /** The key pair of a certificate. */
    public enum KeyType {
        /** ECDSA on NIST P-256 (secp256r1), signed with SHA256withECDSA. */
        EC_P256,
        /** RSA with a 2048-bit modulus, signed with SHA256withRSA. */
        RSA_2048
    }

    /** Lifetime of a CA made by {@link #create}. */
    public static final Duration CA_VALIDITY = Duration.ofDays(3650);

    /** notBefore is set this far back so that a peer whose clock runs slow still accepts a fresh certificate. */
    static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofHours(1);

    /** RFC 5280 §4.1.2.2: positive, at most 20 octets; 128 random bits leave nothing to guess. */
    private static final int SERIAL_BITS = 128;

    private static final Provider BC = new BouncyCastleProvider();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final Clock clock;

    private PrivatePki(X509Certificate certificate, PrivateKey privateKey, Clock clock) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.clock = clock;
    }

    /** A new self-signed CA with an EC P-256 key, valid for {@link #CA_VALIDITY}. */
    public static PrivatePki create(String caCommonName) {
        return create(caCommonName, KeyType.EC_P256, Clock.systemUTC());
    }

    /**
     * A new self-signed CA: basicConstraints CA:true with pathLen 0 (it signs leaves only),
     * critical; keyUsage keyCertSign and cRLSign, critical; a subject key identifier.
     *
     * @param clock the source of "now" for this CA's validity and for every leaf it issues
     */
    public static PrivatePki create(String caCommonName, KeyType keyType, Clock clock) {
        Objects.requireNonNull(caCommonName, "caCommonName");
        if (caCommonName.isBlank()) {
            throw new IllegalArgumentException("caCommonName must not be blank");
        }
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(clock, "clock");
        KeyPair keyPair = generateKeyPair(keyType);
        Instant now = clock.instant();
        X500Name subject = commonNameOnly(caCommonName);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, randomSerial(),
                    Date.from(now.minus(CLOCK_SKEW_ALLOWANCE)), Date.from(now.plus(CA_VALIDITY)),
                    subject, keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
            return new PrivatePki(sign(builder, keyPair.getPrivate()), keyPair.getPrivate(), clock);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create CA '" + caCommonName + "': " + e.getMessage(), e);
        }
    }

    /** Reuses a CA written earlier by {@link #writeCa} (or any CA certificate and its key in PEM). */
    public static PrivatePki load(Path caCertPem, Path caKeyPem) throws IOException {
        return load(caCertPem, caKeyPem, Clock.systemUTC());
    }

    /**
     * Reuses a CA from PEM files. The certificate file's first certificate is the CA; the key
     * may be PKCS#8 ({@code BEGIN PRIVATE KEY}) or the traditional OpenSSL form
     * ({@code BEGIN EC PRIVATE KEY}, {@code BEGIN RSA PRIVATE KEY}), unencrypted.
     *
     * @throws IOException if a file cannot be read or parsed, the certificate is not a CA, or
     *                     the key does not belong to the certificate
     */
    public static PrivatePki load(Path caCertPem, Path caKeyPem, Clock clock) throws IOException {
        Objects.requireNonNull(clock, "clock");
        X509Certificate certificate = readCertificate(caCertPem);
        if (certificate.getBasicConstraints() < 0) {
            throw new IOException(caCertPem + ": certificate " + certificate.getSubjectX500Principal()
                    + " is not a CA (basicConstraints CA:true missing); point at the CA certificate, not a leaf");
        }
        PrivateKey key = readPrivateKey(caKeyPem);
        if (!keyMatches(key, certificate.getPublicKey())) {
            throw new IOException(caKeyPem + ": this key does not belong to the CA certificate in " + caCertPem);
        }
        return new PrivatePki(certificate, key, clock);
    }

    /** The CA certificate: the trust anchor to configure on the peers. */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * Writes the CA certificate (mode 0644) and its key as PKCS#8 {@code BEGIN PRIVATE KEY}
     * (mode 0600 where the file system supports POSIX permissions). Files are replaced
     * atomically where possible; missing parent directories are created.
     */
    public void writeCa(Path certPem, Path keyPem) throws IOException {
        writePemFile(certPem, certificatesPem(certificate), false);
        writePemFile(keyPem, privateKeyPem(privateKey), true);
    }

    /**
     * Issues a leaf: basicConstraints CA:false, keyUsage digitalSignature (plus keyEncipherment
     * for RSA) critical, the extended key usages and SANs of {@code spec}, authority and subject
     * key identifiers, and a random 128-bit positive serial. notBefore is an hour before now;
     * notAfter is now plus the spec's validity, but never later than the CA's own notAfter.
     */
    public IssuedCertificate issue(LeafSpec spec) {
        Objects.requireNonNull(spec, "spec");
        KeyPair keyPair = generateKeyPair(spec.keyType());
        Instant now = clock.instant();
        Date notAfter = Date.from(now.plus(spec.validity()));
        if (notAfter.after(certificate.getNotAfter())) {
            // A leaf outliving its CA would fail path validation then anyway; say so up front.
            notAfter = certificate.getNotAfter();
        }
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            int keyUsage = KeyUsage.digitalSignature
                    | (spec.keyType() == KeyType.RSA_2048 ? KeyUsage.keyEncipherment : 0);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(certificate, randomSerial(),
                    Date.from(now.minus(CLOCK_SKEW_ALLOWANCE)), notAfter,
                    commonNameOnly(spec.commonName()), keyPair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage))
                    .addExtension(Extension.extendedKeyUsage, false, extendedKeyUsage(spec))
                    .addExtension(Extension.authorityKeyIdentifier, false, authorityKeyIdentifier(extensions))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keyPair.getPublic()));
            GeneralNames sans = subjectAltNames(spec);
            if (sans != null) {
                // RFC 5280 §4.2.1.6: non-critical, because the subject DN is not empty.
                builder.addExtension(Extension.subjectAlternativeName, false, sans);
            }
            return new IssuedCertificate(sign(builder, privateKey), keyPair.getPrivate(), certificate);
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a certificate for '" + spec.commonName() + "': "
                    + e.getMessage(), e);
        }
    }

    private static X500Name commonNameOnly(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    private static BigInteger randomSerial() {
        BigInteger serial;
        do {
            serial = new BigInteger(SERIAL_BITS, RANDOM);
        } while (serial.signum() == 0);
        return serial;
    }

    private static KeyPair generateKeyPair(KeyType keyType) {
        try {
            switch (keyType) {
                case EC_P256: {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                    generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
                    return generator.generateKeyPair();
                }
                case RSA_2048: {
                    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                    generator.initialize(2048, RANDOM);
                    return generator.generateKeyPair();
                }
                default:
                    throw new IllegalArgumentException("unknown key type " + keyType);
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate " + keyType + " keys: " + e.getMessage(), e);
        }
    }

    private static String signatureAlgorithm(PrivateKey key) {
        switch (key.getAlgorithm()) {
            case "EC":
            case "ECDSA":
                return "SHA256withECDSA";
            case "RSA":
                return "SHA256withRSA";
            default:
                throw new IllegalArgumentException("unsupported CA key algorithm " + key.getAlgorithm()
                        + "; use an EC or RSA key");
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey)
            throws OperatorCreationException, GeneralSecurityException {
        X509CertificateHolder holder = builder.build(
                new JcaContentSignerBuilder(signatureAlgorithm(signingKey)).setProvider(BC).build(signingKey));
        // No provider on the converter: callers get the JDK's own X509Certificate.
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private static ExtendedKeyUsage extendedKeyUsage(LeafSpec spec) {
        List<KeyPurposeId> purposes = new ArrayList<>(2);
        if (spec.serverAuth()) {
            purposes.add(KeyPurposeId.id_kp_serverAuth);
        }
        if (spec.clientAuth()) {
            purposes.add(KeyPurposeId.id_kp_clientAuth);
        }
        return new ExtendedKeyUsage(purposes.toArray(new KeyPurposeId[0]));
    }

    /** The CA's own subject key identifier when it has one (a loaded CA may use another method than ours). */
    private AuthorityKeyIdentifier authorityKeyIdentifier(JcaX509ExtensionUtils extensions) {
        byte[] skiExtension = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (skiExtension != null) {
            byte[] keyId = SubjectKeyIdentifier.getInstance(
                    ASN1OctetString.getInstance(skiExtension).getOctets()).getKeyIdentifier();
            return new AuthorityKeyIdentifier(keyId);
        }
        return extensions.createAuthorityKeyIdentifier(certificate.getPublicKey());
    }

    /** The SAN extension value, or null when the spec has no SANs. */
    private static GeneralNames subjectAltNames(LeafSpec spec) {
        List<GeneralName> names = new ArrayList<>();
        for (String dns : spec.dnsNames()) {
            names.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (String ip : spec.ipAddresses()) {
            // RFC 5280 §4.2.1.6: iPAddress is the address in network byte order, 4 or 16 octets.
            names.add(new GeneralName(GeneralName.iPAddress,
                    new DEROctetString(NetUtil.createByteArrayFromIpAddressString(ip))));
        }
        return names.isEmpty() ? null : new GeneralNames(names.toArray(new GeneralName[0]));
    }

    /** Proves possession: a signature made with {@code key} verifies with {@code publicKey}. */
    private static boolean keyMatches(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        try {
            String algorithm = signatureAlgorithm(key);
            byte[] challenge = new byte[32];
            RANDOM.nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm, BC);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm, BC);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    // ---- PEM files, shared with IssuedCertificate ----

    static String certificatesPem(X509Certificate... certificates) {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                pem.writeObject(certificate);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a certificate as PEM", e);
        }
        return text.toString();
    }

    static String privateKeyPem(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("private key format is " + key.getFormat() + ", not PKCS#8");
        }
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(new PemObject("PRIVATE KEY", key.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a private key as PEM", e);
        }
        return text.toString();
    }

    /**
     * Writes {@code content} beside {@code target} and moves it into place, so a reader sees
     * the old file or the new one, never a mix. A secret file is 0600 from the moment it
     * exists; any other gets 0644. Both only where the file system has POSIX permissions.
     */
    static void writePemFile(Path target, String content, boolean secret) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path directory = absolute.getParent();
        Files.createDirectories(directory);
        boolean posix = directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        // createTempFile makes an owner-only (0600) file on POSIX file systems.
        Path temporary = Files.createTempFile(directory, "." + absolute.getFileName(), ".tmp");
        try {
            Files.writeString(temporary, content, StandardCharsets.US_ASCII);
            if (posix) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
            }
            try {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static X509Certificate readCertificate(Path file) throws IOException {
        Object first = readFirstPemObject(file);
        if (!(first instanceof X509CertificateHolder)) {
            throw new IOException(file + ": expected a PEM certificate (BEGIN CERTIFICATE), found "
                    + describe(first));
        }
        try {
            return new JcaX509CertificateConverter().getCertificate((X509CertificateHolder) first);
        } catch (GeneralSecurityException e) {
            throw new IOException(file + ": cannot decode the certificate: " + e.getMessage(), e);
        }
    }

    private static PrivateKey readPrivateKey(Path file) throws IOException {
        Object first = readFirstPemObject(file);
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        if (first instanceof PrivateKeyInfo) {
            return converter.getPrivateKey((PrivateKeyInfo) first);
        }
        if (first instanceof PEMKeyPair) {
            return converter.getKeyPair((PEMKeyPair) first).getPrivate();
        }
        throw new IOException(file + ": expected an unencrypted PEM private key (BEGIN PRIVATE KEY, "
                + "BEGIN EC PRIVATE KEY or BEGIN RSA PRIVATE KEY), found " + describe(first)
                + "; decrypt it first with: openssl pkey -in KEY -out KEY.pem");
    }

    private static Object readFirstPemObject(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            return parser.readObject();
        } catch (FileSystemException e) {
            throw e; // missing file, no permission: the JDK's message already names the file
        } catch (IOException | RuntimeException e) {
            // PEMParser reports malformed base64/ASN.1 with checked and unchecked exceptions alike.
            throw new IOException(file + ": not valid PEM: " + e.getMessage(), e);
        }
    }

    private static String describe(Object pemObject) {
        return pemObject == null ? "no PEM block" : pemObject.getClass().getSimpleName();
    }
}
