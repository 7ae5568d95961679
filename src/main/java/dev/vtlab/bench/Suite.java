package dev.vtlab.bench;

import dev.vtlab.lesson.CounterLesson;
import dev.vtlab.threading.Subtasks;
import dev.vtlab.threading.TaskFailedException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The suites of {@code vtlab bench}: what each one runs, in which rows, and which figures its table shows. */
public enum Suite {

    /** N sleeping tasks on platform pools, a thread per task, and virtual threads. */
    SCALE("scale", 5, 1) {
        @Override
        List<Config> plan(Settings s) {
            List<Config> rows = new ArrayList<>();
            for (ScaleWay way : ScaleWay.values()) {
                if (s.includes(way.cliName())) {
                    rows.add(new Config(this,
                            Map.of("way", way.cliName(), "tasks", Integer.toString(s.taskCount()),
                                    "delay_ns", Long.toString(s.sleep().toNanos())),
                            columns("way", way.description(), "N", String.format(Locale.ROOT, "%,d", s.taskCount()),
                                    "D", s.sleep().toMillis() + " ms"),
                            way.skipReason(s.taskCount(), s.sleep())));
                }
            }
            return rows;
        }

        @Override
        Sample measure(Map<String, String> p) throws Exception {
            return byName(ScaleWay.values(), ScaleWay::cliName, p.get("way"))
                    .run(Integer.parseInt(p.get("tasks")), Duration.ofNanos(Long.parseLong(p.get("delay_ns"))));
        }

        @Override
        public List<Figure> figures() {
            return List.of(
                    new Figure.PerRun("wall ms", r -> r.get("wall_ns") / 1e6),
                    new Figure.PerRun("overhead µs/task",
                            r -> (r.get("wall_ns") - r.get("ideal_ns")) / 1e3 / r.get("tasks")),
                    new Figure.PerRow("cold first run ms", row -> row.warmups().isEmpty() ? OptionalDouble.empty()
                            : OptionalDouble.of(row.warmups().getFirst().get("wall_ns") / 1e6)),
                    new Figure.PerRow("peak platform threads", row -> max(row, "peak_platform_threads")),
                    new Figure.PerRow("peak tasks in flight", row -> max(row, "peak_in_flight")),
                    new Figure.PerRow("peak RSS MB", Suite::rssMb));
        }
    },

    /** Increments per second of six counters on 2 platform threads and on 2, 100 and 10,000 virtual threads. */
    LOCKS("locks", 5, 3) {
        @Override
        List<Config> plan(Settings s) {
            List<Config> rows = new ArrayList<>();
            for (LockWay way : LockWay.values()) {
                if (!s.includes(way.cliName())) {
                    continue;
                }
                for (Settings.LockThreads cell : s.lockThreads()) {
                    rows.add(new Config(this,
                            Map.of("way", way.cliName(), "virtual", Boolean.toString(cell.virtual()),
                                    "threads", Integer.toString(cell.threads()), "ops", Long.toString(s.increments())),
                            columns("way", way.description(),
                                    "threads", String.format(Locale.ROOT, "%,d %s", cell.threads(),
                                            cell.virtual() ? "virtual" : "platform"),
                                    "increments", String.format(Locale.ROOT, "%,d", s.increments())),
                            null));
                }
            }
            return rows;
        }

        @Override
        Sample measure(Map<String, String> p) throws Exception {
            return byName(LockWay.values(), LockWay::cliName, p.get("way")).run(
                    Boolean.parseBoolean(p.get("virtual")), Integer.parseInt(p.get("threads")),
                    Long.parseLong(p.get("ops")));
        }

        @Override
        public List<Figure> figures() {
            return List.of(
                    new Figure.PerRun("M increments/s", r -> r.get("ops") * 1e3 / r.get("wall_ns")),
                    new Figure.PerRun("lost updates", r -> r.get("lost")),
                    new Figure.PerRun(OVERLAP, r -> r.get("overlap_ppm") / 1e4),
                    new Figure.PerRow("peak RSS MB", Suite::rssMb));
        }
    },

