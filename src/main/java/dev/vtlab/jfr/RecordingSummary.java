package dev.vtlab.jfr;

import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code vtlab jfr FILE} shows, read from any JDK 21 recording with {@code jdk.jfr.consumer}: pinned virtual
 * threads, monitor contention, contention on {@code java.util.concurrent} locks, and the lab's own events.
 *
 * <p>Contention on {@code java.util.concurrent} locks is rebuilt from {@code jdk.ThreadPark}: a park whose blocker
 * is a class of {@code java.util.concurrent.locks} other than a condition (a condition is a wait for a signal,
 * not for a lock). JDK Mission Control's lock rule and {@code jfr view contention-by-*} count only
 * {@code jdk.JavaMonitorEnter}, so {@code ReentrantLock} waits are invisible in both. In JDK 21 a virtual thread
 * that waits for a {@code ReentrantLock} unmounts and records no {@code jdk.ThreadPark} at all: only platform
 * threads' (and pinned virtual threads') waits appear here.
 *
 * @param events   every event in the file
 * @param first    the earliest event's start, or {@code null} for a file without events
 * @param last     the latest event's end, or {@code null}
 * @param pinned   {@code jdk.VirtualThreadPinned}
 * @param monitors {@code jdk.JavaMonitorEnter}, by monitor class and site, longest total first
 * @param locks    {@code jdk.ThreadPark} on a lock, by lock class and site, longest total first
 * @param lab      the {@code vtlab.*} events
 */
