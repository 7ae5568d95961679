package dev.vtlab.cli;

import dev.vtlab.jfr.RecordingSummary;
import dev.vtlab.report.JfrView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code vtlab jfr FILE}. A file the user names that is missing, unreadable, not a recording or cut short is a bad
 * argument: one line and exit code 2, like any other bad value.
 */
@Command(name = "jfr", mixinStandardHelpOptions = true,
        header = "(tool) Summarise a Flight Recorder recording: pinning, the lesson's contention, the lab's events.",
        description = {
            "Summarise a Flight Recorder recording: pinned virtual threads (where, how long, and which threads, by",
            "the names the lab gives them: task 1, deposit, worker 2), lock contention, and the lab's own events.",
            "Contention is monitor waits (jdk.JavaMonitorEnter) and java.util.concurrent lock waits rebuilt from",
            "jdk.ThreadPark (which JDK Mission Control's lock view and 'jfr view contention-by-site' ignore), by",
            "lock class and site. The lesson's come first: waits for a lock that the lesson's code asked for (its",
            "guard), or for the monitor of one of its objects. Then, one line per class that took the lock, the",
            "machinery's, which are not the lesson's: the JDK's (loading and initializing classes, thread pools and",
            "queues, the virtual threads' sleep timer), Flight Recorder's, the lab's own (printing, recording,",
            "naming threads) and its libraries'. Works on any JDK 21 recording: there, code that is not the JDK's,",
            "the lab's or its libraries' counts as the lesson's."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./vtlab pinning --jfr=pinning.jfr && ./vtlab jfr pinning.jfr",
            "      record the pinning lesson, then summarise it: 4 pinned threads",
            "  ./vtlab counter --sync synchronized --jfr=c.jfr && ./vtlab jfr c.jfr",
            "      the lesson's own monitor, apart from the JVM's and the lab's locks",
            "",
            "Exit codes: 0 summarised; 2 the file is missing, unreadable, not a recording,",
            "or cut short."})
final class JfrCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    VtlabCommand parent;

    @picocli.CommandLine.Mixin
    FormatOption format;

    @Parameters(paramLabel = "FILE", description = "A .jfr recording. Example: recordings/pinning.jfr")
    Path file;

    @Override
    public Integer call() {
        if (!Files.exists(file)) {
            throw bad("no such file");
        }
        if (Files.isDirectory(file)) {
            throw bad("is a folder, not a recording");
        }
        RecordingSummary summary;
        try {
            summary = RecordingSummary.read(file);
        } catch (AccessDeniedException e) {
            throw bad("cannot be read (permission denied)");
        } catch (IOException e) {
            throw bad("is not a whole Flight Recorder recording (" + e.getMessage() + ")");
        }
        format.write(JfrView.page(file.toString(), LessonRunner.command(spec), summary), spec.commandLine().getOut(),
                parent.style());
        return ExitCode.OK.code();
    }

    private ParameterException bad(String why) {
        return new ParameterException(spec.commandLine(), "'" + file + "' " + why);
    }
}