    /** The cost of a StructuredTaskScope fork and join against hand-started virtual threads and an executor. */
    SCOPE("scope", 5, 3) {
        @Override
        List<Config> plan(Settings s) {
            List<Config> rows = new ArrayList<>();
            for (int n : s.subtaskCounts()) {
                for (boolean fromVirtual : new boolean[] {false, true}) {
                    for (Subtasks way : Subtasks.values()) {
                        if (s.includes(way.cliName())) {
                            rows.add(new Config(this,
                                    Map.of("way", way.cliName(), "from_virtual", Boolean.toString(fromVirtual),
                                            "subtasks", Integer.toString(n),
                                            "budget", Integer.toString(s.subtaskBudget())),
                                    columns("subtasks", String.format(Locale.ROOT, "%,d", n),
                                            "way", way.cliName(),
                                            "forked from", fromVirtual ? "a virtual thread" : "main"),
                                    null));
                        }
                    }
                }
            }
            return rows;
        }

        @Override
        Sample measure(Map<String, String> p) throws Exception {
            Subtasks way = byName(Subtasks.values(), Subtasks::cliName, p.get("way"));
            int n = Integer.parseInt(p.get("subtasks"));
            int rounds = Math.max(1, Integer.parseInt(p.get("budget")) / n);
            Callable<Object> nothing = () -> null;
            Callable<Long> timed = () -> {
                long start = System.nanoTime();
                for (int r = 0; r < rounds; r++) {
                    way.forkAndJoin(n, nothing);
                }
                return System.nanoTime() - start;
            };
            long wall;
            if (Boolean.parseBoolean(p.get("from_virtual"))) {
                var result = new AtomicLong();
                var failure = new AtomicReference<Exception>();
                Thread.ofVirtual().start(() -> {
                    try {
                        result.set(timed.call());
                    } catch (Exception e) {
                        failure.set(e);
                    }
                }).join();
                if (failure.get() != null) {
                    throw new TaskFailedException(failure.get());
                }
                wall = result.get();
            } else {
                wall = timed.call();
            }
            return new Sample(Map.of("wall_ns", wall, "subtasks", (long) rounds * n, "rounds", (long) rounds));
        }

        @Override
        public List<Figure> figures() {
            return List.of(new Figure.PerRun("µs per subtask", r -> r.get("wall_ns") / 1e3 / r.get("subtasks")));
        }
    },

    /**
     * The account lesson's trials against {@code baseline.PlainTrials}, the same work written plainly, and (way
     * {@code counter}) the counter lesson's unguarded tasks against {@code baseline.PlainCounter}: each run is one
     * round, the lab's process then the plain one, each a whole fresh JVM.
     */
    TRIALS("trials", 5, 0) {
        @Override
        List<Config> plan(Settings s) {
            List<Config> rows = new ArrayList<>();
            String delay = Long.toString(s.trialDelay().toMillis());
            if (s.includes("account")) {
                for (int n : s.trialCounts()) {
                    rows.add(new Config(this, Map.of("lesson", "account", "n", Integer.toString(n), "delay_ms", delay),
                            columns("N", String.format(Locale.ROOT, "%,d", n),
                                    "lab", Programs.labName("account"), "plain", "baseline.PlainTrials"),
                            null));
                }
            }
            if (s.includes("counter")) {
                int n = s.counterTasks();
                String skip = n > CounterLesson.MAX_TASKS ? String.format(Locale.ROOT,
                        "the counter lesson takes at most %,d tasks", CounterLesson.MAX_TASKS) : null;
                rows.add(new Config(this, Map.of("lesson", "counter", "n", Integer.toString(n), "delay_ms", delay),
                        columns("N", String.format(Locale.ROOT, "%,d", n),
                                "lab", Programs.labName("counter"), "plain", "baseline.PlainCounter"),
                        skip));
            }
            return rows;
        }

        @Override
        Sample measure(Map<String, String> p) throws Exception {
            String n = p.get("n");
            String delay = p.get("delay_ms") + "ms";
            boolean counter = p.get("lesson").equals("counter");
            WholeProcess lab = ran(Programs.lab(counter
                    ? List.of("counter", "--sync", "none", "--tasks", n, "--delay", delay, "--format", "json")
                    : List.of("account", "--trials", n, "--delay", delay, "--jitter", "0", "--format", "json")),
                    Map.of());
            WholeProcess plain = ran(Programs.baseline(counter ? "PlainCounter" : "PlainTrials", n,
                    p.get("delay_ms")), Map.of());
            Matcher elapsed = LAB_ELAPSED.matcher(lab.stdout());
            Matcher done = PLAIN_ELAPSED.matcher(plain.stdout());
            if (!elapsed.find() || !done.find() || !done.group(2).equals(n)) {
                throw new IllegalStateException("no elapsed time for " + n + (counter ? " tasks" : " trials")
                        + " in the output: lab '" + head(lab.stdout()) + "', plain '" + head(plain.stdout()) + "'");
            }
            return new Sample(Map.of("n", Long.parseLong(n),
                    "lab_elapsed_ns", Math.round(Double.parseDouble(elapsed.group(1)) * 1e6),
                    "base_elapsed_ns", Long.parseLong(done.group(1)),
                    "lab_wall_ns", lab.wallNanos(), "base_wall_ns", plain.wallNanos(),
                    "lab_rss_kb", lab.peakRssKb(), "base_rss_kb", plain.peakRssKb()));
        }

        @Override
        public List<Figure> figures() {
            return List.of(
                    new Figure.PerRun("lab in-process ms", r -> r.get("lab_elapsed_ns") / 1e6),
                    new Figure.PerRun("plain in-process ms", r -> r.get("base_elapsed_ns") / 1e6),
                    new Figure.PerRow("in-process ratio", row -> ratio(row, "lab_elapsed_ns", "base_elapsed_ns")),
                    new Figure.PerRun("lab wall ms", r -> r.get("lab_wall_ns") / 1e6),
                    new Figure.PerRun("plain wall ms", r -> r.get("base_wall_ns") / 1e6),
                    new Figure.PerRow("wall ratio", row -> ratio(row, "lab_wall_ns", "base_wall_ns")),
                    new Figure.PerRow("lab peak RSS MB", row -> medianMb(row, "lab_rss_kb")),
                    new Figure.PerRow("plain peak RSS MB", row -> medianMb(row, "base_rss_kb")),
                    new Figure.PerRow("RSS ratio", row -> ratio(row, "lab_rss_kb", "base_rss_kb")));
        }
    },

