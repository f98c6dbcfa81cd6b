package io.mraedge.http.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mraedge.core.protection.ProtectionCategory;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The MRA URL grammar: both shapes, every base64 spelling, and strict refusals. */
class MraTargetParserTest {
    private final MraTargetParser parser = new MraTargetParser(List.of("example.com", "Example.NET"), 64);

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
    }

    static String b64url(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void edgeConfigInEveryBase64Spelling() throws Exception {
        for (String enc : List.of(b64("example.com"), b64("example.com").replace("=", ""), b64url("example.com"))) {
            MraTarget t = parser.parse("/" + enc + "/get_edge_config?service_name=_cisco-uds&service_name=_cuplogin");
            assertThat(t).isEqualTo(new MraTarget.EdgeConfig("example.com", List.of("_cisco-uds", "_cuplogin")));
        }
        // CE endpoints: trailing slash, no query.
        assertThat(parser.parse("/" + b64("example.net") + "/get_edge_config/"))
                .isEqualTo(new MraTarget.EdgeConfig("example.net", List.of()));
    }

    @Test
    void firstShape() throws Exception {
        MraTarget t = parser.parse("/" + b64url("example.com")
                + "/https/cucm1.example.int/8443/cucm-uds/user/alice/devices?max=10");
        assertThat(t).isEqualTo(new MraTarget.Proxy("example.com", "https", "cucm1.example.int", 8443,
                "/cucm-uds/user/alice/devices", "max=10"));
        MraTarget tftp = parser.parse("/" + b64("example.com") + "/http/tftp.example.int/6970/SPDefault.cnf.xml");
        assertThat(((MraTarget.Proxy) tftp).pathAndQuery()).isEqualTo("/SPDefault.cnf.xml");
        assertThat(((MraTarget.Proxy) tftp).authority()).isEqualTo("tftp.example.int:6970");
    }

    @Test
    void secondShape() throws Exception {
        MraTarget t = parser.parse("/" + b64url("example.com/https/cucm1.example.int/8443") + "/cucm-uds/servers");
        assertThat(t).isEqualTo(new MraTarget.Proxy("example.com", "https", "cucm1.example.int", 8443,
                "/cucm-uds/servers", null));
        MraTarget padded = parser.parse("/" + b64("example.com/http/10.1.2.3/6970") + "/a.xml");
        assertThat(((MraTarget.Proxy) padded).host()).isEqualTo("10.1.2.3");
    }

    @Test
    void hostsAreFoldedToLowerCase() throws Exception {
        MraTarget t = parser.parse("/" + b64("EXAMPLE.com") + "/https/CUCM1.Example.INT/8443/cucm-uds/");
        assertThat(((MraTarget.Proxy) t).host()).isEqualTo("cucm1.example.int");
        assertThat(t.domain()).isEqualTo("example.com");
    }

    @Test
    void ssoEndpoints() throws Exception {
        assertThat(parser.parse("/" + b64("example.com") + "/authorize?response_type=token"))
                .isEqualTo(new MraTarget.Sso("example.com", "authorize"));
    }

    @Test
    void domainNotServedIsForbidden() {
        assertThatThrownBy(() -> parser.parse("/" + b64("evil.test") + "/get_edge_config"))
                .isInstanceOfSatisfying(TargetRefusal.class, r -> {
                    assertThat(r.status()).isEqualTo(HttpResponseStatus.FORBIDDEN);
                    assertThat(r.category()).isEqualTo(ProtectionCategory.HTTP_PROXY_RESOURCE_ACCESS_FAILURE);
                });
        assertThatThrownBy(() -> parser.parse("/" + b64url("evil.test/https/cucm1.example.int/8443") + "/x"))
                .isInstanceOfSatisfying(TargetRefusal.class, r -> assertThat(r.status().code()).isEqualTo(403));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "*", "http://example.com/", "//x", "/",
        "/!!!/get_edge_config",                                  // not base64
        "/ZXhhbXBsZS5jb20=/get_edge_config/extra",                // path after get_edge_config
        "/ZXhhbXBsZS5jb20/unknown",                               // unknown endpoint
        "/ZXhhbXBsZS5jb20",                                       // nothing after the domain
        "/ZXhhbXBsZS5jb21=/get_edge_config",                      // non-canonical base64 (trailing bits)
        "/ZXhhbXBsZS5jb20==/get_edge_config",                     // wrong padding
        "/ZXhhbX-sZS5jb2+/get_edge_config",                       // mixed alphabets
        "/ZXhhbXBsZS5jb20/ftp/h.example.int/21/x",                // scheme
        "/ZXhhbXBsZS5jb20/HTTPS/h.example.int/443/x",             // scheme case
        "/ZXhhbXBsZS5jb20/https/h.example.int/0/x",               // port 0
        "/ZXhhbXBsZS5jb20/https/h.example.int/65536/x",           // port too high
        "/ZXhhbXBsZS5jb20/https/h.example.int/08443/x",           // leading zero
        "/ZXhhbXBsZS5jb20/https/h.example.int/8443",              // no path at all is fine? see below
    })
    void malformedTargetsAreRefused(String target) {
        if (target.endsWith("/8443")) {
            return; // accepted as "/": covered by acceptsMissingPathAsRoot
        }
        assertThatThrownBy(() -> parser.parse(target)).isInstanceOf(TargetRefusal.class);
    }

    @Test
    void acceptsMissingPathAsRoot() throws Exception {
        MraTarget t = parser.parse("/" + b64("example.com") + "/https/h.example.int/8443");
        assertThat(((MraTarget.Proxy) t).path()).isEqualTo("/");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/cucm-uds/../admin", "/cucm-uds/./x", "/cucm-uds/%2e%2e/admin", "/cucm-uds/%2E./admin",
        "/cucm-uds/..%2fadmin", "/cucm-uds%2F..%2Fadmin", "/cucm-uds/%5c..", "/cucm-uds/%252e%252e/x",
        "/cucm-uds//x", "/cucm-uds/x%0d%0aSet-Cookie:%20a", "/cucm-uds/%00", "/cucm-uds/%7f", "/cucm-uds/a\\b",
        "/cucm-uds/%41", "/cucm-uds/%zz", "/cucm-uds/%4", "/cucm-uds/a#frag", "/cucm-uds/a b",
    })
    void hostilePathsAreRefused(String path) {
        String target = "/" + b64("example.com") + "/https/cucm1.example.int/8443" + path;
        assertThatThrownBy(() -> parser.parse(target)).isInstanceOfSatisfying(TargetRefusal.class,
                r -> assertThat(r.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "user@cucm1.example.int", "[::1]", "::1", "127.1", "2130706433", "0x7f000001", "0177.0.0.1", "127.0.0.01",
        "cucm1.example.int.", "-bad.example.int", "cucm1.example.int:8443", "cucm%2eexample.int", "a..b", "",
    })
    void oddHostFormsAreRefused(String host) {
        String target = "/" + b64("example.com") + "/https/" + host + "/8443/cucm-uds/";
        assertThatThrownBy(() -> parser.parse(target)).isInstanceOfSatisfying(TargetRefusal.class,
                r -> assertThat(r.status()).isEqualTo(HttpResponseStatus.BAD_REQUEST));
    }

    @Test
    void overlongSegmentIs414() {
        String target = "/" + b64("example.com") + "/https/cucm1.example.int/8443/" + "a".repeat(65);
        assertThatThrownBy(() -> parser.parse(target)).isInstanceOfSatisfying(TargetRefusal.class,
                r -> assertThat(r.status()).isEqualTo(HttpResponseStatus.REQUEST_URI_TOO_LONG));
    }

    @Test
    void base64DecodingToControlCharactersIsRefused() {
        String enc = Base64.getUrlEncoder().withoutPadding().encodeToString(
                "example.com\r\n/https/h.example.int/443".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> parser.parse("/" + enc + "/x")).isInstanceOfSatisfying(TargetRefusal.class,
                r -> assertThat(r.reason()).contains("control"));
        String nul = Base64.getEncoder().encodeToString(new byte[] {'a', 0, 'b'});
        assertThatThrownBy(() -> parser.parse("/" + nul + "/get_edge_config")).isInstanceOf(TargetRefusal.class);
    }

    @Test
    void queryMayNotCarryControlCharacters() {
        assertThatThrownBy(() -> parser.parse("/" + b64("example.com") + "/https/h.example.int/8443/x?a=%0d%0a"))
                .isInstanceOf(TargetRefusal.class);
        assertThatThrownBy(() -> parser.parse("/" + b64("example.com") + "/get_edge_config?service_name=%00"))
                .isInstanceOf(TargetRefusal.class);
    }

    @Test
    void utf8InPathsIsAccepted() throws Exception {
        MraTarget t = parser.parse("/" + b64("example.com") + "/https/h.example.int/8443/cucm-uds/user/j%C3%B6rg");
        assertThat(((MraTarget.Proxy) t).path()).isEqualTo("/cucm-uds/user/j%C3%B6rg");
    }
}
