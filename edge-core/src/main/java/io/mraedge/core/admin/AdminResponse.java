package io.mraedge.core.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;

/**
 * What an admin route answers: status code, content type and body.
 *
 * @param status HTTP status code
 * @param contentType media type of {@code body}
 * @param body the bytes to send
 */
public record AdminResponse(int status, String contentType, byte[] body) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** A JSON answer; {@code value} is anything Jackson can write (maps, lists, records). */
    public static AdminResponse json(int status, Object value) {
        try {
            return new AdminResponse(status, "application/json", JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write admin JSON", e);
        }
    }

    /** A plain-text answer. */
    public static AdminResponse text(int status, String text) {
        return new AdminResponse(status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
