package io.mraedge.http.edge;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the edge authenticates clients (YAML {@code http.auth}).
 *
 * @param tokenKeyFile                the HMAC key file every edge of the cluster shares
 *                                    ({@code token-key-file}, required); see
 *                                    {@link io.mraedge.http.auth.TokenKeys}
 * @param credentialsRefreshInterval  lifetime of an X-Auth token ({@code credentials-refresh-interval},
 *                                    default 480 min, the product's default)
 * @param cookieDomain                the {@code Domain} of the X-Auth cookie without the leading dot
 *                                    ({@code cookie-domain}; default: the edge's public name less its
 *                                    first label, so {@code expe1.example.com} gives {@code example.com})
 * @param maxAuthorizations           authorizations (Basic credential checks) allowed per user per
 *                                    period ({@code rate-control.max-authorizations}, default 30)
 * @param ratePeriod                  the rate-control period ({@code rate-control.period}, default 60 s)
 * @param verifyTimeout               how long the edge waits for the connector to verify credentials
 *                                    or build the edge config ({@code control-timeout}, default 15 s)
 */
public record AuthSettings(Path tokenKeyFile, Duration credentialsRefreshInterval, String cookieDomain,
                           int maxAuthorizations, Duration ratePeriod, Duration verifyTimeout) {
    public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(480);
    /**
     * Not published for the product. 30 a minute lets a user's several devices log in and a
     * client retry a few times, and still stops one account from being hammered from many
     * sources (the per-source auth-failure ban handles one source).
     */
    public static final int DEFAULT_MAX_AUTHORIZATIONS = 30;
    public static final Duration DEFAULT_RATE_PERIOD = Duration.ofSeconds(60);
    public static final Duration DEFAULT_VERIFY_TIMEOUT = Duration.ofSeconds(15);

    public AuthSettings {
        Objects.requireNonNull(tokenKeyFile, "tokenKeyFile");
        Objects.requireNonNull(cookieDomain, "cookieDomain");
        if (credentialsRefreshInterval.isNegative() || credentialsRefreshInterval.isZero() || maxAuthorizations < 1
                || ratePeriod.isZero() || verifyTimeout.isZero()) {
            throw new IllegalArgumentException("auth settings out of range");
        }
    }
}
