package io.mraedge.sip.connector;

import io.mraedge.core.config.ConfigReader;
import io.mraedge.sip.SipConfigs;
import io.mraedge.sip.codec.SipDecoderConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The connector's {@code sip:} section: where Unified CM (or Kamailio) is, and how requests for
 * clients come back.
 *
 * <pre>{@code
 * sip:
 *   target: cucm.example.int:5060     # the SIP server, host:port
 *   transport: tcp                     # tcp | tls
 *   ca: /etc/mra-edge/cucm-ca.pem      # tls: CA bundle the server's certificate must chain to
 *   server-name: cucm.example.int      # tls: name checked in its certificate (default: target host)
 *   inside-listen: 10.0.0.10:5070      # TCP listener for requests toward clients (Path/Record-Route)
 *   inside-address: 10.0.0.10          # host written in Path/Record-Route (default: inside-listen's)
 *   flow-token-secret-file: secret     # HMAC key of flow tokens (default: random per start)
 *   stun-timeout: 2s                   # upstream CRLF pong wait before a STUN check fails
 *   limits: {...}                      # as on the edge
 * }</pre>
 */
public record SipConnectorConfig(String targetHost, int targetPort, boolean tls, Optional<Path> ca,
                                 String serverName, InetSocketAddress insideListen, String insideAddress,
                                 Optional<Path> flowTokenSecretFile, Duration stunTimeout, SipDecoderConfig limits) {
    public SipConnectorConfig {
        Objects.requireNonNull(targetHost);
        Objects.requireNonNull(insideListen);
        Objects.requireNonNull(limits);
    }

    /** The {@link io.mraedge.core.config.SectionParser} of the connector's {@code sip:} section. */
    public static SipConnectorConfig parse(ConfigReader sip) {
        String target = sip.string("target");
        String host = null;
        int port = -1;
        if (target != null) {
            int colon = target.lastIndexOf(':');
            try {
                if (colon <= 0 || target.indexOf(':') != colon) {
                    throw new NumberFormatException();
                }
                host = target.substring(0, colon);
                port = Integer.parseInt(target.substring(colon + 1));
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                sip.problem("target", "expected host:port, e.g. cucm.example.int:5060, got " + target);
            }
        }
        String transport = sip.string("transport", "tcp");
        if (!transport.equals("tcp") && !transport.equals("tls")) {
            sip.problem("transport", "expected tcp or tls, got " + transport);
        }
        boolean tls = transport.equals("tls");
        Optional<Path> ca = sip.has("ca") ? Optional.ofNullable(sip.file("ca")) : Optional.empty();
        if (!sip.has("ca")) {
            sip.optionalString("ca");
        }
        if (tls && ca.isEmpty()) {
            sip.problem("ca", "transport tls needs a CA bundle to verify the server's certificate");
        }
        String serverName = sip.string("server-name", host == null ? "" : host);
        InetSocketAddress inside = sip.socketAddress("inside-listen", new InetSocketAddress("127.0.0.1", 0));
        String insideAddress = sip.string("inside-address",
                inside == null ? "127.0.0.1" : inside.getAddress().getHostAddress());
        Optional<Path> secret = sip.has("flow-token-secret-file")
                ? Optional.ofNullable(sip.file("flow-token-secret-file")) : Optional.empty();
        if (secret.isEmpty()) {
            sip.optionalString("flow-token-secret-file");
        }
        Duration stunTimeout = sip.positiveDuration("stun-timeout", Duration.ofSeconds(2));
        SipDecoderConfig limits = SipConfigs.limits(sip);
        String h = host;
        int p = port;
        return sip.finish(() -> new SipConnectorConfig(h, p, tls, ca, serverName, inside, insideAddress, secret,
                stunTimeout, limits));
    }
}
