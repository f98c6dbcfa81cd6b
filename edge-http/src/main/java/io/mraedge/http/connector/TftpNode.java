package io.mraedge.http.connector;

import java.util.Objects;

/**
 * A TFTP server whose files clients fetch over HTTP (6970) or HTTPS (6972), usually a Unified CM
 * node (mra-facts.md: {@code /SPDefault.cnf.xml}, {@code /CSF<user>.cnf.xml}).
 *
 * @param host      name used by clients and the allow list, lower case
 * @param address   connect address instead of resolving {@code host}, or null
 * @param httpPort  TFTP over HTTP, default 6970
 * @param httpsPort TFTP over HTTPS, default 6972
 */
public record TftpNode(String host, String address, int httpPort, int httpsPort) {
    public static final int DEFAULT_HTTP_PORT = 6970;
    public static final int DEFAULT_HTTPS_PORT = 6972;

    public TftpNode {
        Objects.requireNonNull(host, "host");
    }
}
