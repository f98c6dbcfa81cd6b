package io.mraedge.media.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bounded random inputs with a fixed seed: mutated table bodies and bodies assembled from valid
 * and broken lines. Only {@link SdpException} may escape parsing; a body that parses must
 * rewrite without an exception into a body that parses again.
 */
class SdpFuzzTest {

    private static final long SEED = 0x5D9_2026L;
    private static final int MUTATIONS = 20_000;
    private static final int ASSEMBLED = 10_000;

    /** Bytes that move a mutant between SDP's meaningful forms. */
    private static final String SDP_BYTES = "0123456789 :/.\r\n=amcvIP46-";

    private static final String[] FRAGMENTS = {
        "v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "t=0 0", "c=IN IP4 192.0.2.1", "c=IN IP6 2001:db8::1",
        "c=IN IP4 999.0.0.1", "c=IN IP6 ::ffff:1.2.3.4/2", "c=IN IP4 h.example", "m=audio 5000 RTP/AVP 0 8",
        "m=video 0 RTP/AVP 96", "m=video 5002/2 RTP/SAVP 96", "m=application 5070 UDP/BFCP *", "m=audio 99999 RTP/AVP 0",
        "a=rtcp:5001", "a=rtcp:5001 IN IP6 2001:db8::1", "a=rtcp:x", "a=rtcp-mux", "a=sendrecv",
        "a=candidate:1 1 UDP 2130706431 192.0.2.1 5000 typ host", "a=candidate:1 2 UDP 1 ::1 5001 typ relay raddr ::1 rport 9",
        "a=candidate:1 1", "a=remote-candidates:1 192.0.2.9 5000", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:QUJD|2^31",
        "a=fingerprint:sha-256 AB:CD", "a=x-mra-relay:00", "b=TIAS:64000", "", "x=?", "m=", "c=", "a=", "a=:",
    };

    @Test
    void mutatedBodies() throws Exception {
        Random random = new Random(SEED);
        List<byte[]> seeds = new ArrayList<>();
        for (String name : SdpBodies.NAMES) {
            seeds.add(SdpBodies.load(name + ".sdp"));
        }
        int parsed = 0;
        for (int n = 0; n < MUTATIONS; n++) {
            byte[] body = mutate(seeds.get(random.nextInt(seeds.size())), random);
            parsed += check(body, random) ? 1 : 0;
        }
        assertThat(parsed).as("some mutants still parse").isPositive().isLessThan(MUTATIONS);
    }

    @Test
    void assembledBodies() throws Exception {
        Random random = new Random(SEED + 1);
        int parsed = 0;
        for (int n = 0; n < ASSEMBLED; n++) {
            StringBuilder body = new StringBuilder(random.nextInt(4) == 0 ? "" : "v=0\r\n");
            int lines = random.nextInt(30);
            for (int i = 0; i < lines; i++) {
                body.append(FRAGMENTS[random.nextInt(FRAGMENTS.length)]).append(random.nextBoolean() ? "\r\n" : "\n");
            }
            parsed += check(body.toString().getBytes(StandardCharsets.US_ASCII), random) ? 1 : 0;
        }
        assertThat(parsed).as("some assembled bodies parse").isPositive().isLessThan(ASSEMBLED);
    }

    /** @return whether the body parsed */
    private static boolean check(byte[] body, Random random) throws Exception {
        SessionDescription sdp;
        try {
            sdp = SessionDescription.parse(body, new SdpLimits(8192, 256, 8));
        } catch (SdpException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return false;
        } catch (Throwable t) {
            throw new AssertionError("not an SdpException for body:\n" + SdpBodies.text(body), t);
        }
        SdpEdit.Builder edit = SdpEdit.builder()
                .connection(InetAddress.getByName(random.nextBoolean() ? "203.0.113.9" : "2001:db8::9"))
                .candidates(random.nextBoolean() ? CandidatePolicy.STRIP : CandidatePolicy.REWRITE)
                .removeAttribute("x-mra-relay");
        for (MediaDescription m : sdp.media()) {
            if (random.nextBoolean()) {
                edit.media(m.index(), 30000 + m.index() * 2,
                        random.nextBoolean() ? OptionalInt.of(30001 + m.index() * 2) : OptionalInt.empty());
                edit.addAttribute(m.index(), "x-mra-relay:" + m.index());
            }
        }
        byte[] rewritten = sdp.rewrite(edit.build());
        try {
            assertThat(SessionDescription.parse(rewritten, new SdpLimits(65536, 1024, 8)).media())
                    .hasSameSizeAs(sdp.media());
        } catch (SdpException e) {
            fail("rewritten body does not parse: " + e.getMessage() + "\n" + SdpBodies.text(rewritten));
        }
        return true;
    }

    private static byte[] mutate(byte[] seed, Random random) {
        byte[] body = seed.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && body.length > 0; e++) {
            int at = random.nextInt(body.length);
            switch (random.nextInt(6)) {
                case 0 -> body[at] = (byte) random.nextInt(256);
                case 1 -> body[at] = (byte) SDP_BYTES.charAt(random.nextInt(SDP_BYTES.length()));
                case 2 -> {
                    int end = Math.min(body.length, at + 1 + random.nextInt(40));
                    byte[] cut = new byte[body.length - (end - at)];
                    System.arraycopy(body, 0, cut, 0, at);
                    System.arraycopy(body, end, cut, at, body.length - end);
                    body = cut;
                }
                case 3 -> {
                    byte[] grown = new byte[body.length + 1];
                    System.arraycopy(body, 0, grown, 0, at);
                    grown[at] = (byte) random.nextInt(128);
                    System.arraycopy(body, at, grown, at + 1, body.length - at);
                    body = grown;
                }
                case 4 -> body = Arrays.copyOf(body, at);
                default -> {
                    int from = random.nextInt(body.length);
                    int length = Math.min(random.nextInt(80), body.length - from);
                    byte[] grown = new byte[body.length + length];
                    System.arraycopy(body, 0, grown, 0, at);
                    System.arraycopy(body, from, grown, at, length);
                    System.arraycopy(body, at, grown, at + length, body.length - at);
                    body = grown;
                }
            }
        }
        return body;
    }
}
