package io.mraedge.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code mra-edge bans [--admin URL] [--remove ADDR] [--token-file FILE]}: the edge's active
 * intrusion-protection bans as a table ({@code GET /bans}), or lifts every ban of one address
 * ({@code DELETE /bans/ADDR}). Exit 0; 1 when the admin API cannot be reached, wants a token,
 * is a connector's (connectors keep no bans), or ADDR has no ban to lift; 2 when ADDR is not an
 * IP address.
 */
@Command(name = "bans",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = {"List the edge's intrusion-protection bans (address, port, category, since, until; times in"
                + " UTC), or lift every ban of one address with --remove.",
                "Exit status 0; 1 when the admin API cannot be reached or refuses the token, or ADDR has no ban;"
                + " 2 when ADDR is not an IP address."})
final class BansCommand implements Callable<Integer> {

    @Mixin
    private AdminClientOptions admin;

    @Option(names = "--remove", paramLabel = "ADDR",
            description = "Lift every ban of this IP address (all ports and categories) instead of listing.")
    private String remove;

    @Override
    public Integer call() {
        return admin.run((client, out) -> remove == null ? list(client, out) : lift(client, out));
    }

    private static int list(AdminClient client, PrintWriter out) throws AdminCallException {
        AdminReply reply = client.get("/bans");
        if (reply.status() == 404) {
            throw noBans(client);
        }
        if (reply.status() != 200) {
            throw reply.unexpected();
        }
        JsonNode bans = reply.json();
        if (bans.isEmpty()) {
            out.println("no bans");
            return Main.OK;
        }
        TextTable table = new TextTable().row("ADDRESS", "PORT", "CATEGORY", "SINCE", "UNTIL");
        for (JsonNode ban : bans) {
            table.row(ban.path("address").asText(), ban.path("port").asText(), ban.path("category").asText(),
                    instant(ban.path("since").asText()), instant(ban.path("until").asText()));
        }
        table.lines().forEach(out::println);
        return Main.OK;
    }

    private int lift(AdminClient client, PrintWriter out) throws AdminCallException {
        // Percent-encoded: an IPv6 literal's colons and brackets; the node decodes the path.
        AdminReply reply = client.delete("/bans/" + URLEncoder.encode(remove, StandardCharsets.UTF_8));
        switch (reply.status()) {
            case 200 -> {
                long lifted = reply.json().path("lifted").asLong();
                out.println("lifted " + lifted + (lifted == 1 ? " ban of " : " bans of ") + remove);
                return Main.OK;
            }
            case 400 -> throw new AdminCallException(Main.BAD_CONFIG, reply.detail());
            case 404 -> {
                // The node's "nothing lifted" is JSON with a count; a plain 404 means no bans API at all.
                if (reply.jsonIfAny().filter(json -> json.has("lifted")).isPresent()) {
                    throw AdminCallException.failed(remove + " has no ban to lift");
                }
                throw noBans(client);
            }
            default -> throw reply.unexpected();
        }
    }

    private static AdminCallException noBans(AdminClient client) {
        return AdminCallException.failed("the node at " + client.base() + " keeps no bans (a connector?);"
                + " bans are on the edge's admin API");
    }

    /** An ISO instant to the second, e.g. {@code 2024-05-01T10:15:30Z}; what the API sent if not one. */
    private static String instant(String text) {
        try {
            return Instant.parse(text).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            return text;
        }
    }
}
