package dev.vtlab.cli;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An internal error is one line and exit code 1; its stack trace follows only when --stacktrace was given. */
class StacktraceTest {

    /** A stand-in for a vtlab bug: a command that throws what no handler expects. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("a bug");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "boom                       | false",
        "boom --stacktrace          | true",
        "--stacktrace boom          | true",
        "boom --stacktrace=true     | true",
        "boom --stacktrace=false    | false"})
    @Timeout(10)
    void printsTheStackTraceOnlyWhenAsked(String args, boolean traced) {
        var out = new StringWriter();
        var err = new StringWriter();
        var outWriter = new PrintWriter(out);
        var errWriter = new PrintWriter(err);
        CommandLine cli = Cli.create(outWriter, errWriter);
        cli.addSubcommand(new Boom()); // inherits --stacktrace, as every lesson does
        cli.setOut(outWriter).setErr(errWriter); // a subcommand added later has the default writers until then

        int code = cli.execute(args.split(" "));

        assertEquals(ExitCode.SOFTWARE.code(), code);
        String lines = err.toString();
        assertTrue(lines.startsWith("./vtlab boom: internal error: java.lang.IllegalStateException: a bug"), lines);
        assertEquals(traced, lines.contains("\tat " + Boom.class.getName() + ".call("), lines);
        assertEquals("", out.toString());
    }
}
