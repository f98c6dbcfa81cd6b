package io.mraedge.http.lab;

import io.mraedge.http.auth.CredentialsFile;
import io.mraedge.http.auth.TokenKeys;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What {@code mra-edge lab} needs for HTTPS 8443: the lab's token key and static credentials
 * file (made once, kept on later runs), the {@code http:} sections of the lab's two config files,
 * and the curl lines it prints. The lab's UC node is {@link LabUcBackend}.
 *
 * <p>Lab only: a fixed user and password ({@value #USER} / {@value #PASSWORD}) on loopback, with
 * the lab's throw-away CA.
 */
public final class LabHttp {
    /** The lab's service domain (clients put it base64-encoded in every URL). */
    public static final String DOMAIN = "lab.mra-edge.test";
    public static final String USER = "labuser";
    public static final String PASSWORD = "lab-password";
    public static final String TOKEN_KEY_FILE = "token.key";
    public static final String CREDENTIALS_FILE = "users.txt";
    public static final int EDGE_PORT = 8443;

    private LabHttp() {
    }

    /**
     * Makes {@value #TOKEN_KEY_FILE} and {@value #CREDENTIALS_FILE} (with {@value #USER}) in
     * {@code labDir} when they are missing; returns the names of the files it made.
     */
    public static List<String> prepareFiles(Path labDir) throws IOException {
        List<String> made = new ArrayList<>();
        if (!Files.exists(labDir.resolve(TOKEN_KEY_FILE))) {
            TokenKeys.generate(labDir.resolve(TOKEN_KEY_FILE));
            made.add(TOKEN_KEY_FILE);
        }
        if (!Files.exists(labDir.resolve(CREDENTIALS_FILE))) {
            CredentialsFile.add(labDir.resolve(CREDENTIALS_FILE), USER, PASSWORD.toCharArray());
            made.add(CREDENTIALS_FILE);
        }
        return made;
    }

    /** The edge's {@code http:} section (paths relative to the lab directory). */
    public static String edgeSection() {
        return """

                # HTTPS 8443: get_edge_config and the UDS/TFTP proxy (edge-http). Lab user: %s / %s.
                http:
                  listen-port: %d
                  service-domains: [%s]
                  auth:
                    token-key-file: %s
                """.formatted(USER, PASSWORD, EDGE_PORT, DOMAIN, TOKEN_KEY_FILE);
    }

    /**
     * The connector's {@code http:} section: the lab UC backend as the domain's Unified CM and TFTP
     * server on 127.0.0.1, users from {@value #CREDENTIALS_FILE}, the lab CA as trust store.
     */
    public static String connectorSection(String caCertFile, int udsPort, int tftpPort) {
        return """

                # HTTPS 8443, inside: the lab's sample UC backend (LabUcBackend) and static users.
                http:
                  domains:
                    - name: %s
                      unified-cm:
                        - {host: %s, address: 127.0.0.1, port: %d}
                      tftp:
                        - {host: %s, address: 127.0.0.1, http-port: %d}
                  verifier: {type: static, credentials-file: %s}
                  upstream: {trust-store: %s}
                """.formatted(DOMAIN, LabUcBackend.HOST, udsPort, LabUcBackend.HOST, tftpPort, CREDENTIALS_FILE,
                caCertFile);
    }

    /** {@value #DOMAIN} as it appears in URLs: base64 without padding. */
    public static String encodedDomain() {
        return Base64.getEncoder().withoutPadding().encodeToString(DOMAIN.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The curl commands the lab prints: get_edge_config, then one UDS resource through the edge.
     *
     * @param edgeHost the edge's name on its certificate, e.g. {@code localhost}
     * @param caCert   path of the lab CA, as the reader will type it
     */
    public static List<String> curlLines(String edgeHost, int edgePort, String caCert, int udsPort) {
        String base = "https://" + edgeHost + ":" + edgePort + "/" + encodedDomain();
        String auth = "curl --cacert " + caCert + " -u " + USER + ":" + PASSWORD + " ";
        return List.of(
                auth + "'" + base + "/get_edge_config?service_name=_cisco-uds&service_name=_cuplogin'",
                auth + "'" + base + "/https/" + LabUcBackend.HOST + "/" + udsPort + "/cucm-uds/user/" + USER
                        + "/devices'");
    }
}
