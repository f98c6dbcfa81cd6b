package io.mraedge.http.allowlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Default deny, Exact and Prefix, methods, and the JSON form that travels in the status stream. */
class AllowListTest {
    private final AllowList list = AllowList.of(List.of(
            AllowRule.fromUrl("https://cucm1.example.int:8443/cucm-uds/", MatchType.PREFIX, Set.of("GET", "put"),
                    RuleOrigin.AUTOMATIC, "UDS"),
            AllowRule.fromUrl("http://tftp.example.int:6970/SPDefault.cnf.xml", MatchType.EXACT, Set.of("GET"),
                    RuleOrigin.MANUAL, ""),
            AllowRule.fromUrl("https://cuc.example.int/vmrest/", MatchType.PREFIX, Set.of("GET"), RuleOrigin.MANUAL,
                    "")));

    @Test
    void prefixAndExactMatch() {
        assertThat(list.check("GET", "https", "cucm1.example.int", 8443, "/cucm-uds/user/alice")).isEqualTo(AllowList.Verdict.ALLOWED);
        assertThat(list.check("PUT", "https", "cucm1.example.int", 8443, "/cucm-uds/x")).isEqualTo(AllowList.Verdict.ALLOWED);
        assertThat(list.check("GET", "http", "tftp.example.int", 6970, "/SPDefault.cnf.xml")).isEqualTo(AllowList.Verdict.ALLOWED);
        assertThat(list.check("GET", "http", "tftp.example.int", 6970, "/SPDefault.cnf.xml.bak")).isEqualTo(AllowList.Verdict.NO_RULE);
        assertThat(list.check("GET", "https", "cuc.example.int", 443, "/vmrest/mailbox")).isEqualTo(AllowList.Verdict.ALLOWED);
    }

    @Test
    void defaultDeny() {
        assertThat(list.check("GET", "https", "cucm1.example.int", 8443, "/ccmadmin/")).isEqualTo(AllowList.Verdict.NO_RULE);
        assertThat(list.check("GET", "http", "cucm1.example.int", 8443, "/cucm-uds/")).isEqualTo(AllowList.Verdict.NO_RULE);
        assertThat(list.check("GET", "https", "cucm1.example.int", 8444, "/cucm-uds/")).isEqualTo(AllowList.Verdict.NO_RULE);
        assertThat(list.check("GET", "https", "127.0.0.1", 8443, "/cucm-uds/")).isEqualTo(AllowList.Verdict.NO_RULE);
        assertThat(list.check("DELETE", "https", "cucm1.example.int", 8443, "/cucm-uds/x"))
                .isEqualTo(AllowList.Verdict.METHOD_NOT_ALLOWED);
        assertThat(AllowList.empty().check("GET", "https", "cucm1.example.int", 8443, "/")).isEqualTo(AllowList.Verdict.NO_RULE);
    }

    @Test
    void ruleUrlsAreValidated() {
        assertThat(AllowRule.fromUrl("HTTPS://CUC.example.INT/vmrest/", MatchType.PREFIX, Set.of("GET"), RuleOrigin.MANUAL, "").url())
                .isEqualTo("https://cuc.example.int:443/vmrest/");
        assertThat(AllowRule.fromUrl("http://tftp.example.int", MatchType.PREFIX, Set.of("GET"), RuleOrigin.MANUAL, "").url())
                .isEqualTo("http://tftp.example.int:80/");
        for (String bad : List.of("ftp://h.example.int/", "https://u@h.example.int/", "https://h.example.int/?q",
                "https://h.example.int/a/../b", "https://[::1]/", "h.example.int/x", "https://h.example.int/%2e/")) {
            assertThatThrownBy(() -> AllowRule.fromUrl(bad, MatchType.EXACT, Set.of("GET"), RuleOrigin.MANUAL, ""))
                    .as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> AllowRule.fromUrl("https://h.example.int/", MatchType.EXACT, Set.of("GTE"),
                RuleOrigin.MANUAL, "")).hasMessageContaining("GTE");
        assertThatThrownBy(() -> AllowRule.fromUrl("https://h.example.int/", MatchType.EXACT, Set.of(),
                RuleOrigin.MANUAL, "")).hasMessageContaining("at least one");
    }

    @Test
    void jsonRoundTrip() {
        AllowList back = AllowListJson.read(AllowListJson.write(list.rules()));
        assertThat(back.rules()).hasSize(3);
        assertThat(back.check("PUT", "https", "cucm1.example.int", 8443, "/cucm-uds/x")).isEqualTo(AllowList.Verdict.ALLOWED);
        assertThat(back.rules().get(1).origin()).isEqualTo(RuleOrigin.MANUAL);
        assertThatThrownBy(() -> AllowListJson.read(new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
