package dev.vtlab.cli;

import dev.vtlab.report.Page;
import dev.vtlab.report.Style;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** {@code vtlab}: the list of lessons. Each lesson is a subcommand, in teaching order. */
@Command(name = "./vtlab",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "LESSON",
        description = {
            "A laboratory for JDK 21 concurrency: see a race happen, see it fixed, and see what virtual threads,",
            "locks and StructuredTaskScope really do."},
        commandListHeading = "%nLessons, in teaching order, then tools:%n",
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./vtlab counter",
            "      the lost update, then the fix",
            "  ./vtlab account",
            "      which update is lost, and how often: both endings in 1,000 trials",
            "  ./vtlab pinning",
            "      synchronized pins the carriers of virtual threads on JDK 21",
            "  ./vtlab failure",
            "      a lost exception, then a scope that propagates it",
            "  ./vtlab course",
            "      every lesson in teaching order, and a folder to hand out",
            "  ./vtlab --jdk 21,25 pinning",
            "      the same lesson on JDK 21 and JDK 25, side by side, and what changed",
            "  ./vtlab counter --help",
            "      every option of a lesson, with examples",
            "  ./vtlab counter --jfr=counter.jfr && ./vtlab jfr counter.jfr",
            "      record a lesson with Flight Recorder (every lesson takes --jfr), then",
            "      the lab's summary of the recording",
            "  ./vtlab counter --metrics",
            "      Micrometer meters after the lesson (also =prometheus, =json)",
            "  ./vtlab bench scale --quick",
            "      a quick measurement; BENCH.md has the figures",
            "  source <(./vtlab completion bash)",
            "      complete lessons, options and values in this shell",
            "  ./vtlab test",
            "      build and run the lab's tests (the launcher does this, not the jar)",
            "",
            "Environment: NO_COLOR=1 turns colour and the live progress line off;",
            "output is plain whenever it is piped."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the lesson ran (a race or a lost failure shown on purpose is a success)",
            "1:vtlab itself failed (a bug; --stacktrace shows it)",
            "2:bad usage: an unknown option or a bad value (for jfr: a missing or broken file)",
            "3:FORBIDDEN: a promise was broken (a guard lost an update, a scope hid a failure)",
            "4:the environment cannot do it (a file, the JDK, memory, preview features)",
            "130:stopped with Ctrl-C (143: by SIGTERM): what finished is shown, graded as partial;"
                + " a recording is still saved whole"})
final class VtlabCommand implements Callable<Integer> {

    /** The subcommands, in the order the lesson list shows them; {@link Cli} adds them (whole, or named only). */
    static final List<Class<?>> COMMANDS = List.of(CounterCommand.class, AccountCommand.class, PinningCommand.class,
            FailureCommand.class, CourseCommand.class, JfrCommand.class, BenchCommand.class, CompletionCommand.class,
            BenchChildCommand.class, SideBySideCommand.class);

    private final Style style;
    private final ProgressLine.Mode progress;
    private final boolean signals;
    private Consumer<Page> pages = page -> { }; // set once, before the command runs; the command's thread

    @Spec
    CommandSpec spec;

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT,
            description = "On an internal error, print the full stack trace.")
    boolean stacktrace; // bound for picocli only: Cli reads the parse result, which knows which command it followed

    VtlabCommand(Style style, ProgressLine.Mode progress, boolean signals) {
        this.style = style;
        this.progress = progress;
        this.signals = signals;
    }

    Style style() {
        return style;
    }

    /**
     * True if this JVM's Ctrl-C and SIGTERM are this command's: a stopped lesson then prints what it finished. False
     * for a command line inside another's JVM (a test, a step of {@code vtlab course}, whose own hook says where the
     * course stopped and leaves the running step out).
     */
    boolean handlesSignals() {
        return signals;
    }

    /** Whether a long run draws its progress line on stderr. */
    ProgressLine.Mode progress() {
        return progress;
    }

    /** Hears every page a lesson or tool of this command line makes: how {@code vtlab course} collects them. */
    void pages(Consumer<Page> pages) {
        this.pages = pages;
    }

    Consumer<Page> pages() {
        return pages;
    }

    /** With no lesson named, show the list of lessons. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.OK.code();
    }
}
