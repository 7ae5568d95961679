package dev.vtlab.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.vtlab.course.Judgement;
import dev.vtlab.course.Knobs;
import dev.vtlab.course.Step;
import dev.vtlab.course.Step.Lesson;
import dev.vtlab.course.Verdict;
import dev.vtlab.lesson.Grade;
import dev.vtlab.report.Block.Column;
import dev.vtlab.report.Block.Heading;
import dev.vtlab.report.Block.Para;
import dev.vtlab.report.Block.Row;
import dev.vtlab.report.Block.Span;
import dev.vtlab.report.Block.Table;
import dev.vtlab.report.Block.Tone;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * {@code vtlab course}'s view: a line per step as the course goes, a table per lesson at the end, and the course as
 * one page whose runs are the steps, each with its lesson's own document: {@code results.json}, the closing text,
 * and the data {@link JUnitXml} and the index page are made from. Computes nothing the steps did not say: the
 * verdicts come from the syllabus's rules.
 */
public final class CourseReport {

    /** The live table's columns, fixed so that rows printed one at a time line up. */
    private static final List<Column> STEP_COLUMNS = List.of(new Column("#", true, 1), new Column("lesson", false, 7),
            new Column("step", false, 12), new Column("grade", false, 11), new Column("time", true, 6),
            Column.left("what it showed"));

    private CourseReport() {
    }

    /**
     * One step that ended, or that a stop kept from ending.
     *
     * @param knobs    the settings it ran with
     * @param page     the lesson's page, or null if it made none (an error, a stop)
     * @param took     the command's own time, from its start to its exit
     * @param exitCode the command's exit code
     * @param error    its first line on stderr when it failed, else null
     * @param file     the file its text output went to, or null
     */
    public record Done(Step step, Knobs knobs, Page page, Judgement judgement, Duration took, int exitCode,
                       String error, String file) {
        public String command() {
            return step.command(knobs);
        }

        /** The page's grade, or null when there is none. */
        public Grade grade() {
            return page == null || page.grade() == null ? null : Grade.valueOf(page.grade());
        }
    }

    /**
     * One lesson of the course, once its steps ended.
     *
     * @param took        from its first step's start to its recording's summary
     * @param recording   its Flight Recorder file, or null if none was kept
     * @param summary     the file of {@code vtlab jfr}'s summary of it, or null
     * @param summaryPage that summary's page, for the index, or null
     * @param note        why there is no recording or summary, or null
     */
    public record LessonDone(Lesson lesson, Duration took, String recording, String summary, Page summaryPage,
                             String note) {
    }

    /**
     * The course so far: everything its files and its closing text say.
     *
     * @param budget    {@code --budget}, or null
     * @param estimate  what the course takes at the defaults, by the budget's first estimate
     * @param stoppedAt the step a signal stopped, or null
     * @param took      from the start (of the first JVM, when the course relaunched itself) to now
     */
    public record Course(String command, Page.Machine machine, LocalDateTime started, String folder, Duration budget,
                         Duration estimate, List<Step> steps, List<Done> done, List<LessonDone> lessons,
                         Step stoppedAt, Duration took) {
        public Course {
            steps = List.copyOf(steps);
            done = List.copyOf(done);
            lessons = List.copyOf(lessons);
        }

        /** The steps that ran with other settings than the defaults, as the commands that ran. */
        public List<String> scaled() {
            return done.stream().filter(d -> !d.command().equals(d.step().command(Knobs.DEFAULTS)))
                    .map(Done::command).toList();
        }

        /** Each verdict's count, a step not run counting as {@link Verdict#NOT_RUN}. */
        public Map<Verdict, Integer> counts() {
            Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
            for (Verdict v : Verdict.values()) {
                counts.put(v, 0);
            }
            done.forEach(d -> counts.merge(d.judgement().verdict(), 1, Integer::sum));
            counts.merge(Verdict.NOT_RUN, steps.size() - done.size(), Integer::sum);
            return counts;
        }

        /** The worst grade of the steps' pages. */
        public Grade grade() {
            return done.stream().map(Done::grade).filter(Objects::nonNull).max(Grade::compareTo).orElse(null);
        }
    }

