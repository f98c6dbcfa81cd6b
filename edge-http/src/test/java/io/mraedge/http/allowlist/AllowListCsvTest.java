package io.mraedge.http.allowlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The product's CSV export: header, quoting, method lists, default methods, line-numbered problems. */
class AllowListCsvTest {
    @Test
    void readsTheProductsExport() throws Exception {
        String csv = "\uFEFFUrl,Deployment,HttpMethods,MatchType,Description\n"
                + "https://cuc.example.int:443/vmrest/,Default deployment,\"GET,POST\",Prefix,\"Voicemail, REST\"\n"
                + "\n"
                + "http://tftp.example.int:6970/SPDefault.cnf.xml,Default deployment,,Exact,\n";
        List<AllowRule> rules = AllowListCsv.read(new StringReader(csv), Set.of("GET", "HEAD"));
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).methods()).containsExactlyInAnyOrder("GET", "POST");
        assertThat(rules.get(0).match()).isEqualTo(MatchType.PREFIX);
        assertThat(rules.get(0).description()).isEqualTo("Voicemail, REST");
        assertThat(rules.get(1).methods()).containsExactlyInAnyOrder("GET", "HEAD");
        assertThat(rules.get(1).origin()).isEqualTo(RuleOrigin.MANUAL);

        String yaml = AllowListCsv.toYaml(rules);
        assertThat(yaml).contains("  - url: \"https://cuc.example.int:443/vmrest/\"\n    match: prefix\n    methods: [GET, POST]\n"
                + "    description: \"Voicemail, REST\"\n");
    }

    @Test
    void reportsEveryBadLine() {
        String csv = "Url,Deployment,HttpMethods,MatchType,Description\n"
                + "ftp://x.example.int/,d,GET,Exact,\n"
                + "https://x.example.int/,d,GET,Fuzzy,\n"
                + "https://x.example.int/,d,GET;BREW,Exact,\n"
                + "https://x.example.int/,d,GET\n"
                + "https://x.example.int/ok,d,GET,Exact,fine\n";
        assertThatThrownBy(() -> AllowListCsv.read(new StringReader(csv), Set.of("GET")))
                .isInstanceOfSatisfying(AllowListCsv.CsvException.class, e -> assertThat(e.problems())
                        .extracting(AllowListCsv.Problem::line).containsExactly(2, 3, 4, 5));
    }

    @Test
    void wrongHeaderOrEmptyFile() {
        assertThatThrownBy(() -> AllowListCsv.read(new StringReader("Url,Methods\n"), Set.of("GET")))
                .hasMessageContaining("line 1: the header must be Url,Deployment,HttpMethods,MatchType,Description");
        assertThatThrownBy(() -> AllowListCsv.read(new StringReader(""), Set.of("GET"))).hasMessageContaining("empty");
    }

    @Test
    void quotedFields() {
        assertThat(AllowListCsv.fields("a,\"b,c\",\"d \"\"e\"\"\",")).containsExactly("a", "b,c", "d \"e\"", "");
        assertThatThrownBy(() -> AllowListCsv.fields("\"open")).isInstanceOf(IllegalArgumentException.class);
    }
}
