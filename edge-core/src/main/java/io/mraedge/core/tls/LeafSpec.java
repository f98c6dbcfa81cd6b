package io.mraedge.core.tls;

import io.netty.util.NetUtil;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What {@link PrivatePki#issue(LeafSpec)} puts into a leaf certificate: subject, subject
 * alternative names, lifetime, extended key usages and key type.
 *
 * <p>Built with {@link #server}, {@link #client} or {@link #serverAndClient}, then refined with
 * the {@code with…} methods. Those conveniences sort each subject alternative name by what it
 * parses as: an IPv4 or IPv6 literal becomes an {@code iPAddress} entry, anything else a
 * {@code dNSName} entry. The canonical constructor validates everything, so an instance is
 * always issuable.
 *
 * @param commonName  subject CN; at most 64 characters (RFC 5280 ub-common-name)
 * @param dnsNames    {@code dNSName} SAN entries; {@code *.example.com} wildcards are allowed
 * @param ipAddresses {@code iPAddress} SAN entries, as IPv4 or IPv6 literals
 * @param validity    lifetime, counted from the moment of issue (notBefore is set an hour
 *                    earlier to absorb clock skew, and notAfter never passes the CA's own)
 * @param serverAuth  whether the extended key usage includes {@code id-kp-serverAuth}
 * @param clientAuth  whether the extended key usage includes {@code id-kp-clientAuth}
 * @param keyType     the leaf's key pair
 */
public record LeafSpec(String commonName, List<String> dnsNames, List<String> ipAddresses, Duration validity,
                       boolean serverAuth, boolean clientAuth, PrivatePki.KeyType keyType) {

    /**
     * Default leaf lifetime. Apple platforms refuse TLS server certificates valid for longer
     * than 825 days even under a private CA, and Jabber on iOS is one of our clients.
     */
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(825);

    /** RFC 5280 Appendix A: ub-common-name INTEGER ::= 64. */
    private static final int MAX_COMMON_NAME_LENGTH = 64;

    public LeafSpec {
        Objects.requireNonNull(commonName, "commonName");
        if (commonName.isBlank()) {
            throw new IllegalArgumentException("commonName must not be blank");
        }
        if (commonName.length() > MAX_COMMON_NAME_LENGTH) {
            throw new IllegalArgumentException("commonName '" + commonName + "' is longer than "
                    + MAX_COMMON_NAME_LENGTH + " characters (RFC 5280 ub-common-name); put long names in dnsNames");
        }
        dnsNames = List.copyOf(Objects.requireNonNull(dnsNames, "dnsNames"));
        ipAddresses = List.copyOf(Objects.requireNonNull(ipAddresses, "ipAddresses"));
        for (String dns : dnsNames) {
            if (dns.isBlank() || dns.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("DNS name '" + dns + "' must be non-empty and contain no whitespace");
            }
            if (isIpLiteral(dns)) {
                throw new IllegalArgumentException("DNS name '" + dns
                        + "' is an IP address literal; list it in ipAddresses (or use withSubjectAltNames)");
            }
        }
        for (String ip : ipAddresses) {
            if (!isIpLiteral(ip)) {
                throw new IllegalArgumentException("IP address '" + ip + "' is not an IPv4 or IPv6 literal");
            }
            if (ip.indexOf('%') >= 0) {
                throw new IllegalArgumentException("IP address '" + ip
                        + "' has an IPv6 zone id; a certificate cannot carry one, drop the %suffix");
            }
        }
        Objects.requireNonNull(validity, "validity");
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("validity must be positive, got " + validity);
        }
        if (!serverAuth && !clientAuth) {
            throw new IllegalArgumentException("a leaf needs serverAuth, clientAuth or both");
        }
        Objects.requireNonNull(keyType, "keyType");
    }

    /**
     * A TLS server certificate (EKU serverAuth), EC P-256, valid for {@link #DEFAULT_VALIDITY}.
     *
     * @param sans host names and IP literals, sorted into dNSName/iPAddress entries. With none,
     *             {@code cn} becomes the only SAN, because TLS clients match host names against
     *             SANs and ignore the CN once SANs exist (RFC 6125 §6.4.4)
     */
    public static LeafSpec server(String cn, String... sans) {
        return of(cn, sans, true, false);
    }

    /** A TLS client certificate (EKU clientAuth); SANs as for {@link #server}. */
    public static LeafSpec client(String cn, String... sans) {
        return of(cn, sans, false, true);
    }

    /** A certificate good for both ends of TLS (EKU serverAuth and clientAuth); SANs as for {@link #server}. */
    public static LeafSpec serverAndClient(String cn, String... sans) {
        return of(cn, sans, true, true);
    }

    private static LeafSpec of(String cn, String[] sans, boolean serverAuth, boolean clientAuth) {
        List<String> names = sans.length == 0 ? List.of(Objects.requireNonNull(cn, "cn")) : Arrays.asList(sans);
        return new LeafSpec(cn, List.of(), List.of(), DEFAULT_VALIDITY, serverAuth, clientAuth, PrivatePki.KeyType.EC_P256)
                .withSubjectAltNames(names);
    }

    /** This spec with the SANs replaced by {@code sans}, each sorted into dNSName or iPAddress. */
    public LeafSpec withSubjectAltNames(String... sans) {
        return withSubjectAltNames(Arrays.asList(sans));
    }

    /** This spec with the SANs replaced by {@code sans}, each sorted into dNSName or iPAddress. */
    public LeafSpec withSubjectAltNames(Collection<String> sans) {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        for (String san : sans) {
            (isIpLiteral(Objects.requireNonNull(san, "SAN")) ? ips : dns).add(san);
        }
        return new LeafSpec(commonName, dns, ips, validity, serverAuth, clientAuth, keyType);
    }

    /** This spec with another lifetime. */
    public LeafSpec withValidity(Duration newValidity) {
        return new LeafSpec(commonName, dnsNames, ipAddresses, newValidity, serverAuth, clientAuth, keyType);
    }

    /** This spec with another key type. */
    public LeafSpec withKeyType(PrivatePki.KeyType newKeyType) {
        return new LeafSpec(commonName, dnsNames, ipAddresses, validity, serverAuth, clientAuth, newKeyType);
    }

    /** Whether {@code s} is an IPv4 or IPv6 literal (no name lookup happens). */
    static boolean isIpLiteral(String s) {
        return NetUtil.isValidIpV4Address(s) || NetUtil.isValidIpV6Address(s);
    }
}
