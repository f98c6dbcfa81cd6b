package io.mraedge.http.edge;

import io.mraedge.http.allowlist.HostSyntax;
import io.mraedge.http.allowlist.PathSyntax;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The strict parser of the MRA URL grammar (mra-facts.md, "Discovery and edge configuration"):
 * <ul>
 *   <li>{@code /{b64(domain)}/get_edge_config[/]?service_name=…};
 *   <li>{@code /{b64(domain)}/{http|https}/{host}/{port}/{path}};
 *   <li>{@code /{b64url("domain/https/host/port")}/{path}};
 *   <li>{@code /{b64(domain)}/authorize|get_edge_sso|fedlet…}.
 * </ul>
 * Base64 is accepted in the standard and URL-safe alphabets, padded or not, but only in its
 * canonical spelling (re-encoding gives the same text), and it must decode to printable ASCII.
 * (Text made of DNS characters, {@code /} and digits never encodes to {@code +} or {@code /}, so
 * the encoded segment never contains a slash in either alphabet.)
 *
 * <p>Nothing is normalised: a target that is not already in the strict form is refused with
 * {@link TargetRefusal} (see {@link PathSyntax} and {@link HostSyntax} for the rules). Thread-safe
 * and immutable.
 */
public final class MraTargetParser {
    /** The most service names one get_edge_config may ask for. */
    static final int MAX_SERVICE_NAMES = 16;
    /** Longest base64 segment: a 253-character name plus the rest of the second shape. */
    static final int MAX_B64_SEGMENT = 512;

    private static final Pattern SERVICE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Set<String> SSO_ENDPOINTS = Set.of("authorize", "get_edge_sso", "fedlet");

    private final Set<String> domains;
    private final int maxSegmentLength;

    /**
     * @param serviceDomains the configured service domains (any case)
     * @param maxSegmentLength longest path segment of a proxied path
     */
    public MraTargetParser(Collection<String> serviceDomains, int maxSegmentLength) {
        this.domains = Set.copyOf(serviceDomains.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList());
        this.maxSegmentLength = maxSegmentLength;
    }

    /** Parses a request-target as sent (origin-form). */
    public MraTarget parse(String target) throws TargetRefusal {
        if (target.isEmpty() || target.charAt(0) != '/') {
            throw TargetRefusal.malformed("the request-target is not in origin form");
        }
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? null : target.substring(q + 1);
        if (query != null) {
            Optional<String> problem = PathSyntax.checkQuery(query);
            if (problem.isPresent()) {
                throw TargetRefusal.malformed(problem.get());
            }
        }
        int end = path.indexOf('/', 1);
        String segment = end < 0 ? path.substring(1) : path.substring(1, end);
        String rest = end < 0 ? "" : path.substring(end);
        String decoded = decodeBase64(segment);
        if (decoded.indexOf('/') >= 0) {
            return secondShape(decoded, rest, query);
        }
        return firstShape(serviceDomain(decoded), rest, query);
    }

    /** After {@code /{b64(domain)}}: get_edge_config, an SSO endpoint, or {@code /{scheme}/{host}/{port}/{path}}. */
    private MraTarget firstShape(String domain, String rest, String query) throws TargetRefusal {
        if (rest.isEmpty() || rest.equals("/")) {
            throw TargetRefusal.malformed("nothing after the domain segment");
        }
        int end = rest.indexOf('/', 1);
        String endpoint = end < 0 ? rest.substring(1) : rest.substring(1, end);
        String after = end < 0 ? "" : rest.substring(end);
        if (endpoint.equals("get_edge_config")) {
            if (!after.isEmpty() && !after.equals("/")) {
                throw TargetRefusal.malformed("get_edge_config takes no path after it");
            }
            return new MraTarget.EdgeConfig(domain, serviceNames(query));
        }
        if (SSO_ENDPOINTS.contains(endpoint)) {
            return new MraTarget.Sso(domain, endpoint);
        }
        if (!endpoint.equals("http") && !endpoint.equals("https")) {
            throw TargetRefusal.malformed("unknown MRA endpoint after the domain segment");
        }
        // {host}/{port}{/path}
        int hostEnd = after.indexOf('/', 1);
        if (after.isEmpty() || hostEnd < 0) {
            throw TargetRefusal.malformed("no host and port after the scheme");
        }
        String host = after.substring(1, hostEnd);
        int portEnd = after.indexOf('/', hostEnd + 1);
        String port = portEnd < 0 ? after.substring(hostEnd + 1) : after.substring(hostEnd + 1, portEnd);
        String path = portEnd < 0 ? "/" : after.substring(portEnd);
        return proxy(domain, endpoint, host, port, path, query);
    }