    // ---- text, as the course goes -----------------------------------------------------------------------------

    /** The heading, the machine, and what the budget does. */
    public static List<Block> opening(Course c, Knobs plan) {
        List<Block> blocks = new ArrayList<>();
        long lessons = c.steps().stream().map(Step::lesson).distinct().count();
        blocks.add(new Heading(1, "== vtlab course: " + lessons + " lessons in " + c.steps().size()
                + " steps, in teaching order =="));
        blocks.add(Para.of(Tone.DIM, "JDK " + c.machine().jdk() + ", " + c.machine().cores() + " cores; files go to "
                + c.folder() + "/"));
        blocks.add(Para.of(Tone.DIM, budget(c, plan)));
        blocks.add(new Block.Blank());
        return blocks;
    }

    private static String budget(Course c, Knobs plan) {
        String estimate = "about " + seconds(c.estimate()) + " here";
        if (c.budget() == null) {
            return "No budget: every lesson at its defaults (" + estimate + ").";
        }
        List<String> changes = plan.changes();
        if (changes.isEmpty()) {
            return "Budget " + seconds(c.budget()) + ": the defaults fit (" + estimate + "); nothing is scaled"
                    + " unless the course falls behind (it plans again before each lesson).";
        }
        return "Budget " + seconds(c.budget()) + ": the defaults take " + estimate + ", so the course scales "
                + String.join(", ", changes) + " (and plans again before each lesson, by the time left).";
    }

    /** A step's row, as it ends; the first row brings the column headings. */
    public static Block row(Done d, boolean heading) {
        return new Table(STEP_COLUMNS, List.of(stepRow(d)), heading, 0);
    }

    private static Row stepRow(Done d) {
        Grade grade = d.grade();
        Verdict verdict = d.judgement().verdict();
        String showed = verdict == Verdict.SHOWN ? d.judgement().showed()
                : verdict.word().toUpperCase(Locale.ROOT) + ": " + d.judgement().showed();
        return new Row(List.of(Span.plain(Integer.toString(d.step().number())), Span.plain(d.step().lesson().name()),
                Span.plain(d.step().name()),
                grade == null ? Span.plain("-") : new Span(grade.name(), Tone.of(grade)),
                Span.plain(seconds(d.took())), new Span(showed, tone(verdict))), Tone.PLAIN, null);
    }

    private static Tone tone(Verdict verdict) {
        return switch (verdict) {
            case SHOWN -> Tone.PLAIN;
            case INCONCLUSIVE, NOT_RUN -> Tone.WARN;
            case FAILED, ERROR -> Tone.BAD;
        };
    }

    /** What to say before a lesson when the course pauses for the teacher. */
    public static Para pause(Lesson lesson) {
        return Para.of(Tone.BOLD, "Next: lesson " + lesson.number() + ", " + lesson.name() + ": " + lesson.point()
                + ". Press Enter to run it.");
    }

    // ---- text, at the end -------------------------------------------------------------------------------------

    /** The table per lesson, the verdict, the time against the budget, what was scaled, and the files. */
    public static List<Block> closing(Course c) {
        List<Block> blocks = new ArrayList<>();
        blocks.add(new Block.Blank());
        blocks.add(new Heading(2, "What the course showed:"));
        blocks.add(lessonTable(c));
        blocks.add(new Block.Blank());
        blocks.add(verdict(c));
        blocks.add(Para.of(time(c)));
        if (c.budget() != null) {
            List<String> scaled = c.done().stream().filter(d -> !changes(d).isEmpty())
                    .map(d -> d.step().number() + " " + d.step().lesson().name() + " " + changes(d)).toList();
            blocks.add(Para.of(scaled.isEmpty() ? "Nothing was scaled: every step ran at its defaults."
                    : "Scaled to keep to the budget: " + String.join("; ", scaled) + "."));
        }
        return blocks;
    }

