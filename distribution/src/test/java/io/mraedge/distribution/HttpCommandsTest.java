package io.mraedge.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.mraedge.http.auth.CredentialsFile;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mra-edge users add|remove} and {@code mra-edge allowlist import}, in process. */
class HttpCommandsTest {
    @TempDir
    Path dir;

    private final InputStream stdin = UsersCommand.stdin;

    @AfterEach
    void restoreStdin() {
        UsersCommand.stdin = stdin;
    }

    private static void stdin(String text) {
        UsersCommand.stdin = new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void usersAddChangeAndRemove() throws Exception {
        Path file = dir.resolve("users.txt");
        stdin("s3cret\n");
        CliRun.of("users", "add", "--password-stdin", file.toString(), "alice").exitedWith(Main.OK);
        assertThat(CredentialsFile.read(file).users()).containsExactly("alice");
        assertThat(CredentialsFile.read(file).entry("alice")).hasValueSatisfying(e -> assertThat(e.matches("s3cret")).isTrue());

        stdin("other\n"); // no console in a test: stdin without the option too
        CliRun changed = CliRun.of("users", "add", file.toString(), "alice").exitedWith(Main.OK);
        assertThat(changed.outLines()).containsExactly("password changed for alice in " + file);
        assertThat(CredentialsFile.read(file).entry("alice")).hasValueSatisfying(e -> assertThat(e.matches("other")).isTrue());
        assertThat(Files.readString(file)).doesNotContain("other");

        CliRun.of("users", "remove", file.toString(), "alice").exitedWith(Main.OK);
        assertThat(CredentialsFile.read(file).users()).isEmpty();
        CliRun gone = CliRun.of("users", "remove", file.toString(), "alice").exitedWith(Main.BAD_CONFIG);
        assertThat(gone.errLines()).containsExactly("mra-edge users remove: alice is not in " + file);
    }

    @Test
    void usersAddRefusesBadInput() {
        Path file = dir.resolve("users.txt");
        stdin("");
        assertThat(CliRun.of("users", "add", "--password-stdin", file.toString(), "bob").exitedWith(Main.BAD_CONFIG)
                .errLines()).containsExactly("mra-edge users add: no password on stdin");
        stdin("\n");
        CliRun.of("users", "add", "--password-stdin", file.toString(), "bob").exitedWith(Main.BAD_CONFIG);
        stdin("pw\n");
        CliRun.of("users", "add", "--password-stdin", file.toString(), "bad name").exitedWith(Main.BAD_CONFIG);
        assertThat(file).doesNotExist();
        CliRun.of("users").exitedWith(Main.BAD_CONFIG);
        CliRun.of("users", "add", file.toString()).exitedWith(Main.BAD_CONFIG);
    }

    @Test
    void usersAddOnAnUnwritableFileIsARuntimeFailure() {
        stdin("pw\n");
        Path file = dir.resolve("no-such-dir").resolve("users.txt");
        CliRun.of("users", "add", "--password-stdin", file.toString(), "bob").exitedWith(Main.RUNTIME_FAILURE);
    }

    @Test
    void allowlistImportPrintsTheYamlBlock() throws Exception {
        Path csv = dir.resolve("allow.csv");
        Files.writeString(csv, "Url,Deployment,HttpMethods,MatchType,Description\n"
                + "https://cuc.example.int:443/vmrest/,Default deployment,\"GET,POST\",Prefix,\"Voicemail, REST\"\n"
                + "http://tftp.example.int:6970/SPDefault.cnf.xml,Default deployment,,Exact,\n");

        CliRun run = CliRun.of("allowlist", "import", csv.toString()).exitedWith(Main.OK);
        assertThat(run.out()).startsWith("# Paste under http.allow-list:")
                .contains("  - url: \"https://cuc.example.int:443/vmrest/\"\n    match: prefix\n    methods: [GET, POST]\n")
                .contains("  - url: \"http://tftp.example.int:6970/SPDefault.cnf.xml\"\n    match: exact\n    methods: [GET]\n");

        CliRun withDefaults = CliRun.of("allowlist", "import", csv.toString(), "--default-methods", "get,HEAD")
                .exitedWith(Main.OK);
        assertThat(withDefaults.out()).contains("SPDefault.cnf.xml\"\n    match: exact\n    methods: [GET, HEAD]\n");
    }

    @Test
    void allowlistImportRefusesBadInput() throws Exception {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "Url,Deployment,HttpMethods,MatchType,Description\n"
                + "ftp://x.example.int/,d,GET,Exact,\n"
                + "https://x.example.int/,d,GET,Fuzzy,\n");
        CliRun bad = CliRun.of("allowlist", "import", csv.toString()).exitedWith(Main.BAD_CONFIG);
        assertThat(bad.out()).isEmpty();
        assertThat(bad.err()).contains("line 2", "line 3");

        CliRun.of("allowlist", "import", dir.resolve("missing.csv").toString()).exitedWith(Main.BAD_CONFIG);
        CliRun.of("allowlist", "import", csv.toString(), "--default-methods", "BREW").exitedWith(Main.BAD_CONFIG);
        CliRun.of("allowlist").exitedWith(Main.BAD_CONFIG);
    }
}
