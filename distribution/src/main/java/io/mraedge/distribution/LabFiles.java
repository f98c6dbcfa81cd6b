package io.mraedge.distribution;

import io.mraedge.http.lab.LabHttp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab directory once set up: certificates ({@link LabPki}) and config files
 * ({@link LabConfigFiles}), each created or reused, and what was done with each. This part of
 * {@code mra-edge lab} starts nothing, so tests call it directly.
 *
 * @param dir             the lab directory, absolute
 * @param edgeConfig      its {@code edge.yaml}
 * @param connectorConfig its {@code connector.yaml}
 * @param actions         what was created, reused or replaced, in order
 */
record LabFiles(Path dir, Path edgeConfig, Path connectorConfig, List<LabFileAction> actions) {

    LabFiles {
        actions = List.copyOf(actions);
    }

    /** Creates {@code dir} if needed and fills in whatever is missing or unusable; no XMPP. */
    static LabFiles prepare(Path dir, Clock clock) throws IOException {
        return prepare(dir, clock, false);
    }

    /**
     * As {@link #prepare(Path, Clock)}: always the HTTPS token key and lab users file
     * ({@link LabHttp#prepareFiles}) and the UC backend's certificate; with {@code prosody}, also Prosody's certificate and
     * config ({@link LabProsody}), and config files that are written now get their
     * {@code xmpp:} sections.
     */
    static LabFiles prepare(Path dir, Clock clock, boolean prosody) throws IOException {
        return prepare(dir, clock, prosody, false);
    }

    /**
     * As {@link #prepare(Path, Clock, boolean)}; with {@code kamailio}, also Kamailio's config
     * ({@link LabKamailio}), and config files that are written now get their {@code sip:} sections.
     */
    static LabFiles prepare(Path dir, Clock clock, boolean prosody, boolean kamailio) throws IOException {
        Path absolute = dir.toAbsolutePath().normalize();
        Files.createDirectories(absolute);
        List<LabFileAction> actions = new ArrayList<>();
        new LabPki(absolute, clock).prepare(actions::add, prosody);
        if (prosody) {
            actions.add(LabProsody.writeConfig(absolute));
        }
        if (kamailio) {
            actions.add(LabKamailio.writeConfig(absolute));
        }
        List<String> httpMade = LabHttp.prepareFiles(absolute);
        actions.add(httpMade.isEmpty()
                ? new LabFileAction(LabFileAction.Outcome.REUSED, List.of(LabHttp.TOKEN_KEY_FILE, LabHttp.CREDENTIALS_FILE),
                        "HTTPS token key and the lab users")
                : new LabFileAction(LabFileAction.Outcome.CREATED, httpMade, "HTTPS token key and the lab user "
                        + LabHttp.USER));
        actions.add(LabConfigFiles.writeIfMissing(absolute, LabConfigFiles.EDGE_FILE,
                LabConfigFiles.edgeYaml(prosody, kamailio)));
        actions.add(LabConfigFiles.writeIfMissing(absolute, LabConfigFiles.CONNECTOR_FILE,
                LabConfigFiles.connectorYaml(prosody, kamailio)));
        return new LabFiles(absolute, absolute.resolve(LabConfigFiles.EDGE_FILE),
                absolute.resolve(LabConfigFiles.CONNECTOR_FILE), actions);
    }
}
