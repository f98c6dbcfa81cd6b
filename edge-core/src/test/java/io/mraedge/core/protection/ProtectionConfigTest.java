package io.mraedge.core.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.mraedge.core.config.ConfigException;
import io.mraedge.core.config.ConfigLoader;
import io.mraedge.core.config.ConfigProblem;
import io.mraedge.core.config.EdgeConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code protection} section, read through the real loader as an operator's file would be. */
class ProtectionConfigTest {

    /** A valid edge file of six lines; {@code protection:} starts on line 7. */
    private static final String EDGE = """
            role: edge
            name: edge-1
            tls: {certificate: edge.crt, private-key: edge.key}
            traversal:
              ca: ca.crt
              allowed-connectors: [connector-1.example.int]
            """;

    /** {@code protection} is a core key of the edge's file. */
    private static final ConfigLoader LOADER = ConfigLoader.standard();

    @TempDir
    Path dir;

    @BeforeEach
    void dummyFiles() throws IOException {
        for (String name : List.of("edge.crt", "edge.key", "ca.crt")) {
            Files.writeString(dir.resolve(name), "dummy " + name + "\n");
        }
    }

    @Test
    void emptySectionGivesTheDefaults() throws Exception {
        ProtectionConfig config = parse("protection:\n");

        assertThat(config).isEqualTo(ProtectionConfig.defaults());
        assertThat(config.maxTrackedSources()).isEqualTo(100_000);
        assertThat(config.connectionRate()).isEqualTo(new RateLimitPolicy(100, 20));
        assertThat(config.exemptAll()).isEmpty();
        assertThat(config.categories()).containsOnlyKeys(ProtectionCategory.values());
        assertThat(config.policy(ProtectionCategory.HTTP_PROXY_RESOURCE_ACCESS_FAILURE).enabled()).isFalse();
        assertThat(config.categories().values()).filteredOn(CategoryPolicy::enabled).hasSize(6);
        assertThat(config.policy(ProtectionCategory.TRAVERSAL_AUTH_FAILURE))
                .isEqualTo(new CategoryPolicy(true, 3, Duration.ofSeconds(60), Duration.ofMinutes(15), List.of()));
    }

    @Test
    void fullExample() throws Exception {
        ProtectionConfig config = parse("""
                protection:
                  max-tracked-sources: 50000
                  exemptions: [10.0.0.0/8, "2001:db8::/32"]
                  connection-rate: {per-second: 50, burst: 10}
                  categories:
                    sip-auth-failure: {enabled: true, trigger-level: 7, window: 2m, ban-duration: 1h,
                                       exemptions: [198.51.100.0/24, 192.0.2.9]}
                    http-proxy-resource-access-failure: {enabled: true}
                    xmpp-protocol-violation:
                      enabled: false
                """);

        assertThat(config.maxTrackedSources()).isEqualTo(50_000);
        assertThat(config.exemptAll()).containsExactly(Cidr.parse("10.0.0.0/8"), Cidr.parse("2001:db8::/32"));
        assertThat(config.connectionRate()).isEqualTo(new RateLimitPolicy(50, 10));
        assertThat(config.policy(ProtectionCategory.SIP_AUTH_FAILURE)).isEqualTo(new CategoryPolicy(true, 7,
                Duration.ofMinutes(2), Duration.ofHours(1),
                List.of(Cidr.parse("198.51.100.0/24"), Cidr.parse("192.0.2.9/32"))));
        // Keys a category leaves out keep that category's defaults.
        assertThat(config.policy(ProtectionCategory.HTTP_PROXY_RESOURCE_ACCESS_FAILURE))
                .isEqualTo(new CategoryPolicy(true, 10, Duration.ofSeconds(60), Duration.ofMinutes(10), List.of()));
        assertThat(config.policy(ProtectionCategory.XMPP_PROTOCOL_VIOLATION).enabled()).isFalse();
        assertThat(config.policy(ProtectionCategory.TRAVERSAL_AUTH_FAILURE))
                .isEqualTo(ProtectionCategory.TRAVERSAL_AUTH_FAILURE.defaultPolicy());
        assertThat(config.exempts(ProtectionCategory.SIP_AUTH_FAILURE, CidrTest.ip("198.51.100.3"))).isTrue();
        assertThat(config.exempts(ProtectionCategory.HTTP_PROXY_AUTH_FAILURE, CidrTest.ip("198.51.100.3"))).isFalse();
        assertThat(config.exempts(ProtectionCategory.HTTP_PROXY_AUTH_FAILURE, CidrTest.ip("10.9.9.9"))).isTrue();
    }

    @Test
    void badCidrIsAProblemOnItsKeyPath() {
        assertThat(problems("""
                protection:
                  categories:
                    sip-auth-failure: {exemptions: [198.51.100.0/24, 198.51.100.0/33]}
                """)).containsExactly("protection.categories.sip-auth-failure.exemptions: item 1: "
                + "\"198.51.100.0/33\" is not a valid CIDR prefix: prefix length 33 is out of range 0-32; "
                + "write e.g. 10.0.0.0/8, 2001:db8::/32 or a single address (line 9)");
        assertThat(problems("protection: {exemptions: [edge.example.com]}\n")).containsExactly(
                "protection.exemptions: item 0: \"edge.example.com\" is not a valid CIDR prefix: \"edge.example.com\""
                + " is not an IPv4 or IPv6 address literal; write e.g. 10.0.0.0/8, 2001:db8::/32 or a single address"
                + " (line 7)");
    }

    @Test
    void unknownKeysAreProblems() {
        assertThat(problems("""
                protection:
                  max-tracked: 5
                  categories:
                    sip-auth-failures: {enabled: false}
                    sip-auth-failure: {trigger: 3}
                  connection-rate: {per-second: 10, brust: 5}
                """)).containsExactly(
                "protection.max-tracked: unknown key; allowed here: max-tracked-sources, exemptions, "
                        + "connection-rate, categories (line 8)",
                "protection.categories.sip-auth-failures: unknown key; did you mean sip-auth-failure? (line 10)",
                "protection.categories.sip-auth-failure.trigger: unknown key; allowed here: enabled, trigger-level, "
                        + "window, ban-duration, exemptions (line 11)",
                "protection.connection-rate.brust: unknown key; did you mean burst? (line 12)");
    }

    @Test
    void badValuesAreProblems() {
        assertThat(problems("""
                protection:
                  max-tracked-sources: 10
                  categories:
                    sip-auth-failure: {window: 60, ban-duration: 0s, trigger-level: 101}
                """)).containsExactlyInAnyOrder(
                "protection.max-tracked-sources: must be between 100 and 10000000, got 10 (line 8)",
                "protection.categories.sip-auth-failure.window: \"60\" is not a duration; "
                        + "write e.g. 500ms, 5s, 10m, 8h or PT5S (line 10)",
                "protection.categories.sip-auth-failure.ban-duration: must be greater than 0, got \"0s\" (line 10)",
                "protection.categories.sip-auth-failure.trigger-level: must be between 1 and 100, got 101 (line 10)");
    }

    private ProtectionConfig parse(String section) throws ConfigException {
        return ((EdgeConfig) LOADER.parse(EDGE + section, dir)).protection();
    }

    private List<String> problems(String section) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> LOADER.parse(EDGE + section, dir));
        assertThat(e).as("expected a ConfigException").isNotNull();
        return e.problems().stream().map(ConfigProblem::toString).toList();
    }
}
