package dev.vtlab.report;

import dev.vtlab.lesson.AccountLesson.Result;
import dev.vtlab.lesson.AccountLesson.Row;
import dev.vtlab.lesson.AccountLesson.Setup;
import dev.vtlab.lesson.Transaction;
import dev.vtlab.report.LessonJson.Machine;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import static dev.vtlab.report.LessonJson.millis;
import static dev.vtlab.report.LessonJson.round;

/** The account lesson as one JSON document, for scripts: parameters, model, distribution, grades, machine. */
public final class AccountJson {

    record Document(String lesson, Parameters parameters, Machine machine, Model model, List<Observed> observed,
                    long lostUpdateTrials, String verdict, double elapsedMs) {
    }

    /** @param delaysMs each transaction's delay, by name, in the order of {@code transactions} */
    record Parameters(String threads, String sync, long start, List<Transaction> transactions, long expected,
                      int trials, boolean sequential, Map<String, Double> delaysMs, double jitterMs,
                      String schedule) {
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
                s.expected(), s.trials(), s.sequential(), delays(s), millis(s.jitter()),
                s.schedule() == null ? null : s.schedule().cliName());
        List<Predicted> predicted = result.model().endings().stream()
                .map(e -> new Predicted(e.value(), e.interleavings(), AccountReport.meaning(e))).toList();
        List<Observed> observed = result.distribution().stream().map(AccountJson::observed).toList();
        var doc = new Document("account", parameters, Machine.current(),
                new Model(result.model().interleavings(), predicted), observed, result.lostUpdateTrials(),
                result.verdict().name().toLowerCase(Locale.ROOT), millis(elapsed));
        LessonJson.print(out, doc);
    }

    private static Map<String, Double> delays(Setup s) {
        Map<String, Double> delays = new LinkedHashMap<>();
        s.transactions().forEach(t -> delays.put(t.name(), millis(s.delays().of(t))));
        return delays;
    }

    private static Observed observed(Row row) {
        return new Observed(row.value(), row.share().count(), round(100 * row.share().fraction()),
                round(100 * row.share().low()), round(100 * row.share().high()), AccountReport.meaning(row.ending()),
                row.grade().name());
    }
}
