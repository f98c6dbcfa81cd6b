package io.mraedge.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mra-edge status [--admin URL] [--json]}: a running node's status from its admin API
 * ({@code GET /status}), as a short summary ({@link StatusSummary}) or, with {@code --json}, the
 * document itself for scripts. Exit 0; 1 when the admin API cannot be reached or answers
 * something else than a status document.
 */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = {"Show a running node's status from its admin API: role, name, version, uptime, maintenance,"
                + " services with their flows, connectors (edge) or edges (connector) with their state, RTT and"
                + " links, registrations, bans and configuration warnings.",
                "Exit status 0; 1 when the admin API cannot be reached."})
final class StatusCommand implements Callable<Integer> {

    @Mixin
    private AdminClientOptions admin;

    @Option(names = "--json", description = "Print the status document as the admin API sends it (JSON), for scripts.")
    private boolean json;

    @Override
    public Integer call() {
        return admin.run((client, out) -> {
            AdminReply reply = client.get("/status");
            if (reply.status() != 200) {
                throw reply.unexpected();
            }
            JsonNode status = reply.json(); // also when printing it raw: it must be a status document
            if (json) {
                out.println(reply.body().strip());
            } else {
                StatusSummary.lines(status).forEach(out::println);
            }
            return Main.OK;
        });
    }
}
