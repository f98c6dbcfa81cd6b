package io.mraedge.core.protection;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * One source banned from one listener port, as operators see it in status and the admin API.
 * While it lasts, new connections from {@code source} to {@code port} are closed at accept.
 *
 * @param source   the banned address (IPv4-mapped IPv6 addresses appear as IPv4)
 * @param port     the local listener port the ban covers
 * @param category the failures that caused it
 * @param since    when it was made (wall clock)
 * @param until    when it ends unless lifted earlier (wall clock)
 */
public record Ban(InetAddress source, int port, ProtectionCategory category, Instant since, Instant until) {

    public Ban {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(until, "until");
    }
}
