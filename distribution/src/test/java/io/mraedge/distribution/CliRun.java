package io.mraedge.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import picocli.CommandLine;

/**
 * One in-process run of {@code mra-edge ARGS}, on the command line {@link Main#main} runs, with
 * what it printed on stdout and stderr and its exit status.
 */
record CliRun(List<String> args, int status, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = Main.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        int status = command.execute(args);
        return new CliRun(List.of(args), status, out.toString(), err.toString());
    }

    /** Asserts the exit status; a mismatch shows what the command printed. */
    CliRun exitedWith(int expected) {
        assertThat(status).as("exit status of mra-edge %s; stdout:%n%s%nstderr:%n%s", String.join(" ", args), out, err)
                .isEqualTo(expected);
        return this;
    }

    List<String> outLines() {
        return out.lines().toList();
    }

    List<String> errLines() {
        return err.lines().toList();
    }
}
