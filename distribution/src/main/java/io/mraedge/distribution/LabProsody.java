package io.mraedge.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab's IM&P stand-in: a local Prosody, when {@code prosody} and {@code prosodyctl} are on
 * the PATH. Its files live in {@code DIR/prosody/}: the config ({@code prosody.cfg.lua},
 * rewritten on every run, as the lab owns it), the certificate for {@link #DOMAIN} from the lab
 * CA ({@link LabPki}), its data ({@code data/}, the registered users), its log and pid file.
 *
 * <p>Prosody listens on 127.0.0.1 only, on {@link #C2S_PORT} (STARTTLS, encryption required):
 * the lab connector dials it there and verifies its certificate with the lab CA, while clients
 * use the edge's 5222/5223. {@link #USERS} are registered on every start with their fixed lab
 * passwords ({@code prosodyctl register}, which also resets a changed password).
 *
 * <p>Prosody runs in the foreground as a child of the lab and is stopped by its PID
 * ({@link #close()}: SIGTERM, then SIGKILL after {@link LabChildProcess#STOP_TIMEOUT}).
 */
final class LabProsody implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LabProsody.class);

    /** The lab's presence domain: one Prosody VirtualHost, named in the edge certificate too. */
    static final String DOMAIN = "example.com";
    /** Prosody's client port, on 127.0.0.1; not 5222, which the edge takes. */
    static final int C2S_PORT = 15222;
    /** The lab users and their fixed passwords: a throw-away lab, loopback only. */
    static final Map<String, String> USERS = users();

    static final String DIR = "prosody";
    static final String CONFIG = DIR + "/prosody.cfg.lua";
    static final String CERT = DIR + "/" + DOMAIN + ".crt";
    static final String KEY = DIR + "/" + DOMAIN + ".key";
    static final String PID_FILE = DIR + "/prosody.pid";
    static final String LOG_FILE = DIR + "/prosody.log";
    static final String OUT_FILE = DIR + "/prosody.out";

    private static final Duration REGISTER_TIMEOUT = Duration.ofSeconds(60);

    /** The two programs the lab needs. */
    record Programs(Path prosody, Path prosodyctl) {
    }

    private final Path labDir;
    private final LabChildProcess process;

    private LabProsody(Path labDir, LabChildProcess process) {
        this.labDir = labDir;
        this.process = process;
    }

    private static Map<String, String> users() {
        Map<String, String> users = new LinkedHashMap<>();
        users.put("alice", "alice-lab-pw");
        users.put("bob", "bob-lab-pw");
        return java.util.Collections.unmodifiableMap(users);
    }

    /** {@code prosody} and {@code prosodyctl} from the PATH, or empty when either is missing. */
    static Optional<Programs> find() {
        Optional<Path> prosody = LabChildProcess.onPath("prosody");
        Optional<Path> prosodyctl = LabChildProcess.onPath("prosodyctl");
        return prosody.isPresent() && prosodyctl.isPresent()
                ? Optional.of(new Programs(prosody.get(), prosodyctl.get())) : Optional.empty();
    }

    /** Writes {@code DIR/prosody/prosody.cfg.lua} (the certificate is {@link LabPki}'s). */
    static LabFileAction writeConfig(Path labDir) throws IOException {
        Path dir = labDir.resolve(DIR);
        Files.createDirectories(dir.resolve("data"));
        Path config = labDir.resolve(CONFIG);
        boolean existed = Files.exists(config);
        Files.writeString(config, config(labDir), StandardCharsets.UTF_8);
        return new LabFileAction(existed ? LabFileAction.Outcome.REPLACED : LabFileAction.Outcome.CREATED,
                List.of(CONFIG), existed ? "rewritten on every run; the lab owns it" : "Prosody for " + DOMAIN);
    }

    static String config(Path labDir) {
        Path dir = labDir.resolve(DIR);
        return """
                -- Prosody for `mra-edge lab`: the IM&P stand-in behind the lab connector.
                -- Written by the lab on every run (edits are lost) and started and stopped with it.
                -- Loopback only; clients come through the edge (127.0.0.1:5222 / :5223).
                pidfile = "%1$s/prosody.pid"
                data_path = "%1$s/data"
                run_as_root = true
                daemonize = false
                interfaces = { "127.0.0.1" }
                c2s_ports = { %2$d }
                modules_enabled = { "roster"; "saslauth"; "tls"; "disco"; "ping"; "presence"; "message"; "iq" }
                modules_disabled = { "offline"; "s2s" }
                authentication = "internal_hashed"
                c2s_require_encryption = true
                allow_unencrypted_plain_auth = false
                storage = "internal"
                log = { info = "%1$s/prosody.log"; error = "*stderr" }
                certificates = "%1$s"

                VirtualHost "%3$s"
                  ssl = { certificate = "%4$s"; key = "%5$s" }
                """.formatted(dir, C2S_PORT, DOMAIN, labDir.resolve(CERT), labDir.resolve(KEY));
    }

    /**
     * Starts Prosody, waits until it accepts on {@link #C2S_PORT}, registers {@link #USERS}.
     * Any failure stops what was started and becomes a {@link StartFailedException}.
     */
    static LabProsody start(Path labDir, Programs programs) throws StartFailedException, InterruptedException {
        Path output = labDir.resolve(OUT_FILE);
        LabProsody prosody = new LabProsody(labDir, LabChildProcess.start("Prosody",
                List.of(programs.prosody().toString(), "--config", labDir.resolve(CONFIG).toString(), "-F"),
                C2S_PORT, labDir.resolve(PID_FILE), output, List.of(output, labDir.resolve(LOG_FILE))));
        try {
            prosody.register(programs.prosodyctl());
            return prosody;
        } catch (StartFailedException | InterruptedException | RuntimeException e) {
            prosody.close();
            throw e;
        }
    }

    private void register(Path prosodyctl) throws StartFailedException, InterruptedException {
        List<Process> running = new ArrayList<>();
        List<String> names = new ArrayList<>(USERS.keySet());
        try {
            for (String user : names) {
                running.add(new ProcessBuilder(prosodyctl.toString(), "--config", labDir.resolve(CONFIG).toString(),
                        "register", user, DOMAIN, USERS.get(user)).redirectErrorStream(true)
                        .redirectOutput(registerOutput(user).toFile()).start());
            }
            for (int i = 0; i < running.size(); i++) {
                Process p = running.get(i);
                if (!p.waitFor(REGISTER_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new StartFailedException("prosodyctl register " + names.get(i) + " " + DOMAIN + " failed: "
                            + Files.readString(registerOutput(names.get(i))).strip(), null);
                }
            }
        } catch (IOException e) {
            throw new StartFailedException("prosodyctl could not run: " + e.getMessage(), e);
        } finally {
            running.forEach(Process::destroyForcibly); // those that finished: no-op
        }
    }

    private Path registerOutput(String user) {
        return labDir.resolve(DIR).resolve("register-" + user + ".out");
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Stops Prosody by its PID (SIGTERM, then SIGKILL); safe to call again. */
    @Override
    public void close() {
        process.close();
    }

    /** SIGKILL without waiting: for a process that is about to halt. */
    void kill() {
        process.kill();
    }
}
