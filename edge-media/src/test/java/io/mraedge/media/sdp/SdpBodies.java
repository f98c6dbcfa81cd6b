package io.mraedge.media.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Test bodies under {@code src/test/resources/sdp/} and a line splitter that keeps terminators. */
final class SdpBodies {

    static final String[] NAMES = {
        "jabber-av-bfcp", "webrtc-dtls", "ce-multi-video", "port-zero", "ipv6-only", "lf-only", "session-c-only",
    };

    private SdpBodies() {
    }

    static byte[] load(String resource) {
        try (InputStream in = SdpBodies.class.getResourceAsStream("/sdp/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource sdp/" + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Each line with its own terminator (CRLF, LF or none), in order. */
    static List<String> linesWithTerminators(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                lines.add(text.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    static byte[] crlf(String... lines) {
        return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }
}
