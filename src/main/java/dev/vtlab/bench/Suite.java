package dev.vtlab.bench;

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

    private static OptionalDouble max(Row row, String key) {
        return row.runs().stream().mapToDouble(r -> r.get(key)).max();
    }

    private static OptionalDouble rssMb(Row row) {
        return row.peakRssKb() < 0 ? OptionalDouble.empty() : OptionalDouble.of(row.peakRssKb() / 1024.0);
    }
}
