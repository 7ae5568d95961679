package dev.vtlab.report;

import dev.vtlab.cli.Cli;
import dev.vtlab.jfr.RecordingSummary;
import dev.vtlab.jfr.SubtaskEvents;
import dev.vtlab.lesson.AccountLesson;
import dev.vtlab.lesson.CounterLesson;
import dev.vtlab.lesson.FailureLesson;
import dev.vtlab.lesson.Grade;
import dev.vtlab.lesson.Lesson;
import dev.vtlab.lesson.PinningLesson;
import dev.vtlab.lesson.Transaction;
import dev.vtlab.report.LessonView.Ran;
import dev.vtlab.sync.Sync;
import dev.vtlab.sync.Trace;
import dev.vtlab.threading.ThreadKind;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Pages of the real lessons, short runs of each: the lesson runs and its view makes the blocks and data, as
 * cli/LessonRunner does for {@code --format json}; and {@code vtlab jfr}'s page of a pinning run's recording. Built once per test JVM (the four lessons take about two
 * seconds together), within {@link #LIMIT}: a lesson that hangs fails the tests instead of stalling the build.
 */
final class LessonPages {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    private static Map<String, Page> pages; // guarded by LessonPages.class; written once, by the first caller

    private LessonPages() {
    }

    static synchronized Map<String, Page> all() throws Exception {
        if (pages == null) {
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                Future<Map<String, Page>> made = pool.submit(LessonPages::make);
                try {
                    pages = made.get(LIMIT.toSeconds(), TimeUnit.SECONDS);
                } catch (TimeoutException e) {
                    made.cancel(true); // the lessons stop on interrupt, so close() does not wait for ever
                    throw new AssertionError("the lessons' pages took more than " + LIMIT.toSeconds() + " s", e);
                }
            }
        }
        return pages;
    }

    private static Map<String, Page> make() throws Exception {
        Map<String, Page> made = new LinkedHashMap<>();
        Duration delay = Duration.ofMillis(20);
        made.put("lesson-counter", page(new CounterLesson(List.of(Sync.NONE, Sync.LOCK, Sync.CAS).stream()
                .map(sync -> new CounterLesson.Setup(ThreadKind.VIRTUAL, sync, 2, delay, false)).toList()),
                new CounterView(false), "./vtlab counter --delay 20ms, then --sync cas"));
        made.put("lesson-account", page(new AccountLesson(new AccountLesson.Setup(ThreadKind.VIRTUAL, Sync.NONE,
                100, Transaction.named(List.of(50L, -150L)), Duration.ofMillis(1), Duration.ofMillis(1), 200,
                false, null)), new AccountView(false, true), "./vtlab account --trials 200 --timeline"));
        // more workers than the test JVM's carriers, so that synchronized pins them all and the heartbeat stalls
        int carriers = PinningLesson.carriers();
        made.put("lesson-pinning", page(new PinningLesson(List.of(PinningLesson.Guard.SYNCHRONIZED,
                PinningLesson.Guard.LOCK).stream().map(g -> new PinningLesson.Setup(g, carriers + 2,
                Duration.ofMillis(40), Duration.ofMillis(5))).toList()), new PinningView(),
                "./vtlab pinning --workers " + (carriers + 2) + " --carriers " + carriers + " --hold 40ms --tick 5ms"));
        made.put("lesson-failure", page(new FailureLesson(new FailureLesson.Setup(ThreadKind.VIRTUAL, 3,
                Duration.ofMillis(30), Duration.ofMillis(300), Optional.of(FailureLesson.Failure.ILLEGAL_STATE)),
                SubtaskEvents.OBSERVER), new FailureView(), "./vtlab failure --fail-after 30ms --work 300ms"));
        made.put("lesson-jfr", recording());
        return Collections.unmodifiableMap(made);
    }

    /** {@code vtlab jfr} of a pinning run's recording: the page of a tool, with pinning and contention in it. */
    private static Page recording() throws Exception {
        Path dir = Files.createTempDirectory("vtlab-html-jfr-");
        try {
            Path file = dir.resolve("pinning.jfr");
            var err = new StringWriter();
            int exit = Cli.create(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true))
                    .execute("pinning", "--workers", "3", "--hold", "30ms", "--jfr=" + file);
            if (exit != 0) {
                throw new AssertionError("pinning --jfr exited " + exit + ": " + err);
            }
            return JfrView.page(file.toString(), "./vtlab jfr " + file.getFileName(), RecordingSummary.read(file));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The sample pages made by hand, then the real lessons' pages. */
    static Map<String, Page> andSamples() throws Exception {
        Map<String, Page> every = new LinkedHashMap<>(SamplePages.all());
        every.putAll(all());
        return every;
    }

    private static <S, R> Page page(Lesson<S, R> lesson, LessonView<S, R> view, String command) throws Exception {
        List<Block> blocks = new ArrayList<>();
        List<Ran<S, R>> runs = new ArrayList<>();
        lesson.prepare();
        for (S setup : lesson.setups()) {
            blocks.addAll(view.before(setup));
            long start = System.nanoTime();
            R result = lesson.run(setup, Trace.none());
            Ran<S, R> ran = new Ran<>(setup, result, Duration.ofNanos(System.nanoTime() - start));
            runs.add(ran);
            blocks.addAll(view.after(ran));
        }
        blocks.addAll(view.summary(runs));
        Grade worst = runs.stream().map(r -> lesson.grade(r.result())).max(Grade::compareTo).orElse(null);
        return new Page(Page.SCHEMA, lesson.name(), view.title(), command, Page.Machine.current(),
                worst == null ? null : worst.name(), false, runs.stream().map(view::data).toList(),
                view.summaryData(runs), blocks);
    }
}
