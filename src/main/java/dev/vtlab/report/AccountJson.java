package dev.vtlab.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vtlab.lesson.AccountLesson.Result;
import dev.vtlab.lesson.AccountLesson.Row;
import dev.vtlab.lesson.AccountLesson.Setup;
import dev.vtlab.lesson.Interleavings.Ending;
import dev.vtlab.lesson.Transaction;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/** The account lesson as one JSON document, for scripts: parameters, model, distribution, grades, machine. */
public final class AccountJson {

    record Document(String lesson, Parameters parameters, Machine machine, Model model, List<Observed> observed,
                    long lostUpdateTrials, String verdict, double elapsedMs) {
    }

    record Parameters(String threads, String sync, long start, List<Transaction> transactions, long expected,
                      int trials, boolean sequential, double delayMs, double jitterMs, String schedule) {
    }

    record Machine(String jdk, String vendor, int cores) {
    }

    record Model(long interleavings, List<Predicted> endings) {
    }

    record Predicted(long balance, long interleavings, String meaning) {
    }

    record Observed(long balance, long trials, double percent, double ci95Low, double ci95High, String meaning,
                    String grade) {
    }

    private AccountJson() {
    }

    public static void write(PrintWriter out, Result result, Duration elapsed) {
        Setup s = result.setup();
        var parameters = new Parameters(s.threads().cliName(), s.sync().cliName(), s.start(), s.transactions(),
                s.expected(), s.trials(), s.sequential(), millis(s.delay()), millis(s.jitter()),
                s.schedule() == null ? null : s.schedule().cliName());
        var machine = new Machine(Runtime.version().toString(), System.getProperty("java.vendor"),
                Runtime.getRuntime().availableProcessors());
        List<Predicted> predicted = result.model().endings().stream()
                .map(e -> new Predicted(e.value(), e.interleavings(), AccountReport.meaning(e, s))).toList();
        List<Observed> observed = result.distribution().stream().map(r -> observed(r, s)).toList();
        var doc = new Document("account", parameters, machine,
                new Model(result.model().interleavings(), predicted), observed, result.lostUpdateTrials(),
                result.verdict().name().toLowerCase(java.util.Locale.ROOT), millis(elapsed));
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Observed observed(Row row, Setup setup) {
        Ending ending = row.ending();
        return new Observed(row.value(), row.share().count(), round(100 * row.share().fraction()),
                round(100 * row.share().low()), round(100 * row.share().high()), AccountReport.meaning(ending, setup),
                row.grade().name());
    }

    private static double millis(Duration d) {
        return round(d.toNanos() / 1e6);
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
