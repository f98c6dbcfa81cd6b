package io.mraedge.http.connector;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Ticker;
import io.mraedge.core.plugin.ConnectorContext;
import io.mraedge.core.plugin.StreamService;
import io.mraedge.http.HttpTraversal;
import io.mraedge.http.allowlist.AllowList;
import io.mraedge.http.allowlist.AllowListJson;
import io.mraedge.http.auth.CredentialCache;
import io.mraedge.http.auth.CredentialVerifier;
import io.mraedge.http.auth.StaticCredentialVerifier;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connector's side of the HTTP plugin, assembled from its {@code http:} section: the proxy
 * stream service with its pooled upstream client, the two control services, the credential
 * verifier behind its cache, and the {@code http} status section that carries the allow list to
 * every edge (ARCHITECTURE.md, "HTTP (8443)").
 *
 * <p>Blocking work runs on two small daemon executors made here: name resolution and password
 * hashing. They, the credential clean-up task and the TLS context end with the connector's
 * event loops.
 */
public final class HttpConnectorServices {
    private static final Logger log = LoggerFactory.getLogger(HttpConnectorServices.class);

    private final CredentialCache credentials;
    private final UpstreamPool pool;
    private final List<StreamService> services;

    private HttpConnectorServices(CredentialCache credentials, UpstreamPool pool, List<StreamService> services) {
        this.credentials = credentials;
        this.pool = pool;
        this.services = services;
    }

    /** Builds the services; {@code ticker} drives the credential cache (tests advance it). */
    public static HttpConnectorServices create(ConnectorContext connector, HttpConnectorConfig config, Ticker ticker)
            throws IOException {
        ExecutorService resolver = executor("http-resolve", 4, 1024);
        SslContext tls = UpstreamTls.context(config.upstream());
        UpstreamPool pool = new UpstreamPool(connector.transport(), config.upstream(), config.connectAddresses(), tls,
                resolver);
        CredentialVerifier verifier;
        ExecutorService hashing = null;
        if (config.verifier().kind() == VerifierSettings.Kind.STATIC) {
            hashing = executor("http-credentials", 2, 256);
            verifier = new StaticCredentialVerifier(config.verifier().credentialsFile(), hashing);
        } else {
            verifier = new UdsCredentialVerifier(config, pool, connector.transport().workers());
        }
        CredentialCache cache = new CredentialCache(verifier, config.credentialsRefreshInterval(), ticker);
        long cleanup = config.cleanupInterval().toNanos();
        var cleanupTask = connector.transport().workers().next()
                .scheduleAtFixedRate(cache::cleanUp, cleanup, cleanup, TimeUnit.NANOSECONDS);
        ExecutorService hashingExecutor = hashing;
        connector.transport().workers().terminationFuture().addListener(f -> {
            cleanupTask.cancel(false);
            resolver.shutdownNow();
            if (hashingExecutor != null) {
                hashingExecutor.shutdownNow();
            }
            ReferenceCountUtil.release(tls);
        });

        AllowList allowList = config.allowList();
        ObjectNode section = statusSection(config, allowList);
        connector.status().section(HttpTraversal.STATUS_SECTION, () -> section);
        Set<String> domains = config.domains().stream().map(ServiceDomain::name).collect(Collectors.toSet());
        log.info("connector {}: HTTP proxy for {} with {} allow-list rule(s), {} verifier",
                connector.config().name(), domains, allowList.rules().size(), config.verifier().kind());
        List<StreamService> services = List.of(
                new ProxyStreamService(allowList, pool),
                new AuthControlService(cache, domains),
                new EdgeConfigControlService(config));
        return new HttpConnectorServices(cache, pool, services);
    }

    public List<StreamService> services() {
        return services;
    }

    public CredentialCache credentials() {
        return credentials;
    }

    public UpstreamPool pool() {
        return pool;
    }

    /**
     * {@code {"revision": "…", "allow-list": [...], "domains": [...]}}; the revision is a hash of
     * the rules, so an edge parses them only when they change.
     */
    static ObjectNode statusSection(HttpConnectorConfig config, AllowList allowList) {
        ObjectNode section = JsonNodeFactory.instance.objectNode();
        var rules = AllowListJson.write(allowList.rules());
        section.put("revision", revision(rules.toString()));
        section.set("allow-list", rules);
        var domains = section.putArray("domains");
        config.domains().forEach(d -> domains.add(d.name()));
        return section;
    }

    private static String revision(String rules) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(rules.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ExecutorService executor(String name, int threads, int queue) {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queue), new DefaultThreadFactory(name, true));
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
