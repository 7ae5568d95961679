package dev.vtlab.cli;

import dev.vtlab.report.Style;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code Cli.create(args)} builds only the command the arguments name; what it prints and returns must be what the
 * command line with every command built whole prints and returns.
 */
class LazyCliTest {

    private static CliTest.Run run(CommandLine cli, String... args) {
        return new CliTest.Run(cli.execute(args), out(cli), err(cli));
    }

    private static String out(CommandLine cli) {
        cli.getOut().flush();
        return OUT.get().toString();
    }

    private static String err(CommandLine cli) {
        cli.getErr().flush();
        return ERR.get().toString();
    }

    private static final ThreadLocal<StringWriter> OUT = new ThreadLocal<>();
    private static final ThreadLocal<StringWriter> ERR = new ThreadLocal<>();

    private static CommandLine lazy(String... args) {
        OUT.set(new StringWriter());
        ERR.set(new StringWriter());
        return Cli.forArguments(new PrintWriter(OUT.get(), true), new PrintWriter(ERR.get(), true), Style.plain(),
                args);
    }

    /** Usage errors, help of every command and of none, the version, completion: the same words, the same code. */
    @ParameterizedTest
    @ValueSource(strings = {"", "--help", "--version", "counter --help", "account --help", "pinning --help",
        "failure --help", "jfr --help", "bench --help", "completion --help", "completion bash",
        "counter --trials 100", "account --lock synchronized", "countr", "counter --dely 1ms", "bench warp",
        "--stacktrace COUNTER --tasks 0", "jfr", "counter --sync mutex"})
    @Timeout(30)
    void printsWhatTheWholeCommandLinePrints(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");
        CliTest.Run whole = CliTest.run(args);
        CliTest.Run lazy = run(lazy(args), args);
        assertEquals(whole, lazy, line);
    }

    /** The commands not named are a name and a header: no options, so none of their model was built. */
    @Test
    @Timeout(10)
    void onlyTheNamedCommandHasItsOptions() {
        CommandLine cli = lazy("--stacktrace", "Account", "--trials", "10");
        assertTrue(cli.getSubcommands().get("account").getCommandSpec().findOption("--trials") != null);
        var counter = cli.getSubcommands().get("counter").getCommandSpec();
        assertEquals(null, counter.findOption("--sync"), "counter was built whole");
        assertArrayEquals(CounterCommand.class.getAnnotation(Command.class).header(), counter.usageMessage().header());
    }
}
