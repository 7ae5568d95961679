package dev.vtlab.jfr;

import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What {@code vtlab jfr FILE} shows, read from any JDK 21 or 25 recording with {@code jdk.jfr.consumer}: pinned
 * virtual threads (where, how long, which threads, and from JDK 24 on why and on which carriers), monitor contention, contention on {@code java.util.concurrent}
 * locks, and the lab's own events. Contention is split into the lesson's and the machinery's.
 *
 * <p>Contention on {@code java.util.concurrent} locks is rebuilt from {@code jdk.ThreadPark}: a park whose blocker
 * is a class of {@code java.util.concurrent.locks} other than a condition (a condition is a wait for a signal,
 * not for a lock). JDK Mission Control's lock rule and {@code jfr view contention-by-*} count only
 * {@code jdk.JavaMonitorEnter}, so {@code ReentrantLock} waits are invisible in both. In JDK 21 a virtual thread
 * that waits for a {@code ReentrantLock} unmounts and records no {@code jdk.ThreadPark} at all: only platform
 * threads' (and pinned virtual threads') waits appear here.
 *
 * <p><b>Whose lock: the rule.</b> A wait is for the <i>lesson's</i> lock if the monitor's class, or the class of
 * the <i>taker</i>, is the lesson's code; otherwise it is for the <i>machinery's</i> lock. The taker is the frame
 * that asked for the lock: for {@code jdk.JavaMonitorEnter} the top frame (the method holding the
 * {@code synchronized}); for {@code jdk.ThreadPark} the first frame below the lock's own code ({@code Unsafe.park},
 * {@code java.util.concurrent.locks.*}, and {@code VirtualThread}'s parking when the waiter is pinned).
 * <ul>
 *   <li>The machinery is a fixed list ({@link #isMachinery}): the JDK ({@code java.*}, {@code javax.*},
 *       {@code jdk.*}, {@code sun.*}, {@code com.sun.*}); the lab's plumbing ({@code dev.vtlab.cli}, {@code jfr},
 *       {@code metrics}, {@code report}, {@code threading}, {@code Main}, and in {@code sync} the {@code Trace} that
 *       records every step for the report and the {@code Sequencer} that forces a {@code --schedule}: they watch
 *       and order the update, they do not guard it); the libraries the lab ships (picocli, Jackson, Micrometer,
 *       the Prometheus client, HdrHistogram, LatencyUtils).</li>
 *   <li>A monitor of class {@code int[]} is the machinery's whoever takes it. In JDK 21 that is the JVM's lock for
 *       linking and initializing a class ({@code java_lang_Class::init_lock}, an {@code int[0]}), and its top frame
 *       is whatever code used the class first: in the recordings, the lesson's {@code Update}.</li>
 *   <li>Everything else is the lesson's: {@code dev.vtlab.sync} (the guards), {@code dev.vtlab.lesson} (the
 *       racing state and updates, such as CounterLesson's {@code Database} and PinningLesson's {@code Shared}), a test program, and in another
 *       program's recording that program's own code ({@code dev.vtlab.bench} too: its counters contend on
 *       purpose). A list of the machinery rather than of the lesson because this command reads any recording: a
 *       list of the lab's lesson packages would file a user's application under "not the lesson's".</li>
 *   <li>A wait without a stack trace is listed as the lesson's: hiding a lesson's wait would be worse than showing
 *       one of the machinery's.</li>
 * </ul>
 *
 * <p>Why the taker, not the first frame outside the JDK (the site): a virtual thread's {@code Thread.sleep} in the
 * lesson queues its wake-up in the JDK's timer ({@code ScheduledThreadPoolExecutor$DelayedWorkQueue}), on its
 * carrier, and that queue's lock is contended. Its first frame outside the JDK is the lesson's sleep, but the lock
 * is the JDK's. The taker ({@code DelayedWorkQueue.offer}) says so. Limits: a lesson that contends inside a JDK
 * class's own {@code synchronized} method ({@code Vector.add}, {@code StringBuffer.append}) counts as machinery,
 * since the JDK's code takes the lock on a JDK object (no lesson does that), and so does a lesson that
 * synchronizes on an {@code int[]}; a test program that lives in a machinery package (such as
 * {@code dev.vtlab.jfr.RecordingCost}) counts as machinery.
 *
 * <p><b>Evidence</b> (OpenJDK 21.0.13, 2 cores, November 2026): two rounds of 24 recordings with {@code --jfr} and
 * the default {@code vtlab.jfc}, read with {@code jfr print}: counter with each {@code --sync} on each
 * {@code --threads}, the whole lesson, and 100 tasks with 10 ms delays on platform threads under
 * {@code synchronized} and {@code lock}; account with 2, 1000 and 200 trials (also on platform threads, under
 * {@code synchronized}, and with a {@code --schedule}); pinning with 2 and 4 carriers; failure on virtual and on
 * platform threads. They held 709 and 723 contended waits, all listed as the lesson's before this split.
 * <ul>
 *   <li>The lesson's, 207 and 209: all taken in {@code MonitorGuard.run}, {@code LockGuard.run} or
 *       {@code PinningLesson$Guard$1.holdWhileSleeping}, on a {@code java.lang.Object} monitor or a
 *       {@code ReentrantLock}.</li>
 *   <li>The machinery's, 502 and 514, taken in: {@code ScheduledThreadPoolExecutor$DelayedWorkQueue} (the virtual
 *       threads' sleep timer: account's sleeps and jitter, pinning's heartbeat); {@code ThreadPoolExecutor} and
 *       {@code LinkedBlockingQueue} (the platform pool's workers, its completion queue, {@code awaitTermination});
 *       {@code BuiltinClassLoader} and {@code int[]} monitors (two tasks loading or initializing a class);
 *       {@code jdk.jfr.internal.PlatformRecorder} and {@code MetadataRepository} (Flight Recorder);
 *       {@code Thread.setName} (the lab naming the thread that runs a task); {@code PrintWriter} and
 *       {@code Narrative} (the lab printing the story); {@code Trace$Recorder} (the lab recording the steps).</li>
 *   <li>Examples: account's default run listed 8 waits "at" {@code Pause.sleepAfterRead}, all for the sleep timer's
 *       lock, and now none of the lesson's; account with 200 trials on platform threads listed 251 waits in 4 rows,
 *       none of them the lesson's; counter with 100 tasks under {@code synchronized} on platform threads listed 4
 *       rows, of which only {@code MonitorGuard.run} (95 waits) was the lesson's.</li>
 * </ul>
 * The first round set the rule; the second found 9 waits it got wrong (8 on class-initialization locks whose top
 * frame was {@code Update}, 1 on {@code Trace$Recorder}), hence the {@code int[]} and {@code Trace} items above.
 * With them, every wait of both rounds is on the side its stack in {@code jfr print} shows it belongs to.
 *
 * @param events    every event in the file
 * @param first     the earliest event's start, or {@code null} for a file without events
 * @param last      the latest event's end, or {@code null}
 * @param pinned    {@code jdk.VirtualThreadPinned}
 * @param monitors  {@code jdk.JavaMonitorEnter} on the lesson's monitors, by monitor class and site, longest
 *                  total first
 * @param locks     {@code jdk.ThreadPark} on the lesson's locks, by lock class and site, longest total first
 * @param machinery waits for the machinery's monitors and locks, by taker class and lock class, longest total first
 * @param lab       the {@code vtlab.*} events
 */
public record RecordingSummary(long events, Instant first, Instant last, Pinned pinned, List<Contention> monitors,
                               List<Contention> locks, List<Machinery> machinery, Lab lab) {

    /** How many waits were for the machinery's locks, in all rows. */
    public long machineryWaits() {
        return machinery.stream().mapToLong(Machinery::count).sum();
    }

    /** How long threads waited for the machinery's locks, in all. */
    public Duration machineryTotal() {
        return machinery.stream().map(Machinery::total).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * Where pinning happened: the first frame outside the JDK's own threading code, how often, and by which
     * threads; from JDK 24 on also why, in what blocking call and on which carriers (the event's
     * {@code pinnedReason}, {@code blockingOperation} and {@code carrierThread}; empty in JDK 21's recordings).
     *
     * @param threads            the names of the pinned threads, each once, in the order they first pinned here (a
     *                           task's name, such as {@code task 1}, since the lab names the thread that runs a task)
     * @param reasons            each {@code pinnedReason} and how many events gave it, in order of appearance
     * @param blockingOperations each {@code blockingOperation} ({@code Object.wait}, {@code LockSupport.park}) and
     *                           how many events gave it, in order of appearance
     * @param carriers           the names of the carrier threads that were pinned, each once
     */
    public record Site(String frame, long count, Duration total, List<String> threads, Map<String, Long> reasons,
                       Map<String, Long> blockingOperations, List<String> carriers) {
        public Site {
            threads = List.copyOf(threads);
            reasons = Collections.unmodifiableMap(new LinkedHashMap<>(reasons));
            blockingOperations = Collections.unmodifiableMap(new LinkedHashMap<>(blockingOperations));
            carriers = List.copyOf(carriers);
        }

        /** A JDK 21 site: the event has no reason, operation or carrier. */
        public Site(String frame, long count, Duration total, List<String> threads) {
            this(frame, count, total, threads, Map.of(), Map.of(), List.of());
        }
    }

    public record Pinned(long count, Duration total, Duration longest, List<Site> sites) {
    }

    /** Threads that waited for one class of the lesson's lock at one site. */
    public record Contention(String lockClass, String site, long count, Duration total) {
    }

    /**
     * Threads that waited for a lock of the machinery's (see the class comment), by the class whose code took it.
     *
     * @param taker     the class of the frame that asked for the lock, such as
     *                  {@code java.util.concurrent.ThreadPoolExecutor}
     * @param lockClass the monitor's class, or the lock's ({@code ReentrantLock$NonfairSync})
     */
    public record Machinery(String taker, String lockClass, long count, Duration total) {
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
        /** A lock class and where: the site for the lesson's waits, the taker for the machinery's. */
        private record Key(String lockClass, String where) {
        }

        /** One pinning site's running totals. */
        private static final class PinnedAt {
            private long count;                                         // all of them: the reader's own
            private Duration total = Duration.ZERO;
            private final Set<String> threads = new LinkedHashSet<>(); // in the order they first pinned here
            private final Map<String, Long> reasons = new LinkedHashMap<>();     // JDK 24+ fields, in order seen
            private final Map<String, Long> operations = new LinkedHashMap<>();
            private final Set<String> carriers = new LinkedHashSet<>();
        }

        private long events;
        private Instant first;
        private Instant last;
        private long pinnedCount;
        private Duration pinnedTotal = Duration.ZERO;
        private Duration pinnedLongest = Duration.ZERO;
        private final Map<String, PinnedAt> pinnedSites = new HashMap<>();
        private final Map<Key, Contention> monitors = new HashMap<>();
        private final Map<Key, Contention> locks = new HashMap<>();
        private final Map<Key, Machinery> machinery = new HashMap<>();
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
                case "jdk.VirtualThreadPinned" -> pinned(e);
                case "jdk.JavaMonitorEnter" -> monitorEnter(e);
                case "jdk.ThreadPark" -> park(e);
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

        private void pinned(RecordedEvent e) {
            pinnedCount++;
            pinnedTotal = pinnedTotal.plus(e.getDuration());
            pinnedLongest = e.getDuration().compareTo(pinnedLongest) > 0 ? e.getDuration() : pinnedLongest;
            PinnedAt at = pinnedSites.computeIfAbsent(site(e.getStackTrace()), frame -> new PinnedAt());
            at.count++;
            at.total = at.total.plus(e.getDuration());
            String thread = threadName(e.getThread());
            if (thread != null) {
                at.threads.add(thread);
            }
            // JDK 24 added why a virtual thread was pinned, what it blocked in and on which carrier (JDK-8334180).
            if (e.hasField("pinnedReason") && e.getString("pinnedReason") != null) {
                at.reasons.merge(e.getString("pinnedReason"), 1L, Long::sum);
            }
            if (e.hasField("blockingOperation") && e.getString("blockingOperation") != null) {
                at.operations.merge(e.getString("blockingOperation"), 1L, Long::sum);
            }
            if (e.hasField("carrierThread")) {
                String carrier = threadName(e.getThread("carrierThread"));
                if (carrier != null) {
                    at.carriers.add(carrier);
                }
            }
        }

        private void monitorEnter(RecordedEvent e) {
            String monitor = className(e, "monitorClass");
            String taker = takerOfMonitor(e.getStackTrace());
            if (isLessons(monitor, taker)) {
                lessons(monitors, monitor, e);
            } else {
                machinery(monitor, taker, e);
            }
        }

        private void park(RecordedEvent e) {
            String blocker = className(e, "parkedClass");
            if (!isLock(blocker)) {
                return;
            }
            String taker = takerOfPark(e.getStackTrace());
            if (isLessons(null, taker)) {
                lessons(locks, blocker, e);
            } else {
                machinery(blocker, taker, e);
            }
        }

        private static void lessons(Map<Key, Contention> into, String lockClass, RecordedEvent e) {
            String site = site(e.getStackTrace());
            into.merge(new Key(lockClass, site), new Contention(lockClass, site, 1, e.getDuration()),
                    (a, b) -> new Contention(a.lockClass(), a.site(), a.count() + 1, a.total().plus(b.total())));
        }

        private void machinery(String lockClass, String taker, RecordedEvent e) {
            machinery.merge(new Key(lockClass, taker), new Machinery(taker, lockClass, 1, e.getDuration()),
                    (a, b) -> new Machinery(a.taker(), a.lockClass(), a.count() + 1, a.total().plus(b.total())));
        }

        RecordingSummary summary() {
            Comparator<Contention> longest = Comparator.comparing(Contention::total).reversed();
            return new RecordingSummary(events, first, last,
                    new Pinned(pinnedCount, pinnedTotal, pinnedLongest, pinnedSites.entrySet().stream()
                            .map(s -> new Site(s.getKey(), s.getValue().count, s.getValue().total,
                                    List.copyOf(s.getValue().threads), s.getValue().reasons, s.getValue().operations,
                                    List.copyOf(s.getValue().carriers)))
                            .sorted(Comparator.comparing(Site::total).reversed()).toList()),
                    monitors.values().stream().sorted(longest).toList(),
                    locks.values().stream().sorted(longest).toList(),
                    machinery.values().stream().sorted(Comparator.comparing(Machinery::total).reversed()).toList(),
                    new Lab(List.copyOf(runs), taskUpdates, overwritten, accountTrials, endingBalances,
                            accountGrades, List.copyOf(pinningTrials)));
        }
    }

    /** A lock's class, not a condition: see the class comment. */
    static boolean isLock(String blocker) {
        return blocker.startsWith("java.util.concurrent.locks.") && !blocker.endsWith("$ConditionObject");
    }

    /**
     * True if a wait is for the lesson's lock: the monitor's class ({@code null} for a park) or the taker's is
     * not the machinery's. Without a stack trace the taker is unknown ({@code null}) and the wait counts as the
     * lesson's (see the class comment).
     */
    static boolean isLessons(String monitorClass, String taker) {
        if (CLASS_INIT_LOCK.equals(monitorClass)) {
            return false;
        }
        boolean lessonsMonitor = monitorClass != null && !monitorClass.equals(UNKNOWN) && !isMachinery(monitorClass);
        return taker == null || lessonsMonitor || !isMachinery(taker);
    }

    /**
     * The class of the monitor HotSpot holds while it links and initializes a class (JDK 21: an {@code int[0]} per
     * class, {@code java_lang_Class::init_lock}). Two tasks that first use a class at once wait on it, and the top
     * frame is the task's code that used the class, though the lock is the JVM's.
     */
    private static final String CLASS_INIT_LOCK = "[I";

    /** The machinery's code; everything else is the lesson's. The list and why it is one: see the class comment. */
    static boolean isMachinery(String className) {
        if (className.startsWith("[")) { // an array: whose elements?
            int element = className.indexOf('L');
            return element < 0 || isMachinery(className.substring(element + 1, className.length() - 1));
        }
        for (String prefix : MACHINERY) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        String outer = className.contains("$") ? className.substring(0, className.indexOf('$')) : className;
        return MACHINERY_CLASSES.contains(outer);
    }

    private static final List<String> MACHINERY = List.of(
            "java.", "javax.", "jdk.", "sun.", "com.sun.",
            "dev.vtlab.cli.", "dev.vtlab.jfr.", "dev.vtlab.metrics.", "dev.vtlab.report.", "dev.vtlab.threading.",
            "picocli.", "com.fasterxml.jackson.", "io.micrometer.", "io.prometheus.", "org.HdrHistogram.",
            "org.LatencyUtils.");

    /** The lab's machinery outside those packages (with their nested classes): see the class comment. */
    private static final Set<String> MACHINERY_CLASSES = Set.of(
            "dev.vtlab.Main", "dev.vtlab.sync.Trace", "dev.vtlab.sync.Sequencer");

    /** The method that holds the {@code synchronized}: the top frame of a monitor enter, or null without a stack. */
    static String takerOfMonitor(RecordedStackTrace stack) {
        return stack == null || stack.getFrames().isEmpty() ? null : type(stack.getFrames().getFirst());
    }

    /** The first frame below the lock's own code and the parking (see the class comment), or null. */
    static String takerOfPark(RecordedStackTrace stack) {
        if (stack == null) {
            return null;
        }
        for (RecordedFrame frame : stack.getFrames()) {
            if (!isParking(type(frame))) {
                return type(frame);
            }
        }
        return null;
    }

    /** The lock's own code, and how a thread parks: never the code that wants the lock. */
    static boolean isParking(String type) {
        return type.startsWith("java.util.concurrent.locks.") || type.startsWith("jdk.internal.misc.")
                || type.equals("java.lang.VirtualThread") || type.equals("java.lang.System$2");
    }

    private static String type(RecordedFrame frame) {
        return frame.getMethod().getType().getName();
    }

    /** A thread's name; an unnamed virtual thread by its id. Null if the event has no thread. */
    private static String threadName(RecordedThread thread) {
        if (thread == null) {
            return null;
        }
        String name = thread.getJavaName();
        return name == null || name.isEmpty() ? "#" + thread.getJavaThreadId() : name;
    }

    private static final String UNKNOWN = "(unknown)";

    private static String className(RecordedEvent e, String field) {
        RecordedClass c = e.hasField(field) ? e.getClass(field) : null;
        return c == null ? UNKNOWN : c.getName();
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
            if (!isJdkThreading(type(frame))) {
                return describe(frame);
            }
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String type = type(frame);
            if (!type.startsWith("jdk.internal.") && !type.startsWith("java.util.concurrent.locks.")
                    && !type.equals("java.lang.VirtualThread") && !type.equals("java.lang.Thread")) {
                return describe(frame);
            }
        }
        return describe(stack.getFrames().getFirst());
    }

    private static boolean isJdkThreading(String type) {
        return type.startsWith("java.util.concurrent.") || type.startsWith("jdk.internal.")
                || type.startsWith("sun.") || type.equals("java.lang.VirtualThread") || type.equals("java.lang.Thread")
                || type.equals("java.lang.Object") || type.startsWith("java.lang.invoke.")
                || type.equals("java.lang.Class"); // Class.forName waiting for another thread's initialization
    }

    private static String describe(RecordedFrame frame) {
        String where = type(frame) + "." + frame.getMethod().getName();
        return frame.getLineNumber() > 0 ? where + ":" + frame.getLineNumber() : where;
    }
}
