package io.mraedge.distribution;

import io.mraedge.core.Version;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * The admin API of a running node as the admin commands call it: plain HTTP/1.1 requests with
 * {@link java.net.http.HttpClient}, {@value #TIMEOUT_SECONDS} s to connect and
 * {@value #TIMEOUT_SECONDS} s to answer, the bearer token on every request when there is one.
 * Whatever keeps a call from getting an answer it can use (the node not reachable, a 401)
 * becomes an {@link AdminCallException} whose message says what to do; every other answer
 * goes back to the command as an {@link AdminReply}.
 */
final class AdminClient {
    static final int TIMEOUT_SECONDS = 10;
    static final Duration TIMEOUT = Duration.ofSeconds(TIMEOUT_SECONDS);
    /** Logged by the node with each maintenance switch, so the log says who switched it. */
    static final String USER_AGENT = "mra-edge-cli/" + Version.get();

    /**
     * The token the admin API wants, and the file it came from (named in messages, never the
     * token itself).
     */
    record Token(Path file, String value) {
        @Override
        public String toString() {
            return "Token[" + file + "]";
        }
    }

    private final URI base;
    private final Optional<Token> token;
    private final HttpClient http;

    /**
     * @param base  the admin URL, e.g. {@code http://127.0.0.1:9090}; a path in it (a reverse
     *              proxy's prefix) is kept in front of every request's path
     * @param token the bearer token, if the operator gave one
     */
    AdminClient(URI base, Optional<Token> token) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // the admin server speaks HTTP/1.1; no h2c upgrade
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    AdminReply get(String path) throws AdminCallException {
        return send("GET", path);
    }

    AdminReply post(String path) throws AdminCallException {
        return send("POST", path);
    }

    AdminReply delete(String path) throws AdminCallException {
        return send("DELETE", path);
    }

    /** The admin URL, for messages. */
    URI base() {
        return base;
    }

    private AdminReply send(String method, String path) throws AdminCallException {
        URI uri = resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("User-Agent", USER_AGENT)
                .header("Accept", "application/json")
                .method(method, HttpRequest.BodyPublishers.noBody());
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t.value()));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw AdminCallException.failed("cannot reach the admin API at " + base + ": " + unreachable(e)
                    + "; is the node running, and is --admin its admin.listen?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AdminCallException.failed("interrupted while waiting for " + uri);
        }
        if (response.statusCode() == 401) {
            throw unauthorized();
        }
        return new AdminReply(uri, response.statusCode(), response.body());
    }

    private AdminCallException unauthorized() {
        return AdminCallException.failed(token
                .map(t -> "the admin API refused the token in " + t.file()
                        + ": pass --token-file with the file the node's admin.token-file names")
                .orElse("the admin API wants a token: pass --token-file FILE (the file the node's admin.token-file"
                        + " names)"));
    }

    private URI resolve(String path) {
        String prefix = base.toString();
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return URI.create(prefix + path);
    }

    /**
     * Why no answer came, in a few words. java.net.http wraps the socket's failure, often in an
     * exception without a message, so the cause chain is searched for the telling one.
     */
    static String unreachable(IOException e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "no connection within " + TIMEOUT_SECONDS + " s";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer within " + TIMEOUT_SECONDS + " s";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnresolvedAddressException) {
                return "unknown host";
            }
            if (t instanceof ConnectException && t.getMessage() != null) {
                return t.getMessage().toLowerCase(Locale.ROOT);
            }
        }
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
