package io.mraedge.media.relay;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The driver's side of a {@link MediaRelayProcess}'s line protocol on stdin/stdout: one
 * command per line, one reply line per command, in order. Commands are pipelined in chunks
 * small enough that neither pipe fills while the other side waits.
 */
final class RelayControl {
    private static final int CHUNK = 256;
    private final BufferedWriter out;
    private final BufferedReader in;

    RelayControl(Process p) {
        out = new BufferedWriter(new OutputStreamWriter(p.getOutputStream(), StandardCharsets.US_ASCII));
        in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII));
    }

    /** Waits for the {@code READY} line. */
    String awaitReady() throws IOException {
        String line = in.readLine();
        if (line == null || !line.startsWith("READY")) {
            throw new IOException("relay process did not start: " + line);
        }
        return line;
    }

    /** Sends every command and returns the replies, failing on the first {@code ERR}. */
    List<String[]> call(List<String> commands) throws IOException {
        List<String[]> replies = new ArrayList<>(commands.size());
        for (int from = 0; from < commands.size(); from += CHUNK) {
            int to = Math.min(commands.size(), from + CHUNK);
            for (int i = from; i < to; i++) {
                out.write(commands.get(i));
                out.write('\n');
            }
            out.flush();
            for (int i = from; i < to; i++) {
                String line = in.readLine();
                if (line == null) {
                    throw new IOException("relay process closed its output");
                }
                if (line.startsWith("ERR")) {
                    throw new IOException("relay process: " + line + " (command " + commands.get(i) + ")");
                }
                replies.add(line.split(" "));
            }
        }
        return replies;
    }

    String call(String command) throws IOException {
        return String.join(" ", call(List.of(command)).get(0));
    }
}
