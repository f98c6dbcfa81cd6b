package io.mraedge.media.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class ProbeCodecTest {

    @Test
    void encodesAndReadsAProbe() {
        RelayToken token = RelayToken.random(new SecureRandom());
        ByteBuf probe = ProbeCodec.encode(UnpooledByteBufAllocator.DEFAULT, token, ProbeCodec.RTCP);
        try {
            assertThat(probe.readableBytes()).isEqualTo(21);
            assertThat(probe.getByte(0)).isEqualTo((byte) 'M');
            assertThat(probe.getByte(3)).isEqualTo((byte) '1');
            assertThat(ProbeCodec.isProbe(probe)).isTrue();
            assertThat(ProbeCodec.hasToken(probe, token)).isTrue();
            assertThat(ProbeCodec.hasToken(probe, new RelayToken(token.high(), ~token.low()))).isFalse();
            assertThat(ProbeCodec.token(probe)).isEqualTo(token);
            assertThat(ProbeCodec.component(probe)).isEqualTo(1);
            assertThat(probe.readerIndex()).isZero();
        } finally {
            probe.release();
        }
    }

    @Test
    void mediaAndShortOrLongDatagramsAreNotProbes() {
        byte[] rtp = new byte[21];
        rtp[0] = (byte) 0x80;
        assertThat(ProbeCodec.isProbe(Unpooled.wrappedBuffer(rtp))).isFalse();
        assertThat(ProbeCodec.isProbe(Unpooled.wrappedBuffer("MRA1".getBytes()))).isFalse();
        assertThat(ProbeCodec.isProbe(Unpooled.EMPTY_BUFFER)).isFalse();
        ByteBuf longer = Unpooled.buffer(22).writeInt(ProbeCodec.MAGIC).writeZero(18);
        assertThat(ProbeCodec.isProbe(longer)).isFalse();
    }

    @Test
    void tokensAre32LowerCaseHexDigits() {
        RelayToken token = new RelayToken(0x0123456789abcdefL, 0xfedcba9876543210L);
        assertThat(token.hex()).isEqualTo("0123456789abcdeffedcba9876543210");
        assertThat(RelayToken.parse(token.hex())).isEqualTo(token);
        assertThat(RelayToken.parse("0123456789ABCDEFFEDCBA9876543210")).isEqualTo(token);
        assertThat(token.toString()).doesNotContain(token.hex());
        assertThatThrownBy(() -> RelayToken.parse("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RelayToken.parse("g123456789abcdeffedcba9876543210"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RelayToken.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