    /** The options of a step's command whose values are not the course's defaults: {@code --delay 40ms}. */
    static String changes(Done d) {
        List<String> ran = d.step().args().apply(d.knobs());
        List<String> defaults = d.step().args().apply(Knobs.DEFAULTS);
        List<String> changed = new ArrayList<>();
        for (int i = 0; i + 1 < ran.size(); i++) {
            if (ran.get(i).startsWith("--") && !ran.get(i + 1).startsWith("--")) {
                int at = defaults.indexOf(ran.get(i));
                if (at < 0 || at + 1 >= defaults.size() || !defaults.get(at + 1).equals(ran.get(i + 1))) {
                    changed.add(ran.get(i) + " " + ran.get(i + 1));
                }
            }
        }
        return String.join(" ", changed);
    }

    /** A row per lesson: its worst grade, its time, and each step's words. */
    static Table lessonTable(Course c) {
        List<Row> rows = new ArrayList<>();
        for (LessonDone l : c.lessons()) {
            List<Done> steps = c.done().stream().filter(d -> d.step().lesson().equals(l.lesson())).toList();
            Grade worst = steps.stream().map(Done::grade).filter(Objects::nonNull).max(Grade::compareTo)
                    .orElse(null);
            List<String> words = new ArrayList<>();
            for (Done d : steps) {
                Verdict v = d.judgement().verdict();
                words.add((steps.size() > 1 ? d.step().name() + ": " : "")
                        + (v == Verdict.SHOWN ? "" : v.word() + ": ") + d.judgement().showed());
            }
            rows.add(new Row(List.of(Span.plain(l.lesson().name()),
                    worst == null ? Span.plain("-") : new Span(worst.name(), Tone.of(worst)),
                    Span.plain(seconds(l.took())), Span.plain(String.join("; ", words))), Tone.PLAIN, null));
        }
        return new Table(List.of(new Column("lesson", false, 7), new Column("grade", false, 11),
                new Column("time", true, 6), Column.left("what it showed")), rows, true, 0);
    }

    /** The course's verdict in one sentence, in its tone. */
    public static Para verdict(Course c) {
        Map<Verdict, Integer> n = c.counts();
        String counts = count(n, Verdict.SHOWN) + count(n, Verdict.INCONCLUSIVE) + count(n, Verdict.FAILED)
                + count(n, Verdict.ERROR) + count(n, Verdict.NOT_RUN);
        counts = counts.substring(2);
        if (c.stoppedAt() != null) {
            return Para.of(Tone.WARN, "Stopped during step " + c.stoppedAt().number() + " of " + c.steps().size()
                    + " (" + c.stoppedAt().lesson().name() + ", " + c.stoppedAt().name() + "): " + counts + ".");
        }
        if (n.get(Verdict.FAILED) > 0) {
            return Para.of(Tone.FORBIDDEN, "FORBIDDEN: a promise was broken (" + counts + ").");
        }
        if (n.get(Verdict.ERROR) > 0) {
            return Para.of(Tone.BAD, "Not every step could run (" + counts + ").");
        }
        if (n.get(Verdict.INCONCLUSIVE) > 0) {
            return Para.of(Tone.WARN, "No promise was broken, but not every race showed this time (" + counts
                    + "); run the course again, or the inconclusive step alone.");
        }
        return Para.of(Tone.GOOD, "Every lesson showed its point (" + counts + ").");
    }

    private static String count(Map<Verdict, Integer> n, Verdict v) {
        int k = n.get(v);
        return k == 0 ? "" : ", " + k + " " + v.word().toLowerCase(Locale.ROOT);
    }

