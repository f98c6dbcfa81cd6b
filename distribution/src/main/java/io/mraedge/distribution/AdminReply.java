package io.mraedge.distribution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.Optional;

/**
 * One answer of the admin API, as {@link AdminClient} received it (401 never gets here).
 *
 * @param uri    what was asked, for messages
 * @param status the HTTP status code
 * @param body   the body as text
 */
record AdminReply(URI uri, int status, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The body as JSON; an answer that is not JSON means --admin points at something else. */
    JsonNode json() throws AdminCallException {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw AdminCallException.failed("the answer from " + uri + " (HTTP " + status + ") is not JSON;"
                    + " does --admin point at an mra-edge admin API? It begins: " + firstLine());
        }
    }

    /** An answer no command expected, as one line: status and what the API said. */
    AdminCallException unexpected() {
        return AdminCallException.failed("the admin API answered HTTP " + status + " to " + uri + ": " + detail());
    }

    /** The body as JSON, or empty when it is not JSON (the plain-text 404 of an unknown path). */
    Optional<JsonNode> jsonIfAny() {
        try {
            return Optional.of(JSON.readTree(body));
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    /** The API's {@code error} text when the body is JSON with one, else the body's first line. */
    String detail() {
        return jsonIfAny().map(json -> json.path("error")).filter(JsonNode::isTextual).map(JsonNode::asText)
                .orElseGet(this::firstLine);
    }

    private String firstLine() {
        String line = body.strip().lines().findFirst().orElse("(empty body)");
        return line.length() > 120 ? line.substring(0, 120) + "..." : line;
    }
}