public record RecordingSummary(long events, Instant first, Instant last, Pinned pinned, List<Contention> monitors,
                               List<Contention> locks, Lab lab) {

    /** Where pinning happened: the first frame outside the JDK's own threading code, and how often. */
    public record Site(String frame, long count, Duration total) {
    }

    public record Pinned(long count, Duration total, Duration longest, List<Site> sites) {
    }

    /** Threads that waited for one class of lock at one site. */
    public record Contention(String lockClass, String site, long count, Duration total) {
    }

    public record Run(String lesson, String setup, String outcome, String grade, Duration duration) {
    }

    public record PinningTrial(String lock, long workers, long carriers, Duration worstDelay, long ticks,
                               Duration workersTotal) {
    }

    /**
     * The lab's own events.
     *
     * @param endingBalances account trials by ending balance, lowest first
     * @param accountGrades  account trials by grade
     */
    public record Lab(List<Run> runs, long taskUpdates, long overwritten, long accountTrials,
                      Map<Long, Long> endingBalances, Map<String, Long> accountGrades,
                      List<PinningTrial> pinningTrials) {
    }

    /**
     * Reads {@code file} from start to end.
     *
     * @throws IOException if it cannot be read, is not a Flight Recorder file, or is cut short
     */
    public static RecordingSummary read(Path file) throws IOException {
        var reader = new Reader();
        try (var recording = open(file)) {
            while (recording.hasMoreEvents()) {
                reader.accept(next(recording));
            }
        }
        return reader.summary();
    }

    private static RecordingFile open(Path file) throws IOException {
        try {
            return new RecordingFile(file); // reads the first chunk's metadata
        } catch (RuntimeException e) {
            throw new IOException("corrupt or cut short: " + e, e);
        }
    }

    /**
     * The JDK's parser can fail on a cut-short file with a runtime exception from deep inside; it is still bad
     * input.
     */
    private static RecordedEvent next(RecordingFile recording) throws IOException {
        try {
            return recording.readEvent();
        } catch (RuntimeException e) {
            throw new IOException("corrupt or cut short: " + e, e);
        }
    }

    /** Accumulates one pass over the events. Used by one thread. */
    private static final class Reader {
        private record Key(String lockClass, String site) {
        }

        private long events;
        private Instant first;
        private Instant last;
        private long pinnedCount;
        private Duration pinnedTotal = Duration.ZERO;
        private Duration pinnedLongest = Duration.ZERO;
        private final Map<String, Site> pinnedSites = new HashMap<>();
        private final Map<Key, Contention> monitors = new HashMap<>();
        private final Map<Key, Contention> locks = new HashMap<>();
        private final List<Run> runs = new ArrayList<>();
        private long taskUpdates;
        private long overwritten;
        private long accountTrials;
        private final Map<Long, Long> endingBalances = new TreeMap<>();
        private final Map<String, Long> accountGrades = new TreeMap<>();
        private final List<PinningTrial> pinningTrials = new ArrayList<>();

        void accept(RecordedEvent e) {
            events++;
            first = first == null || e.getStartTime().isBefore(first) ? e.getStartTime() : first;
            last = last == null || e.getEndTime().isAfter(last) ? e.getEndTime() : last;
            switch (e.getEventType().getName()) {
                case "jdk.VirtualThreadPinned" -> {
                    pinnedCount++;
                    pinnedTotal = pinnedTotal.plus(e.getDuration());
                    pinnedLongest = e.getDuration().compareTo(pinnedLongest) > 0 ? e.getDuration() : pinnedLongest;
                    pinnedSites.merge(site(e.getStackTrace()), new Site(site(e.getStackTrace()), 1, e.getDuration()),
                            (a, b) -> new Site(a.frame(), a.count() + 1, a.total().plus(b.total())));
                }
                case "jdk.JavaMonitorEnter" -> add(monitors, className(e, "monitorClass"), e);
                case "jdk.ThreadPark" -> {
                    String blocker = className(e, "parkedClass");
                    if (isLock(blocker)) {
                        add(locks, blocker, e);
                    }
                }
                case "vtlab.LessonRun" -> runs.add(new Run(e.getString("lesson"), e.getString("setup"),
                        e.getString("outcome"), e.getString("grade"), e.getDuration()));
                case "vtlab.TaskUpdate" -> {
                    taskUpdates++;
                    overwritten += e.getBoolean("overwritten") ? 1 : 0;
                }
                case "vtlab.AccountTrial" -> {
                    accountTrials++;
                    endingBalances.merge(e.getLong("endingBalance"), 1L, Long::sum);
                    accountGrades.merge(String.valueOf(e.getString("grade")), 1L, Long::sum);
                }
                case "vtlab.PinningTrial" -> pinningTrials.add(new PinningTrial(e.getString("lock"),
                        e.getInt("workers"), e.getInt("carriers"), Duration.ofNanos(e.getLong("heartbeatWorstDelay")),
                        e.getInt("heartbeatTicks"), Duration.ofNanos(e.getLong("workersTotal"))));
                default -> {
                    // every other event only counts towards the total
                }
            }
        }

        private static void add(Map<Key, Contention> into, String lockClass, RecordedEvent e) {
            String site = site(e.getStackTrace());
            into.merge(new Key(lockClass, site), new Contention(lockClass, site, 1, e.getDuration()),
                    (a, b) -> new Contention(a.lockClass(), a.site(), a.count() + 1, a.total().plus(b.total())));
        }

        RecordingSummary summary() {
            Comparator<Contention> longest = Comparator.comparing(Contention::total).reversed();
            return new RecordingSummary(events, first, last,
                    new Pinned(pinnedCount, pinnedTotal, pinnedLongest, pinnedSites.values().stream()
                            .sorted(Comparator.comparing(Site::total).reversed()).toList()),
                    monitors.values().stream().sorted(longest).toList(),
                    locks.values().stream().sorted(longest).toList(),
                    new Lab(List.copyOf(runs), taskUpdates, overwritten, accountTrials, endingBalances,
                            accountGrades, List.copyOf(pinningTrials)));
        }
    }

    /** A lock's class, not a condition: see the class comment. */
    static boolean isLock(String blocker) {
        return blocker.startsWith("java.util.concurrent.locks.") && !blocker.endsWith("$ConditionObject");
    }

    private static String className(RecordedEvent e, String field) {
        RecordedClass c = e.hasField(field) ? e.getClass(field) : null;
        return c == null ? "(unknown)" : c.getName();
    }

    /**
     * The first frame that is not the JDK's threading machinery (park, sleep, the lock's own code): the line in
     * the program that waited or pinned. If every frame is the JDK's (a pool's own lock, say), the first frame
     * outside park and the lock classes, such as {@code ThreadPoolExecutor.awaitTermination}.
     */
    static String site(RecordedStackTrace stack) {
        if (stack == null || stack.getFrames().isEmpty()) {
            return "(no stack trace)";
        }
        for (RecordedFrame frame : stack.getFrames()) {
            if (!isMachinery(frame.getMethod().getType().getName())) {
                return describe(frame);
            }
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (!type.startsWith("jdk.internal.") && !type.startsWith("java.util.concurrent.locks.")
                    && !type.equals("java.lang.VirtualThread") && !type.equals("java.lang.Thread")) {
                return describe(frame);
            }
        }
        return describe(stack.getFrames().getFirst());
    }

    private static boolean isMachinery(String type) {
        return type.startsWith("java.util.concurrent.") || type.startsWith("jdk.internal.")
                || type.startsWith("sun.") || type.equals("java.lang.VirtualThread") || type.equals("java.lang.Thread")
                || type.equals("java.lang.Object") || type.startsWith("java.lang.invoke.");
    }

    private static String describe(RecordedFrame frame) {
        String where = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
        return frame.getLineNumber() > 0 ? where + ":" + frame.getLineNumber() : where;
    }
}
