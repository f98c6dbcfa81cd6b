package io.mraedge.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's SIP files: Kamailio's config and the {@code sip:} sections, only with Kamailio. */
class LabSipFilesTest {
    @TempDir
    Path dir;

    @Test
    void withKamailioNewFilesGetSipSectionsAndKamailioItsConfig() throws Exception {
        Path lab = dir.resolve("lab");
        LabFiles files = LabFiles.prepare(lab, Clock.systemUTC(), false, true);
        assertThat(Files.readString(files.edgeConfig())).contains("sip:\n  listen-port: 5061");
        assertThat(Files.readString(files.connectorConfig())).contains("sip:\n  target: 127.0.0.1:15060",
                "transport: tcp");
        String cfg = Files.readString(lab.resolve(LabKamailio.CONFIG));
        assertThat(cfg).contains("listen=tcp:127.0.0.1:15060", "alias=\"example.com\"",
                "modparam(\"registrar\", \"use_path\", 1)", "unix:" + lab.toAbsolutePath().resolve(LabKamailio.CTL_SOCKET))
                .doesNotContain("listen=tcp:127.0.0.1:5060\n", "listen=tcp:127.0.0.1:5061");
        assertThat(Files.isDirectory(lab.resolve(LabKamailio.RUN_DIR))).isTrue();
    }

    @Test
    void withoutKamailioNoSipSectionsAndNoConfig() throws Exception {
        Path lab = dir.resolve("lab");
        LabFiles files = LabFiles.prepare(lab, Clock.systemUTC(), false, false);
        assertThat(Files.readString(files.edgeConfig())).doesNotContain("sip:");
        assertThat(Files.readString(files.connectorConfig())).doesNotContain("sip:");
        assertThat(lab.resolve(LabKamailio.CONFIG)).doesNotExist();
    }

    @Test
    void theRegisterLineTalksToTheEdgeWithTheLabCa() {
        assertThat(LabNextSteps.sipRegister("lab/ca.crt")).startsWith("(printf 'REGISTER sip:example.com SIP/2.0\\r\\n")
                .contains("CSeq: 1 REGISTER\\r\\n", "Content-Length: 0\\r\\n\\r\\n'; sleep 2)",
                        "openssl s_client -brief -nocommands -connect 127.0.0.1:5061", "-CAfile lab/ca.crt")
                .endsWith("| head -1");
    }
}
