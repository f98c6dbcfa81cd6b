package io.mraedge.media.ports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PortRangeTest {

    @Test
    void parsesARangeAndASinglePort() {
        PortRange range = PortRange.parse("36002-59999");
        assertThat(range.first()).isEqualTo(36002);
        assertThat(range.last()).isEqualTo(59999);
        assertThat(range.size()).isEqualTo(23998);
        assertThat(range.pairs()).isEqualTo(11999);
        assertThat(range).hasToString("36002-59999").isEqualTo(PortRange.of(36002, 59999));
        assertThat(PortRange.parse(" 36000 ")).isEqualTo(PortRange.of(36000, 36000));
        assertThat(PortRange.parse("36000-36011").pairs()).isEqualTo(6);
        assertThat(PortRange.parse("36001-36004").pairs()).isEqualTo(1);
        assertThat(PortRange.parse("36001-36002").pairs()).isZero();
    }

    @Test
    void refusesWhatIsNotARange() {
        assertThatThrownBy(() -> PortRange.parse("59999-36002")).hasMessageContaining("must not be above");
        assertThatThrownBy(() -> PortRange.parse("0-10")).hasMessageContaining("1-65535");
        assertThatThrownBy(() -> PortRange.parse("1-65536")).hasMessageContaining("1-65535");
        assertThatThrownBy(() -> PortRange.parse("a-b")).hasMessageContaining("36002-59999");
        assertThatThrownBy(() -> PortRange.parse("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PortRange.parse("1-2-3")).isInstanceOf(IllegalArgumentException.class);
    }
}
