package io.mraedge.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lab's Unified CM SIP stand-in: a local Kamailio registrar, when {@code kamailio} is on the
 * PATH. Its files live in {@code DIR/kamailio/}: the config ({@code kamailio.cfg}, rewritten on
 * every run, as the lab owns it), the run directory with the ctl socket ({@code run/kamailio_ctl},
 * for {@code kamcmd}) and pid file, and its output ({@code kamailio.out}).
 *
 * <p>Kamailio listens on TCP 127.0.0.1:{@link #PORT} (never 5060/5061); the lab connector's
 * {@code sip:} section points there, while clients use the edge's SIP/TLS 127.0.0.1:5061. The
 * registrar is open (no authentication), keeps its bindings in memory and honours Path
 * (RFC 3327), so requests toward a client come back through the connector. Domain:
 * {@link #DOMAIN}, which the edge certificate names too.
 *
 * <p>For the lab's call with RTP ({@link LabCall}), Kamailio also listens on UDP
 * 127.0.0.1:{@link #PORT} and routes the user {@link LabCall#SERVICE} statically to the inside
 * sipp on UDP 127.0.0.1:{@link LabCall#UAS_SIP_PORT}, with two Record-Routes (TCP in, UDP out).
 * One UDP worker ({@code children=1}): with two, responses the UAS sends back to back were seen
 * relayed out of order. {@link #writeConfig} writes {@link LabCall}'s files too.
 *
 * <p>Kamailio runs in the foreground ({@code -DD}) as a child of the lab and is stopped by its
 * PID ({@link #close()}: SIGTERM, then SIGKILL after {@link LabChildProcess#STOP_TIMEOUT}).
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


    private final LabChildProcess process;

    private LabKamailio(LabChildProcess process) {
        this.process = process;
    }

    /** {@code kamailio} from the PATH, or empty. */
    static Optional<Path> find() {
        return LabChildProcess.onPath("kamailio");
    }

    /**
     * Writes {@code DIR/kamailio/kamailio.cfg}, creates its run directory, and writes the call's
     * sipp scenarios and stunnel config ({@link LabCall#writeFiles}); all rewritten on every run.
     */
    static LabFileAction writeConfig(Path labDir) throws IOException {
        Files.createDirectories(labDir.resolve(RUN_DIR));
        Path config = labDir.resolve(CONFIG);
        boolean existed = Files.exists(config);
        Files.writeString(config, config(labDir), StandardCharsets.UTF_8);
        List<String> files = new ArrayList<>(List.of(CONFIG));
        files.addAll(LabCall.writeFiles(labDir));
        return new LabFileAction(existed ? LabFileAction.Outcome.REPLACED : LabFileAction.Outcome.CREATED,
                files, existed ? "rewritten on every run; the lab owns them"
                : "Kamailio registrar for " + DOMAIN + ", sipp call to " + LabCall.SERVICE + " with RTP");
    }

    static String config(Path labDir) {
        return """
                #!KAMAILIO
                # Kamailio for `mra-edge lab`: the registrar (Unified CM's SIP side) behind the lab
                # connector. Written by the lab on every run (edits are lost) and started and stopped
                # with it. Loopback only; clients come through the edge (SIP/TLS 127.0.0.1:5061) and
                # the lab connector (TCP here).
                # Open registrar: no authentication, bindings in memory, Path (RFC 3327) honoured.
                # The user %5$s is routed statically to the inside sipp (UDP 127.0.0.1:%6$d), the
                # far end of the lab's call with RTP (files in sipp/).
                debug=1
                log_stderror=yes
                # One UDP worker: with two, a 180 and a 200 the UAS sends back to back were seen
                # relayed out of order, and a 180 after the 200 aborts the caller's call.
                children=1
                tcp_children=2
                auto_aliases=no
                listen=tcp:127.0.0.1:%1$d
                # UDP toward the inside sipp (sipp's UDP is its simplest transport).
                listen=udp:127.0.0.1:%1$d
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
                # TCP in (the connector), UDP out (the inside sipp): two Record-Routes, one per transport.
                modparam("rr", "enable_double_rr", 1)

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
                    if ($rU == "%5$s") {
                        record_route();
                        $du = "sip:127.0.0.1:%6$d;transport=udp";
                        t_relay(); exit;
                    }
                    record_route();
                    if (!lookup("location")) { sl_send_reply("404","Not Found"); exit; }
                    t_relay();
                }
                """.formatted(PORT, DOMAIN, MODULES, labDir.resolve(CTL_SOCKET), LabCall.SERVICE,
                LabCall.UAS_SIP_PORT);
    }

    /**
     * Starts Kamailio and waits until it accepts on {@link #PORT}. Any failure stops what was
     * started and becomes a {@link StartFailedException}.
     */
    static LabKamailio start(Path labDir, Path kamailio) throws StartFailedException, InterruptedException {
        Path run = labDir.resolve(RUN_DIR);
        try {
            Files.createDirectories(run);
            Files.deleteIfExists(labDir.resolve(CTL_SOCKET)); // a stale socket from a killed run
        } catch (IOException e) {
            throw new StartFailedException("Kamailio could not start: " + e.getMessage(), e);
        }
        Path pidFile = labDir.resolve(PID_FILE);
        Path output = labDir.resolve(OUT_FILE);
        return new LabKamailio(LabChildProcess.start("Kamailio", List.of(kamailio.toString(), "-f",
                        labDir.resolve(CONFIG).toString(), "-DD", "-E", "-Y", run.toString(), "-P", pidFile.toString()),
                PORT, pidFile, output, List.of(output)));
    }

    long pid() {
        return process.pid();
    }

    /** Stops Kamailio by its PID (SIGTERM, then SIGKILL); safe to call again. */
    @Override
    public void close() {
        process.close();
    }

    /** SIGKILL without waiting: for a process that is about to halt. */
    void kill() {
        process.kill();
    }
}