    /**
     * Start-up: {@code ./vtlab --help} and {@code ./vtlab counter --delay 0} against {@code java Hello}, and (way
     * {@code cds}) each against itself without the class-data sharing archive; one round per run, A then B.
     */
    START("start", 10, 1) {
        @Override
        List<Config> plan(Settings s) {
            List<Config> rows = new ArrayList<>();
            for (String way : List.of("help", "counter", "cds")) {
                if (!s.includes(way) || way.equals("cds") && s.quick() && s.only().isEmpty()) {
                    continue; // --quick: the two rows against Hello, unless --only asks for cds
                }
                for (String args : way.equals("cds") ? List.of("--help", "counter --delay 0")
                        : List.of(way.equals("help") ? "--help" : "counter --delay 0")) {
                    String skip = way.equals("cds") && Programs.launcher().isEmpty()
                            ? "the archive is the launcher's, and this is not REPO/target/vtlab.jar beside ./vtlab"
                            : null;
                    rows.add(new Config(this, Map.of("way", way, "args", args),
                            columns("command", Programs.labName(args),
                                    "against", way.equals("cds") ? "the same with VTLAB_CDS=0" : "java baseline.Hello"),
                            skip));
                }
            }
            return rows;
        }

        @Override
        Sample measure(Map<String, String> p) throws Exception {
            List<String> args = List.of(p.get("args").split(" "));
            WholeProcess a = ran(Programs.lab(args), Map.of());
            WholeProcess b = p.get("way").equals("cds") ? ran(Programs.lab(args), Map.of("VTLAB_CDS", "0"))
                    : ran(Programs.baseline("Hello"), Map.of());
            return new Sample(Map.of("lab_wall_ns", a.wallNanos(), "base_wall_ns", b.wallNanos(),
                    "lab_rss_kb", a.peakRssKb(), "base_rss_kb", b.peakRssKb()));
        }

        @Override
        public List<Figure> figures() {
            return List.of(
                    new Figure.PerRun("wall ms", r -> r.get("lab_wall_ns") / 1e6),
                    new Figure.PerRun("against: wall ms", r -> r.get("base_wall_ns") / 1e6),
                    new Figure.PerRow("ratio", row -> ratio(row, "lab_wall_ns", "base_wall_ns")),
                    new Figure.PerRow("peak RSS MB", row -> medianMb(row, "lab_rss_kb")),
                    new Figure.PerRow("against: peak RSS MB", row -> medianMb(row, "base_rss_kb")));
        }
    };

