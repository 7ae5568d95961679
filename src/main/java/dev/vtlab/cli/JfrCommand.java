package dev.vtlab.cli;

import dev.vtlab.jfr.RecordingSummary;
import dev.vtlab.report.JfrReport;
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
        header = "(tool) Summarise a Flight Recorder recording: pinning, lock contention, the lab's events.",
        description = {
            "Summarise a Flight Recorder recording: pinned virtual threads (where and how long), monitor",
            "contention and java.util.concurrent lock contention by lock class and site, and the lab's own events.",
            "Works on any JDK 21 recording, not only the lab's. java.util.concurrent contention is rebuilt from",
            "jdk.ThreadPark events, which JDK Mission Control's lock view and 'jfr view contention-by-site' ignore."},
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
        new JfrReport(spec.commandLine().getOut(), parent.style()).render(file.toString(), summary);
        return ExitCode.OK.code();
    }

    private ParameterException bad(String why) {
        return new ParameterException(spec.commandLine(), "'" + file + "' " + why);
    }
}
