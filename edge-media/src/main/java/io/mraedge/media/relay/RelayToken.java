package io.mraedge.media.relay;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The 128-bit secret that ties a connector's probes to one edge stream. The edge draws it from
 * a {@link SecureRandom} at allocation; SDP toward the inside carries it as 32 lower-case hex
 * digits ({@code a=x-mra-relay:}); a probe carries it as 16 bytes.
 */
record RelayToken(long high, long low) {

    static RelayToken random(SecureRandom random) {
        return new RelayToken(random.nextLong(), random.nextLong());
    }

    /**
     * @throws IllegalArgumentException unless {@code hex} is 32 hex digits
     */
    static RelayToken parse(String hex) {
        if (hex == null || hex.length() != 32) {
            throw new IllegalArgumentException("a relay token is 32 hex digits, got " + describe(hex));
        }
        try {
            return new RelayToken(HexFormat.fromHexDigitsToLong(hex, 0, 16), HexFormat.fromHexDigitsToLong(hex, 16, 32));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a relay token is 32 hex digits, got " + describe(hex));
        }
    }

    String hex() {
        return HexFormat.of().toHexDigits(high) + HexFormat.of().toHexDigits(low);
    }

    private static String describe(String hex) {
        return hex == null ? "nothing" : hex.length() + " characters";
    }

    @Override
    public String toString() {
        // The token is a secret; logs get a prefix only.
        return "RelayToken[" + hex().substring(0, 4) + "…]";
    }
}
