package io.mraedge.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A process test's view of a node through its admin {@code /status} JSON: the document, or null
 * while the node does not answer (not listening yet, or gone).
 */
final class AdminProbe {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI status;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    AdminProbe(int adminPort) {
        this.status = URI.create("http://127.0.0.1:" + adminPort + "/status");
    }

    URI uri() {
        return status;
    }

    /** The status document, or null when the node does not answer with one. */
    JsonNode status() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(status).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The edge's entry for the connector called {@code name}, or null when it lists none. */
    static JsonNode connector(JsonNode edgeStatus, String name) {
        if (edgeStatus == null) {
            return null;
        }
        for (JsonNode connector : edgeStatus.path("connectors")) {
            if (name.equals(connector.path("name").asText())) {
                return connector;
            }
        }
        return null;
    }
}
