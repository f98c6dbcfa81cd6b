package io.mraedge.distribution;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab's Unified CM SIP stand-in: a local Kamailio registrar, when {@code kamailio} is on the
 * PATH. Its files live in {@code DIR/kamailio/}: the config ({@code kamailio.cfg}, rewritten on
 * every run, as the lab owns it), the run directory with the ctl socket ({@code run/kamailio_ctl},
 * for {@code kamcmd}) and pid file, and its output ({@code kamailio.out}).
 *
 * <p>Kamailio listens on TCP 127.0.0.1:{@link #PORT} only (never 5060/5061); the lab connector's
 * {@code sip:} section points there, while clients use the edge's SIP/TLS 127.0.0.1:5061. The
 * registrar is open (no authentication), keeps its bindings in memory and honours Path
 * (RFC 3327), so requests toward a client come back through the connector. Domain:
 * {@link #DOMAIN}, which the edge certificate names too.
 *
 * <p>Kamailio runs in the foreground ({@code -DD}) as a child of the lab and is stopped by its
 * PID ({@link #close()}: SIGTERM, then SIGKILL after {@link #STOP_TIMEOUT}).
 */
final class LabKamailio implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LabKamailio.class);

    /** The lab's SIP domain: the same as the presence domain, named in the edge certificate. */
    static final String DOMAIN = LabProsody.DOMAIN;
    /** Kamailio's TCP port, on 127.0.0.1. */
    static final int PORT = 15060;
    static final String MODULES = "/usr/lib/x86_64-linux-gnu/kamailio/modules/";

    static final String DIR = "kamailio";
    static final String CONFIG = DIR + "/kamailio.cfg";
    static final String RUN_DIR = DIR + "/run";
    static final String CTL_SOCKET = RUN_DIR + "/kamailio_ctl";
    static final String PID_FILE = RUN_DIR + "/kamailio.pid";
    static final String OUT_FILE = DIR + "/kamailio.out";

    static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Path labDir;
    private final Process process;

    private LabKamailio(Path labDir, Process process) {
        this.labDir = labDir;
        this.process = process;
    }

    /** {@code kamailio} from the PATH (or /usr/sbin, where Debian puts it), or empty. */
    static Optional<Path> find() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "kamailio");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Writes {@code DIR/kamailio/kamailio.cfg} and creates its run directory. */
    static LabFileAction writeConfig(Path labDir) throws IOException {
        Files.createDirectories(labDir.resolve(RUN_DIR));
        Path config = labDir.resolve(CONFIG);
        boolean existed = Files.exists(config);
        Files.writeString(config, config(labDir), StandardCharsets.UTF_8);
        return new LabFileAction(existed ? LabFileAction.Outcome.REPLACED : LabFileAction.Outcome.CREATED,
                List.of(CONFIG), existed ? "rewritten on every run; the lab owns it"
                : "Kamailio registrar for " + DOMAIN);
    }

    static String config(Path labDir) {
        return """
                #!KAMAILIO
                # Kamailio for `mra-edge lab`: the registrar (Unified CM's SIP side) behind the lab
                # connector. Written by the lab on every run (edits are lost) and started and stopped
                # with it. TCP on loopback only; clients come through the edge (SIP/TLS 127.0.0.1:5061).
                # Open registrar: no authentication, bindings in memory, Path (RFC 3327) honoured.
                debug=1
                log_stderror=yes
                children=2
                tcp_children=2
                auto_aliases=no
                listen=tcp:127.0.0.1:%1$d
                alias="%2$s"
                mpath="%3$s"
                loadmodule "kex.so"
                loadmodule "corex.so"
                loadmodule "ctl.so"
                loadmodule "sl.so"
                loadmodule "tm.so"
                loadmodule "tmx.so"
                loadmodule "rr.so"
                loadmodule "pv.so"
                loadmodule "maxfwd.so"
                loadmodule "usrloc.so"
                loadmodule "registrar.so"
                loadmodule "path.so"
                loadmodule "textops.so"
                loadmodule "siputils.so"
                loadmodule "xlog.so"
                # kamcmd -s unix:%4$s ul.dump brief
                modparam("ctl", "binrpc", "unix:%4$s")
                modparam("usrloc", "db_mode", 0)
                modparam("registrar", "use_path", 1)
                modparam("registrar", "path_mode", 0)
                modparam("registrar", "max_expires", 7200)

                request_route {
                    if (!mf_process_maxfwd_header("10")) { sl_send_reply("483","Too Many Hops"); exit; }
                    if (has_totag()) {
                        if (loose_route()) { t_relay(); exit; }
                        if (is_method("ACK")) { if (t_check_trans()) t_relay(); exit; }
                        sl_send_reply("404","Not here"); exit;
                    }
                    if (is_method("CANCEL")) { if (t_check_trans()) t_relay(); exit; }
                    if (is_method("REGISTER")) {
                        if (!save("location")) sl_reply_error();
                        exit;
                    }
                    if (is_method("OPTIONS") && $rU == $null) { sl_send_reply("200","OK"); exit; }
                    record_route();
                    if (!lookup("location")) { sl_send_reply("404","Not Found"); exit; }
                    t_relay();
                }
                """.formatted(PORT, DOMAIN, MODULES, labDir.resolve(CTL_SOCKET));
    }

    /**
     * Starts Kamailio and waits until it accepts on {@link #PORT}. Any failure stops what was
     * started and becomes a {@link StartFailedException}.
     */
    static LabKamailio start(Path labDir, Path kamailio) throws StartFailedException, InterruptedException {
        if (accepts(PORT)) {
            throw new StartFailedException("127.0.0.1:" + PORT + ", the lab Kamailio's port, is taken; a Kamailio left"
                    + " from an earlier lab? Its PID is in " + LabNextSteps.display(labDir.resolve(PID_FILE))
                    + " (ss -ltnp 'sport = :" + PORT + "')", null);
        }
        Path config = labDir.resolve(CONFIG);
        Path run = labDir.resolve(RUN_DIR);
        Process process;
        try {
            Files.createDirectories(run);
            Files.deleteIfExists(labDir.resolve(CTL_SOCKET)); // a stale socket from a killed run
            process = new ProcessBuilder(kamailio.toString(), "-f", config.toString(), "-DD", "-E", "-Y",
                    run.toString(), "-P", labDir.resolve(PID_FILE).toString())
                    .redirectErrorStream(true)
                    .redirectOutput(labDir.resolve(OUT_FILE).toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new StartFailedException("Kamailio could not start: " + e.getMessage(), e);
        }
        LabKamailio started = new LabKamailio(labDir, process);
        log.info("kamailio: started, PID {}, config {}", process.pid(), config);
        try {
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!accepts(PORT)) {
                if (!process.isAlive()) {
                    throw new StartFailedException("Kamailio exited with status " + process.exitValue()
                            + " before listening on 127.0.0.1:" + PORT + "; see "
                            + LabNextSteps.display(labDir.resolve(OUT_FILE)) + ": " + started.lastOutput(), null);
                }
                if (System.nanoTime() > deadline) {
                    throw new StartFailedException("Kamailio did not listen on 127.0.0.1:" + PORT + " within "
                            + START_TIMEOUT.toSeconds() + " s; see " + LabNextSteps.display(labDir.resolve(OUT_FILE)),
                            null);
                }
                Thread.sleep(100);
            }
            return started;
        } catch (StartFailedException | InterruptedException | RuntimeException e) {
            started.close();
            throw e;
        }
    }

    long pid() {
        return process.pid();
    }

    /** Stops Kamailio by its PID: SIGTERM, then SIGKILL after {@link #STOP_TIMEOUT}; safe to call again. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("kamailio: PID {} stopped", process.pid());
            } else {
                log.warn("kamailio: PID {} still running {} s after SIGTERM; SIGKILL", process.pid(),
                        STOP_TIMEOUT.toSeconds());
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL without waiting: for a process that is about to halt. */
    void kill() {
        process.destroyForcibly();
    }

    private String lastOutput() {
        try {
            Path out = labDir.resolve(OUT_FILE);
            String text = Files.exists(out) ? Files.readString(out).strip() : "";
            return text.length() > 400 ? "..." + text.substring(text.length() - 400) : text;
        } catch (IOException e) {
            return "(" + e + ")";
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
