package io.mraedge.distribution;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code mra-edge maintenance on|off [--admin URL] [--token-file FILE]}: switches a running
 * node's maintenance mode through its admin API ({@code POST /maintenance?enabled=…}) and
 * prints the new setting and each service's state. Exit 0; 1 when the admin API cannot be
 * reached or wants a token; 2 for a word other than on or off.
 */
@Command(name = "maintenance",
        mixinStandardHelpOptions = true,
        versionProvider = Main.VersionProvider.class,
        description = {"Switch a running node's maintenance mode. On: new flows are refused (an edge's outside"
                + " listeners close; a connector tells its edges to route around it), running flows finish, each"
                + " service goes DRAINING then STOPPED. Off: every service is ACTIVE again.",
                "Prints the new setting and each service's state. Exit status 0; 1 when the admin API cannot be"
                + " reached or refuses the token."})
final class MaintenanceCommand implements Callable<Integer> {

    @Mixin
    private AdminClientOptions admin;

    @Parameters(index = "0", paramLabel = "on|off", converter = Setting.Converter.class,
            description = "on: enter maintenance and drain; off: leave it.")
    private Setting setting;

    @Override
    public Integer call() {
        return admin.run((client, out) -> {
            AdminReply reply = client.post("/maintenance?enabled=" + (setting == Setting.ON));
            if (reply.status() != 200) {
                throw reply.unexpected();
            }
            JsonNode answer = reply.json();
            out.println("maintenance " + StatusSummary.maintenance(answer.path("maintenance").asBoolean()));
            TextTable services = StatusSummary.services(answer.path("services"));
            if (services.isEmpty()) {
                out.println("  no services");
            }
            services.lines().forEach(line -> out.println("  " + line));
            return Main.OK;
        });
    }

    /** What the operator asks for, said {@code on} or {@code off}. */
    enum Setting {
        ON, OFF;

        /** Lower case only, as the help shows it. */
        static final class Converter implements ITypeConverter<Setting> {
            @Override
            public Setting convert(String value) {
                return switch (value) {
                    case "on" -> ON;
                    case "off" -> OFF;
                    default -> throw new TypeConversionException("say on or off, not '" + value + "'");
                };
            }
        }
    }
}
