package dev.vtlab.cli;

import dev.vtlab.report.Page;
import dev.vtlab.report.Style;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One vtlab command run inside this JVM, as {@code vtlab course} runs its steps: a command line of its own (the
 * same wiring as {@link Cli#create()}, so its errors and exit codes are the real ones), its text captured, and the
 * pages it made collected through {@link VtlabCommand#pages(java.util.function.Consumer)}.
 *
 * @param exitCode what the command returned
 * @param pages    the pages it made: one for a lesson that ran to its end, none for one that failed
 * @param out      its stdout, plain text
 * @param err      its stderr
 * @param took     from the call to its return
 */
record InProcessRun(int exitCode, List<Page> pages, String out, String err, Duration took) {

    InProcessRun {
        pages = List.copyOf(pages);
    }

    /** Runs {@code args} (without {@code ./vtlab}) on the calling thread. */
    static InProcessRun of(List<String> args) {
        var out = new StringWriter();
        var err = new StringWriter();
        CommandLine cli = Cli.create(new PrintWriter(out, true), new PrintWriter(err, true), Style.plain());
        List<Page> pages = new ArrayList<>(); // the calling thread: the runner hands pages over on the command's
        ((VtlabCommand) cli.getCommand()).pages(pages::add);
        long start = System.nanoTime();
        int code = cli.execute(args.toArray(String[]::new));
        return new InProcessRun(code, pages, out.toString(), err.toString(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** The first line the command wrote on stderr, or null: a failing command's one-line reason. */
    String firstError() {
        return err.lines().filter(l -> !l.isBlank()).findFirst().orElse(null);
    }
}