    /**
     * {@code locks}: the share of the run during which at least two threads were inside their share of the
     * increments, in percent ({@link Overlap}).
     */
    public static final String OVERLAP = "overlap %";

    private final String cliName;
    private final int defaultRuns;
    private final int defaultWarmup;

    Suite(String cliName, int defaultRuns, int defaultWarmup) {
        this.cliName = cliName;
        this.defaultRuns = defaultRuns;
        this.defaultWarmup = defaultWarmup;
    }

    /** The rows this suite measures with these settings, in table order. */
    abstract List<Config> plan(Settings settings);

    /** One run of a row, in the child JVM. */
    abstract Sample measure(Map<String, String> params) throws Exception;

    /** The table's figures, after the row's own columns. */
    public abstract List<Figure> figures();

    public String cliName() {
        return cliName;
    }

    int defaultRuns() {
        return defaultRuns;
    }

    int defaultWarmup() {
        return defaultWarmup;
    }

    /** Every way name of this suite, for {@code --only}. */
    public List<String> wayNames() {
        return switch (this) {
            case SCALE -> Arrays.stream(ScaleWay.values()).map(ScaleWay::cliName).toList();
            case LOCKS -> Arrays.stream(LockWay.values()).map(LockWay::cliName).toList();
            case SCOPE -> Arrays.stream(Subtasks.values()).map(Subtasks::cliName).toList();
            case TRIALS -> List.of("account", "counter");
            case START -> List.of("help", "counter", "cds");
        };
    }

    public static Suite byCliName(String name) {
        return byName(values(), Suite::cliName, name);
    }

    private static Map<String, String> columns(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private static <E> E byName(E[] values, java.util.function.Function<E, String> name, String wanted) {
        for (E e : values) {
            if (name.apply(e).equals(wanted)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown name '" + wanted + "'; use one of "
                + Arrays.stream(values).map(name).collect(Collectors.joining(", ")));
    }

    /**
     * The lesson's in-process time, {@code "elapsedMs" : 123.456}: the account's document has it at the top; the
     * counter's top-level one is null (it is per run), so the first number is its one run's.
     */
    private static final Pattern LAB_ELAPSED = Pattern.compile("\"elapsedMs\"\\s*:\\s*([0-9.]+)");

    /** The first line of {@code baseline.PlainTrials} and {@code PlainCounter}: {@code elapsed_ns=123 trials=1000}. */
    private static final Pattern PLAIN_ELAPSED = Pattern.compile("^elapsed_ns=(\\d+) (?:trials|tasks)=(\\d+)$",
            Pattern.MULTILINE);

    /** Runs a program and insists that it succeeded: a run that failed measured nothing. */
    private static WholeProcess ran(List<String> command, Map<String, String> env) throws Exception {
        WholeProcess p = WholeProcess.run(command, env);
        if (p.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitCode() + ": "
                    + p.stderrTail());
        }
        return p;
    }

    private static String head(String text) {
        String s = text.strip();
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /** The median of {@code a} over the median of {@code b}, both over the row's timed runs. */
    private static OptionalDouble ratio(Row row, String a, String b) {
        OptionalDouble x = median(row, a);
        OptionalDouble y = median(row, b);
        return x.isPresent() && y.isPresent() && y.getAsDouble() > 0
                ? OptionalDouble.of(x.getAsDouble() / y.getAsDouble()) : OptionalDouble.empty();
    }

    /** The median over the timed runs, or empty if there are none or one is unknown (negative: no /proc). */
    private static OptionalDouble median(Row row, String key) {
        List<Double> values = row.runs().stream().map(r -> (double) r.get(key)).toList();
        if (values.isEmpty() || values.stream().anyMatch(v -> v < 0)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Summary.of(values).median());
    }

    private static OptionalDouble medianMb(Row row, String key) {
        OptionalDouble kb = median(row, key);
        return kb.isPresent() ? OptionalDouble.of(kb.getAsDouble() / 1024) : kb;
    }

    private static OptionalDouble max(Row row, String key) {
        return row.runs().stream().mapToDouble(r -> r.get(key)).max();
    }

    private static OptionalDouble rssMb(Row row) {
        return row.peakRssKb() < 0 ? OptionalDouble.empty() : OptionalDouble.of(row.peakRssKb() / 1024.0);
    }
}
