package io.mraedge.core.config;

import static io.mraedge.core.config.ConfigFixtures.problems;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Protocol sections registered with {@link ConfigLoader#withSection}. */
class ConfigSectionTest {

    /** What a protocol module's section might look like. */
    record SipSection(int port, boolean tcp, Duration idleTimeout) {
    }

    private static final SectionParser<SipSection> SIP = section -> {
        int port = section.integer("port", 5061, 1, 65_535);
        boolean tcp = section.bool("tcp", false);
        Duration idleTimeout = section.positiveDuration("idle-timeout", Duration.ofMinutes(5));
        return section.finish(() -> new SipSection(port, tcp, idleTimeout));
    };

    private static final ConfigLoader LOADER = ConfigLoader.standard().withSection(Role.EDGE, "sip", SIP);

    @TempDir
    Path dir;

    @BeforeEach
    void dummyFiles() {
        ConfigFixtures.files(dir);
    }

    @Test
    void registeredSectionIsParsed() throws Exception {
        RoleConfig config = LOADER.parse(ConfigFixtures.EDGE_MINIMAL + "sip: {port: 5062, tcp: yes}\n", dir);

        assertThat(config.sections()).containsOnlyKeys("sip");
        assertThat(config.section("sip", SipSection.class))
                .contains(new SipSection(5062, true, Duration.ofMinutes(5)));
    }

    @Test
    void sectionWithoutValueGetsDefaults() throws Exception {
        RoleConfig config = LOADER.parse(ConfigFixtures.EDGE_MINIMAL + "sip:\n", dir);

        assertThat(config.section("sip", SipSection.class))
                .contains(new SipSection(5061, false, Duration.ofMinutes(5)));
    }

    @Test
    void absentSectionIsEmpty() throws Exception {
        RoleConfig config = LOADER.parse(ConfigFixtures.EDGE_MINIMAL, dir);

        assertThat(config.sections()).isEmpty();
        assertThat(config.section("sip", SipSection.class)).isEmpty();
    }

    @Test
    void unknownKeysOfASectionAreReported() {
        assertThat(problems(LOADER, ConfigFixtures.EDGE_MINIMAL + "sip:\n  prot: 5062\n  transport: tls\n", dir))
                .containsExactly("sip.prot: unknown key; did you mean port? (line 8)",
                        "sip.transport: unknown key; allowed here: port, tcp, idle-timeout (line 9)");
    }

    @Test
    void unknownKeysAreReportedEvenWhenTheParserForgetsToFinish() {
        ConfigLoader loader = ConfigLoader.standard()
                .withSection(Role.EDGE, "xmpp", section -> section.string("domain", "example.com"));

        assertThat(problems(loader, ConfigFixtures.EDGE_MINIMAL + "xmpp: {domian: example.org}\n", dir))
                .containsExactly("xmpp.domian: unknown key; did you mean domain? (line 7)");
    }

    @Test
    void badValuesInASectionAreReportedWithTheRest() {
        assertThat(problems(LOADER, ConfigFixtures.EDGE_MINIMAL.replace("name: edge-1\n", "")
                + "sip: {tcp: maybe, port: 0}\n", dir)).containsExactly(
                "name: required key is missing (line 1)",
                // Problems on one line keep the order the parser read the keys in.
                "sip.port: must be between 1 and 65535, got 0 (line 6)",
                "sip.tcp: expected a boolean (true or false), got \"maybe\" (line 6)");
    }

    @Test
    void aMisspeltSectionKeyIsSuggested() {
        assertThat(problems(LOADER, ConfigFixtures.EDGE_MINIMAL + "sipp: {port: 5062}\n", dir))
                .containsExactly("sipp: unknown key; did you mean sip? (line 7)");
    }

    @Test
    void aSectionBelongsToOneRole() {
        assertThat(problems(LOADER, ConfigFixtures.CONNECTOR_MINIMAL + "sip: {port: 5062}\n", dir))
                .containsExactly("sip: unknown key; allowed here: role, name, tls, traversal, admin, shutdown (line 8)");
    }

    @Test
    void coreKeysAndDuplicatesAreRefused() {
        assertThatThrownBy(() -> ConfigLoader.standard().withSection(Role.EDGE, "traversal", SIP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("\"traversal\" is a core config key, not a section name");
        // Reserved on the connector too, which is going to get an admin endpoint.
        assertThatThrownBy(() -> ConfigLoader.standard().withSection(Role.CONNECTOR, "admin", SIP))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LOADER.withSection(Role.EDGE, "sip", SIP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("section \"sip\" is already registered for the edge");
    }

    @Test
    void withSectionLeavesTheOriginalLoaderAlone() throws Exception {
        ConfigLoader standard = ConfigLoader.standard();
        standard.withSection(Role.EDGE, "sip", SIP);

        assertThat(problems(standard, ConfigFixtures.EDGE_MINIMAL + "sip: {port: 5062}\n", dir))
                .singleElement().asString().startsWith("sip: unknown key;");
    }
}
