package dev.vtlab.cli;

import dev.vtlab.course.Budget;
import dev.vtlab.course.Folder;
import dev.vtlab.lesson.DurationFormat;
import dev.vtlab.lesson.PinningLesson;
import dev.vtlab.report.TextRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code vtlab course}: every lesson in teaching order, in one JVM, into one folder. The pinning lesson needs a JVM
 * whose virtual-thread scheduler has exactly its 2 carriers, which is fixed when the JVM starts its first virtual
 * thread; so unless this JVM runs with {@code -Djdk.virtualThreadScheduler.parallelism=2}, the course reruns itself
 * once in a JVM that does ({@link ChildJvm}), as {@code vtlab pinning} does, and every lesson then runs in that
 * one. The options are checked and the folder's default name is settled first, so the child gets the same folder.
 */
@Command(name = "course", mixinStandardHelpOptions = true,
        header = "The whole course: every lesson in teaching order, a folder to hand out, a verdict for CI.",
        description = {
            "Runs every lesson in teaching order with settings that show each point: counter unguarded, then",
            "synchronized, lock and cas; account's distribution and a forced schedule; pinning; failure. A line per",
            "step as it ends, then a table per lesson. Each step is judged by a rule: an unguarded race that lost",
            "an update was shown, a guard that kept every update was shown, a race that did not happen this time is",
            "inconclusive, and a FORBIDDEN grade fails.",
            "",
            "The folder receives index.html (every lesson's page, with its pictures, in one self-contained file),",
            "results.json (every lesson's JSON document), junit.xml (one testcase per step), and per lesson a",
            "Flight Recorder recording (vtlab settings) with its './vtlab jfr' summary. Each file is written whole",
            "or not at all; Ctrl-C keeps the finished steps, and index.html says where the course stopped."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./vtlab course",
            "      the whole course at the lessons' defaults, into course-TIME/",
            "  ./vtlab course --budget 10s --out ci",
            "      a quicker course for CI, kept to 10 s: junit.xml and the rest in ci/",
            "  ./vtlab course --pause",
            "      for a live class: waits for Enter before each lesson",
            "",
            "Exit codes: 0 every step showed its point or was inconclusive (a race that",
            "did not happen this time); 2 a bad option or --out; 3 a step was FORBIDDEN;",
            "4 the environment (a folder or a recording that cannot be written)."})
final class CourseCommand implements Callable<Integer> {

    /**
     * Below this not even the course's fixed costs fit (two JVMs, Flight Recorder's start, four recordings and their
     * summaries: about 5 s of the 6.7 s the floors took on an idle 2-core machine, OpenJDK 21.0.13). Between this and
     * what the floors take, the course runs at the floors and says by how much it went over: on a busy machine
     * (load average 11) the floors took 13.3 s.
     */
    static final Duration MIN_BUDGET = Duration.ofSeconds(5);

    /** Set on a relaunched course: when the first JVM started, in milliseconds since the epoch. */
    static final String STARTED = "vtlab.course.startedAt";

    /**
     * The course's clock starts with its JVM, which a user's {@code time ./vtlab course} sees too, unless the JVM
     * started longer ago than this before the command: then it is not a JVM started for this command (a test's).
     */
    private static final Duration JVM_START = Duration.ofSeconds(5);

    private static final int CARRIERS = 2;

    @Spec
    CommandSpec spec;

    @ParentCommand
    VtlabCommand parent;

    @Option(names = "--out", paramLabel = "DIR",
            description = {"The folder for the files: an existing folder, or a new one in an existing",
                "folder (default: course-TIME). Example: --out /tmp/course"})
    String out;

    @Option(names = "--budget", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = {"Keep the whole course to this long (at least 5s): delays, holds, work and",
                "trial counts are scaled down, and the course says what it scaled (default: no",
                "budget, every lesson at its defaults). Example: --budget 20s"})
    Duration budget;

    @Option(names = "--pause",
            description = {"Wait for Enter before each lesson, for a live class; ignored when stdin is",
                "not a terminal. Example: --pause"})
    boolean pause;

    @Override
    public Integer call() throws InterruptedException {
        long now = System.currentTimeMillis();
        long started = Long.getLong(STARTED, Math.max(ManagementFactory.getRuntimeMXBean().getStartTime(),
                now - JVM_START.toMillis()));
        if (budget != null && budget.compareTo(MIN_BUDGET) < 0) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--budget': "
                    + DurationFormat.format(budget) + " is too short; use at least "
                    + DurationFormat.format(MIN_BUDGET) + " (the course's fixed costs alone take about that)");
        }
        String dir = out != null ? out : "course-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern(
                "yyyyMMdd-HHmmss", Locale.ROOT));
        Folder folder = folder(dir);
        if (PinningLesson.carriers() != CARRIERS
                || !Integer.toString(CARRIERS).equals(System.getProperty(PinningLesson.PARALLELISM))) {
            List<String> args = new ArrayList<>(spec.commandLine().getParseResult().originalArgs());
            if (out == null) {
                args.add("--out=" + dir);
            }
            return ChildJvm.rerun(spec, List.of("-D" + PinningLesson.PARALLELISM + "=" + CARRIERS,
                    "-D" + STARTED + "=" + started, "-D" + PauseForEnter.INTERACTIVE + "="
                    + PauseForEnter.interactive()), args);
        }
        try {
            folder.create();
        } catch (IOException e) {
            throw new EnvironmentException("--out: " + e.getMessage(), e);
        }
        var text = new TextRenderer(spec.commandLine().getOut(), parent.style());
        var run = new CourseRun(folder, spec.commandLine().getErr(), text,
                new Budget(budget, Duration.ofMillis(Math.max(0, System.currentTimeMillis() - started))),
                PauseForEnter.of(pause, PauseForEnter.interactive(), System.in), LessonRunner.command(spec));
        return run.run(pause);
    }

    /** {@code --out}: a folder that exists or can be made, or a usage error naming the path and why not. */
    private Folder folder(String dir) {
        try {
            return Folder.of(Path.of(dir));
        } catch (InvalidPathException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--out': '" + dir
                    + "' is not a folder name (" + e.getReason() + ")");
        } catch (FileSystemException e) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--out': '" + dir + "' "
                    + e.getReason() + "; use an existing folder or a new one in an existing folder");
        }
    }
}