    private static String time(Course c) {
        String took = "Took " + seconds(c.took());
        if (c.budget() == null) {
            return took + ".";
        }
        Duration over = c.took().minus(c.budget());
        return took + " of a budget of " + seconds(c.budget()) + (over.isNegative() || over.isZero()
                ? "." : ": " + seconds(over) + " over (the floors of the settings, or a slower machine than"
                + " measured).");
    }

    /** Seconds to a tenth: {@code 12.3 s}. */
    public static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    // ---- the page: results.json, and the index's head ---------------------------------------------------------

    /** The course as one page of the one schema: lesson {@code course}, a run per step with its own document. */
    public static Page page(Course c) {
        Grade grade = c.grade();
        List<Block> blocks = new ArrayList<>(closing(c));
        return new Page(Page.SCHEMA, "course", "the whole course, in teaching order", c.command(), c.machine(),
                grade == null ? null : grade.name(), c.stoppedAt() != null,
                c.done().stream().map(d -> (Object) data(d)).toList(), summary(c), blocks);
    }

    /**
     * A step in {@code results.json}.
     *
     * @param verdict  shown, inconclusive, failed, error
     * @param showed   what it showed, or why it was inconclusive or failed
     * @param grade    its page's worst grade, or null
     * @param document the lesson's own document, as {@code --format json} writes it, or null if it made none
     */
    @JsonPropertyOrder({"number", "lesson", "step", "command", "verdict", "showed", "grade", "elapsedMs",
        "exitCode", "error", "file", "document"})
    record StepData(int number, String lesson, String step, String command, String verdict, String showed,
                    String grade, double elapsedMs, int exitCode, String error, String file, Page document) {
    }

    /**
     * @param recording its recording's file, or null
     * @param summary   the file of the recording's summary, or null
     */
    record LessonData(String lesson, double elapsedMs, String recording, String summary, String note) {
    }

    /**
     * @param verdict   shown (every step), inconclusive, failed, error, or stopped
     * @param stoppedAt the step a signal stopped, or null
     * @param scaled    the commands that ran with other settings than the defaults
     */
    record Summary(String verdict, int steps, Map<String, Integer> counts, double elapsedMs, Double budgetMs,
                   Double estimateMs, List<String> scaled, Integer stoppedAt, String folder,
                   List<LessonData> lessons) {
    }

    private static StepData data(Done d) {
        Grade grade = d.grade();
        return new StepData(d.step().number(), d.step().lesson().name(), d.step().name(), d.command(),
                key(d.judgement().verdict()), d.judgement().showed(), grade == null ? null : grade.name(),
                Millis.json(d.took()), d.exitCode(), d.error(), d.file(), d.page());
    }

    /** A verdict in results.json: {@code shown}, {@code inconclusive}, {@code failed}, {@code error}, {@code not-run}. */
    static String key(Verdict v) {
        return v.word().toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    private static Summary summary(Course c) {
        Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        c.counts().forEach((v, n) -> counts.put(key(v), n));
        return new Summary(overall(c), c.steps().size(), counts, Millis.json(c.took()),
                c.budget() == null ? null : Millis.json(c.budget()),
                c.estimate() == null ? null : Millis.json(c.estimate()), c.scaled(),
                c.stoppedAt() == null ? null : c.stoppedAt().number(), c.folder(),
                c.lessons().stream().map(l -> new LessonData(l.lesson().name(), Millis.json(l.took()), l.recording(),
                        l.summary(), l.note())).toList());
    }

    /** The course's verdict in a word: stopped, failed, error, inconclusive, or shown. */
    public static String overall(Course c) {
        Map<Verdict, Integer> n = c.counts();
        if (c.stoppedAt() != null) {
            return "stopped";
        }
        if (n.get(Verdict.FAILED) > 0) {
            return "failed";
        }
        if (n.get(Verdict.ERROR) > 0) {
            return "error";
        }
        return n.get(Verdict.INCONCLUSIVE) > 0 ? "inconclusive" : "shown";
    }
}