    /** {@code domain/scheme/host/port} decoded from the first segment, then the path. */
    private MraTarget secondShape(String decoded, String rest, String query) throws TargetRefusal {
        String[] parts = decoded.split("/", -1);
        if (parts.length != 4) {
            throw TargetRefusal.malformed("the encoded origin is not domain/scheme/host/port");
        }
        String domain = serviceDomain(parts[0]);
        if (!parts[1].equals("http") && !parts[1].equals("https")) {
            throw TargetRefusal.malformed("the encoded scheme is not http or https");
        }
        return proxy(domain, parts[1], parts[2], parts[3], rest.isEmpty() ? "/" : rest, query);
    }

    private MraTarget.Proxy proxy(String domain, String scheme, String hostText, String portText, String path,
                                  String query) throws TargetRefusal {
        String host = HostSyntax.canonical(hostText)
                .orElseThrow(() -> TargetRefusal.malformed("the host is not a DNS name or IPv4 address"));
        if (!isPort(portText)) {
            throw TargetRefusal.malformed("the port is not a number from 1 to 65535");
        }
        Optional<String> problem = PathSyntax.checkPath(path, maxSegmentLength);
        if (problem.isPresent()) {
            throw problem.get().contains("longer than") ? TargetRefusal.tooLong(problem.get())
                    : TargetRefusal.malformed(problem.get());
        }
        return new MraTarget.Proxy(domain, scheme, host, Integer.parseInt(portText), path, query);
    }

    /** {@code [1-9][0-9]{0,4}} and at most 65535. */
    private static boolean isPort(String text) {
        int n = text.length();
        if (n == 0 || n > 5 || text.charAt(0) == '0') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return Integer.parseInt(text) <= 65_535;
    }

    private String serviceDomain(String text) throws TargetRefusal {
        String domain = HostSyntax.canonical(text)
                .filter(d -> !HostSyntax.isIpv4(d))
                .orElseThrow(() -> TargetRefusal.malformed("the domain is not a DNS name"));
        if (!domains.contains(domain)) {
            throw TargetRefusal.forbidden("domain " + domain + " is not a configured service domain");
        }
        return domain;
    }

    /**
     * Strict base64: standard or URL-safe alphabet (not both), padded correctly or not at all,
     * canonical, decoding to printable ASCII.
     */
    static String decodeBase64(String segment) throws TargetRefusal {
        if (segment.isEmpty()) {
            throw TargetRefusal.malformed("empty domain segment");
        }
        if (segment.length() > MAX_B64_SEGMENT) {
            throw TargetRefusal.tooLong("the base64 segment is longer than " + MAX_B64_SEGMENT + " characters");
        }
        int padding = 0;
        while (padding < segment.length() && segment.charAt(segment.length() - 1 - padding) == '=') {
            padding++;
        }
        String body = segment.substring(0, segment.length() - padding);
        if (padding > 2 || (padding > 0 && segment.length() % 4 != 0) || body.length() % 4 == 1) {
            throw TargetRefusal.malformed("the first segment is not base64 (padding)");
        }
        boolean urlSafe = false;
        boolean standard = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '-' || c == '_') {
                urlSafe = true;
            } else if (c == '+') {
                standard = true;
            } else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                throw TargetRefusal.malformed("the first segment is not base64 (character " + (int) c + ")");
            }
        }
        if (urlSafe && standard) {
            throw TargetRefusal.malformed("the first segment mixes the two base64 alphabets");
        }
        byte[] bytes;
        try {
            bytes = (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(body);
        } catch (IllegalArgumentException e) {
            throw TargetRefusal.malformed("the first segment is not base64");
        }
        String canonical = (urlSafe ? Base64.getUrlEncoder() : Base64.getEncoder()).withoutPadding().encodeToString(bytes);
        if (!canonical.equals(body)) {
            throw TargetRefusal.malformed("the first segment is not canonical base64");
        }
        for (byte b : bytes) {
            if (b < 0x21 || b > 0x7e) {
                throw TargetRefusal.malformed("the base64 segment decodes to a control, space or non-ASCII byte");
            }
        }
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    /** The {@code service_name} values of a get_edge_config query, in order, without repeats. */
    private static List<String> serviceNames(String query) throws TargetRefusal {
        List<String> names = new ArrayList<>();
        if (query == null || query.isEmpty()) {
            return names;
        }
        for (String pair : query.split("&", -1)) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (!key.equals("service_name")) {
                continue; // other parameters (none are known) are ignored, not forwarded
            }
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            if (!SERVICE_NAME.matcher(value).matches()) {
                throw TargetRefusal.malformed("a service_name is not [A-Za-z0-9_.-]{1,64}");
            }
            if (!names.contains(value)) {
                names.add(value);
            }
            if (names.size() > MAX_SERVICE_NAMES) {
                throw TargetRefusal.malformed("more than " + MAX_SERVICE_NAMES + " service names");
            }
        }
        return names;
    }
}
