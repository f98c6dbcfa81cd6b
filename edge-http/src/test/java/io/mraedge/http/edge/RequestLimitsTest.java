package io.mraedge.http.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.core.protection.ProtectionCategory;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every configured limit, on Netty's decoder as the edge configures it (EmbeddedChannel) and on
 * h2-shaped requests: 414, 431, 413, 400, each a protocol violation, and a request just within
 * every limit passes.
 */
class RequestLimitsTest {
    private final HttpLimits limits = new HttpLimits(256, 512, 8, 1000, 64, Duration.ofSeconds(60), 10, 65_535);
    private final RequestChecks checks = new RequestChecks(limits);

    private Optional<RequestRefusal> decode(String head) {
        EmbeddedChannel ch = new EmbeddedChannel(new HttpServerCodec(limits.decoderConfig()));
        try {
            ch.writeInbound(Unpooled.copiedBuffer(head, StandardCharsets.US_ASCII));
            HttpRequest request = ch.readInbound();
            assertThat(request).as("the decoder produced a request").isNotNull();
            return checks.check(request, false);
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void withinEveryLimit() {
        String head = "GET /" + "a".repeat(200) + " HTTP/1.1\r\nHost: x\r\n" + "X-A: 1\r\n".repeat(6) + "\r\n";
        assertThat(decode(head)).isEmpty();
    }

    @Test
    void requestLineTooLongIs414() {
        assertRefused(decode("GET /" + "a".repeat(300) + " HTTP/1.1\r\nHost: x\r\n\r\n"),
                HttpResponseStatus.REQUEST_URI_TOO_LONG);
    }

    @Test
    void headersTooLargeIs431() {
        assertRefused(decode("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(600) + "\r\n\r\n"),
                HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
    }

    @Test
    void tooManyHeadersIs431() {
        assertRefused(decode("GET / HTTP/1.1\r\nHost: x\r\n" + "X-A: 1\r\n".repeat(8) + "\r\n"),
                HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
    }

    @Test
    void bodyTooLargeIs413() {
        assertRefused(decode("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1001\r\n\r\n"),
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
        assertThat(checks.bodyTooLarge(1001).status()).isEqualTo(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
    }

    @Test
    void malformedRequestsAre400() {
        assertRefused(decode("GET / HTTP/1.1\r\n\r\n"), HttpResponseStatus.BAD_REQUEST); // no Host
        assertRefused(decode("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n"), HttpResponseStatus.BAD_REQUEST);
        assertRefused(decode("GET / HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n"), HttpResponseStatus.BAD_REQUEST);
        assertRefused(decode("TRACE / HTTP/1.1\r\nHost: x\r\n\r\n"), HttpResponseStatus.METHOD_NOT_ALLOWED);
    }

    @Test
    void h2RequestsAreMeasuredHere() {
        HttpRequest longPath = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/" + "p".repeat(300));
        assertRefused(checks.check(longPath, true), HttpResponseStatus.REQUEST_URI_TOO_LONG);
        HttpRequest bigHeaders = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        bigHeaders.headers().set("x-big", "b".repeat(500));
        assertRefused(checks.check(bigHeaders, true), HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE);
        HttpRequest fine = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
        assertThat(checks.check(fine, true)).as("h2 has no Host header: :authority").isEmpty();
    }

    private static void assertRefused(Optional<RequestRefusal> refusal, HttpResponseStatus status) {
        assertThat(refusal).isPresent();
        assertThat(refusal.get().status()).isEqualTo(status);
        assertThat(refusal.get().category()).isEqualTo(ProtectionCategory.HTTP_PROXY_PROTOCOL_VIOLATION);
    }
}
