package io.mraedge.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The scalar syntaxes behind the reader's getters: durations, sizes, host:port, suggestions. */
class ValueSyntaxTest {

    @Test
    void durations() throws Exception {
        assertThat(DurationSyntax.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationSyntax.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(DurationSyntax.parse("5 s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(DurationSyntax.parse("10m")).isEqualTo(Duration.ofMinutes(10));
        assertThat(DurationSyntax.parse("8h")).isEqualTo(Duration.ofHours(8));
        assertThat(DurationSyntax.parse("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(DurationSyntax.parse("PT5S")).isEqualTo(Duration.ofSeconds(5));
        assertThat(DurationSyntax.parse("pt1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationSyntax.parse("0s")).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "5  s", "5sec", "s", "1.5s", "5S", "PT", "P1Y", "1h30m", ""})
    void notDurations(String text) {
        assertThatThrownBy(() -> DurationSyntax.parse(text))
                .isInstanceOf(InvalidValueException.class)
                .hasMessage(YamlNode.quote(text) + " is not a duration; write e.g. 500ms, 5s, 10m, 8h or PT5S");
    }

    @Test
    void negativeAndHugeDurations() {
        assertThatThrownBy(() -> DurationSyntax.parse("-PT5S")).hasMessage("must not be negative, got \"-PT5S\"");
        assertThatThrownBy(() -> DurationSyntax.parse("999999999999999999d"))
                .hasMessage("\"999999999999999999d\" is too long a duration");
    }

    @Test
    void durationFormatIsHowAnOperatorWritesIt() {
        assertThat(DurationSyntax.format(Duration.ofSeconds(30))).isEqualTo("30s");
        assertThat(DurationSyntax.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
        assertThat(DurationSyntax.format(Duration.ofHours(48))).isEqualTo("2d");
        assertThat(DurationSyntax.format(Duration.ZERO)).isEqualTo("0s");
        assertThat(DurationSyntax.format(Duration.ofNanos(10))).isEqualTo("PT0.00000001S");
    }

    @Test
    void sizes() throws Exception {
        assertThat(SizeSyntax.parse("65536")).isEqualTo(65_536);
        assertThat(SizeSyntax.parse("512B")).isEqualTo(512);
        assertThat(SizeSyntax.parse("64KiB")).isEqualTo(65_536);
        assertThat(SizeSyntax.parse("1 MiB")).isEqualTo(1 << 20);
        assertThat(SizeSyntax.parse("2GiB")).isEqualTo(2L << 30);
        assertThat(SizeSyntax.checked(BigInteger.valueOf(7), "7")).isEqualTo(7);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1MB", "1kb", "1k", "1KB", "1.5MiB", "MiB", "1 mib", "1TiB"})
    void notSizes(String text) {
        assertThatThrownBy(() -> SizeSyntax.parse(text)).hasMessageStartingWith(
                YamlNode.quote(text) + " is not a size; write plain bytes or use the binary units B, KiB, MiB or GiB");
    }

    @Test
    void negativeAndHugeSizes() {
        assertThatThrownBy(() -> SizeSyntax.parse("-1KiB")).hasMessage("must not be negative, got \"-1KiB\"");
        assertThatThrownBy(() -> SizeSyntax.parse("9999999999GiB")).hasMessage("\"9999999999GiB\" is too large a size");
    }

    @Test
    void hostPorts() throws Exception {
        assertThat(HostPort.parse("edge.example.int:7001", HostPort.NO_DEFAULT_PORT, 1))
                .isEqualTo(new HostPort("edge.example.int", 7001));
        assertThat(HostPort.parse("10.0.0.1:0", HostPort.NO_DEFAULT_PORT, 0)).isEqualTo(new HostPort("10.0.0.1", 0));
        assertThat(HostPort.parse("[2001:db8::1]:443", HostPort.NO_DEFAULT_PORT, 1))
                .isEqualTo(new HostPort("2001:db8::1", 443));
        assertThat(HostPort.parse("[::1]", 7001, 1)).isEqualTo(new HostPort("::1", 7001));
        assertThat(HostPort.parse("edge", 7001, 1)).isEqualTo(new HostPort("edge", 7001));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nonsense", "host:", ":7001", "host:port", "[edge]:7001", "[::1]x", "under_score:1",
        "edge..example:1", "-edge:1", "10.0.0.300:1"})
    void notHostPorts(String text) {
        assertThatThrownBy(() -> HostPort.parse(text, HostPort.NO_DEFAULT_PORT, 0))
                .hasMessageStartingWith(YamlNode.quote(text) + " is not host:port");
    }

    @Test
    void ipLiteralsNeverAskDns() {
        assertThat(HostSyntax.ipLiteral("192.0.2.1")).isPresent();
        assertThat(HostSyntax.ipLiteral("2001:db8::1")).isPresent();
        assertThat(HostSyntax.ipLiteral("[2001:db8::1]")).isPresent();
        assertThat(HostSyntax.ipLiteral("256.0.0.1")).isEmpty();
        assertThat(HostSyntax.ipLiteral("zz::1")).isEmpty();
        assertThat(HostSyntax.ipLiteral("localhost")).isEmpty();
        assertThat(HostSyntax.ipLiteral("10.1")).isEmpty();
    }

    @Test
    void suggestions() {
        assertThat(KeySuggestions.distance("ping-intervall", "ping-interval")).isEqualTo(1);
        assertThat(KeySuggestions.distance("pnig-misses", "ping-misses")).isEqualTo(1);
        assertThat(KeySuggestions.closest("stream-windw", java.util.List.of("listen", "stream-window")))
                .contains("stream-window");
        assertThat(KeySuggestions.closest("loglevel", java.util.List.of("name", "tls"))).isEmpty();
    }
}
