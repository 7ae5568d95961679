package dev.vtlab.lesson;

import dev.vtlab.lesson.Interleavings.Ending;
import dev.vtlab.lesson.Interleavings.Model;
import dev.vtlab.lesson.CounterLesson.Database;
import dev.vtlab.lesson.CounterLesson.Update;
import dev.vtlab.sync.Guard;
import dev.vtlab.sync.Pause;
import dev.vtlab.sync.Sequencer;
import dev.vtlab.sync.Step;
import dev.vtlab.sync.Sync;
import dev.vtlab.sync.Trace;
import dev.vtlab.sync.Version;
import dev.vtlab.threading.Task;
import dev.vtlab.threading.TaskFailedException;
import dev.vtlab.threading.ThreadKind;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.Function;

/*
 * account - Which update is lost? A balance of 100; a deposit of +50 and a withdrawal of -150 run at once, each
 * reading the balance, adding its amount and writing it back. Correct: 0. A lost update gives 150 or -50, and the
 * order of the two writes decides which:
 *
 *     deposit     read 100 ---------- write 150
 *     withdrawal     read 100 ------------------ write -50      ending -50: the deposit's write was lost
 *
 *     deposit     read 100 ------------------ write 150
 *     withdrawal     read 100 ---- write -50                    ending 150: the withdrawal's write was lost
 *
 * The last writer wins, and it wins with a value computed from the balance before the other's write. So the lab
 * runs many trials, counts the endings, and sets them beside the model: every interleaving of the four steps
 * (6 of them: 2 end at 0, 2 at 150, 2 at -50).
 *
 * Outcomes: 0 is EXPECTED. 150 and -50 are INTERESTING under --sync none and FORBIDDEN under every other --sync;
 * any value the model does not allow is FORBIDDEN everywhere.
 *
 * Run it:   ./vtlab account --trials 10000 --delay 1ms
 *           ./vtlab account --schedule deposit-lost --timeline
 *
 * Sample (OpenJDK 21.0.13, 2 cores, --trials 1 --delay 100ms):
 *     deposit thread updating...
 *     withdrawal thread updating...
 *     deposit thread finishing...
 *     withdrawal thread finishing...
 *     ending balance of -50
 */
public final class AccountLesson implements Lesson<AccountLesson.Setup, AccountLesson.Result> {

    public static final long START = 100;
    public static final List<Long> DEFAULT_AMOUNTS = List.of(50L, -150L);
    public static final int MAX_TRIALS = 100_000_000;

    /**
     * The most trials alive at once, whatever {@code --trials} says, so memory does not grow with the trials: 20,000
     * (40,000 tasks of two transactions), or fewer in a heap too small for them, at about 8 KB a trial (two sleeping
     * tasks' stacks and objects) in a quarter of the heap: 2,048 in a 64 MB heap, 8,192 in 256 MB.
     */
    public static final int IN_FLIGHT = inFlight(Runtime.getRuntime().maxMemory());
    /** Waves in flight at once, so that one sleeps out its delay while the next starts (BENCH.md §4). */
    static final int WAVES = 4;
    /** Trials per wave. */
    static final int WAVE = IN_FLIGHT / WAVES;

    static int inFlight(long maxHeap) {
        return (int) Math.clamp(maxHeap / 4 / 8_192, 1_000, 20_000);
    }

    /** How long a forced schedule waits for a turn before it calls itself stuck. */
    private static final Duration TURN_LIMIT = Duration.ofSeconds(60);

    private final Setup setup;
    private final Judged judged;
    private Model model; // counted by prepare(), before the clock starts; the runner's thread

    /** The lesson that runs this setup's trials (one run). */
    public AccountLesson(Setup setup) {
        this(setup, Judged.NONE);
    }

    /** The lesson that runs this setup's trials, telling {@code judged} of each trial as it is judged. */
    public AccountLesson(Setup setup, Judged judged) {
        this.setup = setup;
        this.judged = judged;
    }

    /**
     * Hears each trial once it is judged: on the thread of the trial's last transaction, so from several threads at
     * once, and in the order the trials end. A result keeps only trial 1 whole; whoever wants every trial (the
     * meters, the {@code vtlab.AccountTrial} events) listens here instead.
     */
    public interface Judged {
        Judged NONE = trial -> { };

        void trial(Trial trial);

        /** True if {@link Trial#steps()} should hold every trial's steps; otherwise only trial 1's are kept. */
        default boolean wantsSteps() {
            return false;
        }
    }

    // ---- The runner's contract -----------------------------------------------------------------------------------

    @Override
    public String name() {
        return "account";
    }

    @Override
    public List<Setup> setups() {
        return List.of(setup);
    }

    /**
     * Counts the model, the lab's arithmetic rather than the trials' time (about 2 s for 6 transactions); then, for
     * a run of {@value #WARM_UP_FROM} trials or more, runs 3 x {@value #WARM_UP} trials of its shape with the delays
     * and jitter cut to at most 1 ms, and drops them. Without it C2 compiles the transactions while every task of
     * the first waves is still asleep, so the code after the sleep has never run; each thread that wakes in such a
     * frame then deoptimises on its own (a storm of up to 228,685 deoptimisations at 100,000 trials, BENCH.md §4).
     * The warm-up runs the code after the sleep first, so C2 compiles it with a real profile. Nobody hears its
     * trials; but any code after the sleep that the real run takes and the warm-up did not is a trap that every
     * sleeping task compiled before it trips on waking: one listener class in the warm-up left a class check in
     * {@code judge()} (9,999 deoptimisations in one run), none at all a never-taken branch (10,000 to 15,000), and
     * three classes one third after another still did when C2 compiled during the first third (913 and 2,829
     * there in two runs at 100,000 trials): so the three take turns trial by trial (then 55 to 91 deoptimisations
     * in all, in ten runs).
     */
    @Override
    public void prepare() throws InterruptedException {
        model = model(setup);
        if (setup.trials() >= WARM_UP_FROM && !setup.sequential()) { // one trial at a time has no storm
            // Three listeners of three classes, taking turns trial by trial, so whenever C2 compiles judge() it
            // has seen three at its call and calls the run's own listener as any interface call: with one class
            // seen it would inline that one and trap on the real one.
            List<Judged> nobody = List.of(trial -> { }, trial -> { }, trial -> { });
            try {
                for (int third = 0; third < 3; third++) {
                    race(warmUp(setup), model, Trace.none(), NO_EXTRA, nobody, new Progress());
                }
            } catch (TaskFailedException e) {
                throw new IllegalStateException("the warm-up's trials failed: " + e.getCause(), e.getCause());
            }
            if (Thread.interrupted()) { // stopped during the warm-up: its part result means nothing
                throw new InterruptedException("stopped while warming up");
            }
        }
    }

    /** Runs of this many trials or more are warmed up first ({@link #prepare()}). */
    static final int WARM_UP_FROM = 50_000;
    static final int WARM_UP = 7_000; // three times

    /** The setup's shape with {@value #WARM_UP} trials, and delays and jitter of at most 1 ms. */
    static Setup warmUp(Setup s) {
        Duration ms = Duration.ofMillis(1);
        Map<String, Duration> capped = new java.util.HashMap<>();
        s.transactions().forEach(t -> capped.put(Delays.key(t.name()), min(s.delays().of(t), ms)));
        return new Setup(s.threads(), s.sync(), s.start(), s.transactions(), new Delays(min(s.delays().common(), ms),
                capped), min(s.jitter(), ms), WARM_UP, s.sequential(), s.schedule());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /**
     * Runs the trials; {@code story} hears the steps of trial 1 only, so one trial reads as a story. Stopped, it
     * returns the trials that finished (see {@link #race(Setup, Model, Trace, BiFunction, Progress)}).
     */
    @Override
    public Result run(Setup s, Trace story, Progress progress) throws InterruptedException, TaskFailedException {
        return race(s, model == null ? model(s) : model, story, NO_EXTRA, judged,
                progress);
    }

    /**
     * About how long the trials take. A trial lasts its longest delay, or the sum of its delays when a guard or a
     * forced schedule makes the transactions take turns, plus the jitter. One after another, the trials add up;
     * all at once, the pool of {@value ThreadKind#PLATFORM_POOL_SIZE} platform threads runs that many tasks at a
     * time, while virtual threads run them all together, each costing about {@link #START_COST} to start.
     */
    @Override
    public Estimate estimate(Setup s) {
        long tasks = (long) s.trials() * s.transactions().size();
        boolean takeTurns = s.sync() != Sync.NONE || s.schedule() != null;
        Duration trial = s.jitter();
        for (Transaction t : s.transactions()) {
            Duration delay = s.delays().of(t);
            trial = takeTurns ? trial.plus(delay) : max(trial, s.jitter().plus(delay));
        }
        String each = trial.isZero() ? " with no delay" : " of about " + DurationFormat.readable(trial);
        if (s.sequential()) {
            return new Estimate(s.trials(), "trials", trial.plus(START_COST.multipliedBy(
                    s.transactions().size())).multipliedBy(s.trials()), String.format(Locale.ROOT,
                    "%,d trials%s, one after another", s.trials(), each));
        }
        if (s.threads() == ThreadKind.PLATFORM) {
            int pool = (int) Math.min(tasks, ThreadKind.PLATFORM_POOL_SIZE);
            // A pool takes a trial's tasks side by side, so a round of `pool` tasks is pool / size trials.
            return new Estimate(s.trials(), "trials", Estimate.inRounds(tasks, pool, trial), String.format(
                    Locale.ROOT, "%,d tasks%s, %d at a time", tasks, each, pool));
        }
        if (s.trials() <= IN_FLIGHT) {
            return new Estimate(s.trials(), "trials", trial.plus(START_COST.multipliedBy(tasks)), String.format(
                    Locale.ROOT, "%,d tasks%s, all at once", tasks, each));
        }
        // Waves of WAVE trials, WAVES at a time: at least a trial's time per WAVES waves, and every task's start.
        long rounds = (s.trials() + (long) IN_FLIGHT - 1) / IN_FLIGHT;
        return new Estimate(s.trials(), "trials", trial.multipliedBy(rounds).plus(START_COST.multipliedBy(tasks)),
                String.format(Locale.ROOT, "%,d tasks%s, %,d trials at a time", tasks, each, IN_FLIGHT));
    }

    /** Starting and joining one virtual thread, about (BENCH.md, baselines §1, and the README's measurements). */
    static final Duration START_COST = Duration.ofNanos(15_000);

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** False for the trials a stopped run finished: fewer than it set out to run. */
    @Override
    public boolean isWhole(Result result) {
        return result.isWhole();
    }

    /** The worst grade of any trial. */
    @Override
    public Grade grade(Result result) {
        return result.counts().byValue().values().stream().map(Seen::worst).max(Grade::compareTo).orElseThrow();
    }

    /** The setup as options that repeat the run. */
    @Override
    public String options(Setup s) {
        String ops = s.transactions().stream().map(t -> (t.amount() < 0 ? "" : "+") + t.amount())
                .collect(java.util.stream.Collectors.joining(","));
        String delays = s.delays().equalFor(s.transactions())
                ? DurationFormat.format(s.delays().of(s.transactions().getFirst()))
                : s.transactions().stream().map(t -> Delays.key(t.name()) + "=" + DurationFormat.format(
                        s.delays().of(t))).collect(java.util.stream.Collectors.joining(","));
        return "--threads " + s.threads().cliName() + " --sync " + s.sync().cliName() + " --balance " + s.start()
                + " --ops=" + ops + " --trials " + s.trials() + " --delay " + delays + " --jitter "
                + DurationFormat.format(s.jitter()) + (s.sequential() ? " --sequential" : "")
                + (s.schedule() == null ? "" : " --schedule " + s.schedule().cliName());
    }

    @Override
    public String outcome(Result result) {
        return result.lostUpdateTrials() + " of " + result.trialsDone() + " trials lost an update"
                + (result.isWhole() ? "" : " (stopped: " + result.trialsDone() + " of " + result.setup().trials()
                + " trials finished)");
    }

    /**
     * One run's parameters.
     *
     * @param jitter     the longest random pause before each transaction starts (zero for none)
     * @param sequential run trials one after another instead of all at once
     * @param schedule   a forced order of reads and writes, or {@code null} to let the scheduler decide
     */
    public record Setup(ThreadKind threads, Sync sync, long start, List<Transaction> transactions, Delays delays,
                        Duration jitter, int trials, boolean sequential, Schedule schedule) {

        /** One delay for every transaction. */
        public Setup(ThreadKind threads, Sync sync, long start, List<Transaction> transactions, Duration delay,
                     Duration jitter, int trials, boolean sequential, Schedule schedule) {
            this(threads, sync, start, transactions, Delays.all(delay), jitter, trials, sequential, schedule);
        }

        public Setup {
            transactions = List.copyOf(transactions);
            Transaction.checkRange(start, transactions);
            List<String> unknown = delays.unknown(transactions);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("--delay names " + String.join(", ", unknown) + ", which is not"
                        + " a transaction here; the transactions are " + transactions.stream().map(Transaction::name)
                        .collect(java.util.stream.Collectors.joining(", ")));
            }
            if (transactions.isEmpty() || transactions.size() > Interleavings.MAX_TRANSACTIONS) {
                throw new IllegalArgumentException("need 1 to " + Interleavings.MAX_TRANSACTIONS
                        + " transactions, got " + transactions.size());
            }
            if (trials < 1 || trials > MAX_TRIALS) {
                throw new IllegalArgumentException("trials must be 1 to " + MAX_TRIALS + ", got " + trials);
            }
            if (jitter.isNegative()) {
                throw new IllegalArgumentException("jitter must not be negative, got " + jitter);
            }
            if (schedule != null && sync != Sync.NONE) {
                throw new IllegalArgumentException("--schedule forces an order of unguarded reads and writes; a guard"
                        + " (--sync " + sync.cliName() + ") forbids it. Use --sync none");
            }
            if (schedule != null) {
                schedule.order(transactions); // rejects a schedule that does not fit these transactions
            }
        }

        public long expected() {
            return Transaction.serialTotal(start, transactions);
        }
    }

    /**
     * One trial: its own account, its ending and grade, and every step of its transactions. A result keeps trial 1
     * alone whole ({@link Result#story()}); the others are counted as they end ({@link Counts}).
     *
     * @param steps every step of the trial's transactions, for trial 1 and when {@link Judged#wantsSteps()} asks;
     *              empty otherwise
     */
    public record Trial(int index, Outcome outcome, Grade grade, List<Step> steps, List<Version> history) {
        public Trial {
            steps = List.copyOf(steps);
            history = List.copyOf(history);
        }
    }

    /**
     * One row of the distribution: the trials that ended at {@code value}.
     *
     * @param ending what the model says of this value, or {@code null} if the model does not allow it
     */
    public record Row(long value, Proportion share, Grade grade, Ending ending) {
    }

    /**
     * A rule that names the loser of a lost update before the run, and how often it held.
     *
     * @param loser the transaction the rule names ({@link Rule#SHORTER_DELAY}); empty for
     *              {@link Rule#FIRST_READER}, which names a different one in each trial
     * @param held  of the trials that lost an update, those whose lost write was the one the rule names
     */
    public record Prediction(Rule rule, String loser, Proportion held) {
        public enum Rule {
            /** Equal delays: the first to read is the first to write, and is buried. */
            FIRST_READER,
            /** Unequal delays: the shorter sleeper writes first, and is buried. */
            SHORTER_DELAY
        }
    }

    /** What a run means, in one word. */
    public enum Verdict {
        /** Every trial ended correctly, as the guard or the serial schedule promises. */
        CORRECT,
        /** Lost updates appeared without synchronisation: the race was shown. */
        RACE_SHOWN,
        /** No synchronisation, yet no trial lost an update: nothing was shown either way. */
        INCONCLUSIVE,
        /** A guard lost an update, or a value the model forbids appeared. */
        FORBIDDEN
    }

    /**
     * How many trials ended at one balance, and the worst grade among them.
     */
    public record Seen(long trials, Grade worst) {
    }

    /**
     * What the trials that finished add up to: everything a row, the verdict or a prediction needs, and nothing
     * kept per trial, so a run holds the same few numbers for 10 trials and for 100,000,000.
     *
     * @param trials          the trials counted
     * @param byValue         the trials by ending balance, in order of the balance
     * @param lostUpdateTrials the trials in which some write was lost
     * @param retries         compare-and-set attempts that failed and read again, over all trials
     * @param lostBy          for each transaction, the trials in which a write of that transaction was lost
     * @param firstReaderLost the trials in which the write of the transaction that read first was lost
     */
    public record Counts(int trials, Map<Long, Seen> byValue, long lostUpdateTrials, long retries,
                         Map<String, Long> lostBy, long firstReaderLost) {
        public Counts {
            byValue = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(byValue));
            lostBy = Map.copyOf(lostBy);
            if (byValue.values().stream().mapToLong(Seen::trials).sum() != trials) {
                throw new IllegalArgumentException("the endings count " + byValue + ", not " + trials + " trials");
            }
        }
    }

    /**
     * Everything a run observed, beside the model it is judged against.
     *
     * @param counts the trials that finished, counted: all of them, unless the run was stopped ({@link #isWhole})
     * @param first  trial 1, whole, to be told as a story; {@code null} if the run was stopped before it finished
     */
    public record Result(Setup setup, Model model, Counts counts, Trial first) {
        public Result {
            if (counts.trials() < 1 || counts.trials() > setup.trials()) {
                throw new IllegalArgumentException("a result holds 1 to " + setup.trials() + " trials, got "
                        + counts.trials());
            }
            if (first != null && first.index() != 0) {
                throw new IllegalArgumentException("the story is trial 1, not trial " + (first.index() + 1));
            }
        }

        /** The trials that finished: all of {@code setup.trials()}, unless the run was stopped. */
        public int trialsDone() {
            return counts.trials();
        }

        /** True unless the run was stopped before every trial finished: then only those that did are here. */
        public boolean isWhole() {
            return counts.trials() == setup.trials();
        }

        /** Trial 1, the one told as a story, if it finished. */
        public Optional<Trial> story() {
            return Optional.ofNullable(first);
        }

        /** Trials grouped by ending: the expected value first, then by count, most frequent first. */
        public List<Row> distribution() {
            List<Row> rows = new ArrayList<>();
            counts.byValue().forEach((value, seen) -> rows.add(new Row(value, new Proportion(seen.trials(),
                    counts.trials()), seen.worst(), model.ending(value).orElse(null))));
            rows.sort(Comparator.comparing((Row r) -> r.value() != setup.expected())
                    .thenComparing(r -> -r.share().count()));
            return List.copyOf(rows);
        }

        /** Compare-and-set attempts that failed and read again, over all trials (0 unless {@code --sync cas}). */
        public long retries() {
            return counts.retries();
        }

        public long lostUpdateTrials() {
            return counts.lostUpdateTrials();
        }

        /**
         * What should predict whose write is lost, and how often it did. The lost write is the one that lands first:
         * the other transaction, having read before it, writes on top. With equal delays the first to land is the
         * first to read; with two transactions of unequal delays it is the one with the shorter delay. Empty under
         * a forced schedule (which decides by itself), for several transactions with unequal delays, or when no
         * update was lost.
         */
        public Optional<Prediction> prediction() {
            long lost = lostUpdateTrials();
            if (lost == 0 || setup.schedule() != null) {
                return Optional.empty();
            }
            List<Transaction> ts = setup.transactions();
            if (setup.delays().equalFor(ts)) {
                return Optional.of(new Prediction(Prediction.Rule.FIRST_READER, "",
                        new Proportion(counts.firstReaderLost(), lost)));
            }
            if (ts.size() != 2) {
                return Optional.empty();
            }
            Transaction shorter = setup.delays().of(ts.get(0)).compareTo(setup.delays().of(ts.get(1))) < 0
                    ? ts.get(0) : ts.get(1);
            long held = counts.lostBy().getOrDefault(shorter.name(), 0L);
            return Optional.of(new Prediction(Prediction.Rule.SHORTER_DELAY, shorter.name(),
                    new Proportion(held, lost)));
        }

        public Verdict verdict() {
            if (counts.byValue().values().stream().anyMatch(v -> v.worst() == Grade.FORBIDDEN)) {
                return Verdict.FORBIDDEN;
            }
            if (lostUpdateTrials() > 0) {
                return Verdict.RACE_SHOWN;
            }
            boolean meantToRace = setup.sync() == Sync.NONE && setup.schedule() == null;
            return meantToRace ? Verdict.INCONCLUSIVE : Verdict.CORRECT;
        }
    }

    /**
     * The model these trials are judged against: every interleaving of the transactions' steps. Counting them is
     * work of its own (about 2 s for 6 transactions), so a caller that times the trials builds it first.
     */
    public static Model model(Setup setup) {
        return Interleavings.of(setup.start(), setup.transactions());
    }

    /** Builds the model, then runs the trials; {@code narrative} hears the steps of trial 0 only. */
    public static Result race(Setup setup, Trace narrative) throws InterruptedException, TaskFailedException {
        return race(setup, model(setup), narrative);
    }

    /**
     * Runs the trials and judges them against {@code model}, built beforehand by {@link #model(Setup)}; {@code
     * narrative} hears the steps of trial 0 only, so one trial reads as a story.
     */
    public static Result race(Setup setup, Model model, Trace narrative)
            throws InterruptedException, TaskFailedException {
        return race(setup, model, narrative, NO_EXTRA, new Progress());
    }

    /** No extra pause anywhere: the lesson as it runs outside the tests. */
    private static final BiFunction<Integer, String, Pause> NO_EXTRA = (trial, transaction) -> Pause.none();
    private static final Function<String, Pause> NO_EXTRA_NAMED = transaction -> Pause.none();

    /**
     * Runs the trials with an extra pause per trial and transaction; tests force interleavings through it.
     *
     * @param extra for each trial index and transaction name, a pause added to that transaction
     */
    static Result race(Setup setup, Trace narrative, BiFunction<Integer, String, Pause> extra)
            throws InterruptedException, TaskFailedException {
        return race(setup, model(setup), narrative, extra, Judged.NONE, new Progress());
    }

    /** {@link #race(Setup, Model, Trace, BiFunction, Judged, Progress)}, telling no one of each trial. */
    static Result race(Setup setup, Model model, Trace narrative, BiFunction<Integer, String, Pause> extra,
                       Progress progress) throws InterruptedException, TaskFailedException {
        return race(setup, model, narrative, extra, Judged.NONE, progress);
    }

    /**
     * Runs the trials in waves ({@link #WAVE} trials each, {@link #WAVES} in flight) and judges each trial as its
     * last transaction finishes: it is counted, told to {@code judged}, and {@code progress} advances. Nothing of a
     * trial outlives its judgement but its count, except trial 1, which is kept whole for the story.
     *
     * <p>If the calling thread is interrupted (Ctrl-C), the tasks still running are cancelled and awaited; the
     * trials whose every transaction had finished were judged, and they are returned as a result that is not
     * {@linkplain Result#isWhole whole}, with the interrupt status set again so the caller knows. A trial cut halfway
     * is left out: its account may hold a read without its write. If no trial had finished, the interrupt is thrown
     * on.
     */
    static Result race(Setup setup, Model model, Trace narrative, BiFunction<Integer, String, Pause> extra,
                       Judged judged, Progress progress) throws InterruptedException, TaskFailedException {
        return race(setup, model, narrative, extra, List.of(judged), progress);
    }

    /** As above, trial i told to listener i modulo their number: the warm-up's three ({@link #prepare}). */
    private static Result race(Setup setup, Model model, Trace narrative, BiFunction<Integer, String, Pause> extra,
                               List<Judged> listeners, Progress progress)
            throws InterruptedException, TaskFailedException {
        if (model.start() != setup.start() || !model.transactions().equals(setup.transactions())) {
            throw new IllegalArgumentException("the model of " + model.start() + " and " + model.transactions()
                    + " does not fit the setup's " + setup.start() + " and " + setup.transactions());
        }
        var run = new Run(setup, model, narrative, extra, listeners, progress);
        try {
            // code:begin trials
            if (setup.sequential()) {
                for (int i = 0; i < setup.trials(); i++) {
                    Attempt one = run.attempt(i);
                    setup.threads().invokeAll(one.tasks()); // one at a time
                }
            } else {
                // Waves of WAVE trials, WAVES of them in flight, each trial's
                // transactions side by side: a fixed pool takes tasks in order,
                // so a trial's two start together, never waiting for a thread
                // held by the other. A run of one wave is a single batch.
                setup.threads().invokeInWaves(run.waves(WAVE), WAVES);
            }
            // code:end trials
        } catch (InterruptedException stopped) {
            // The waves cancelled their tasks and waited for them: every trial is judged or never will be.
            if (run.tally.trials() == 0) {
                throw stopped;
            }
            Thread.currentThread().interrupt();
        }
        return new Result(setup, model, run.tally.counts(), run.tally.first);
    }

    /**
     * One run of trials: what every trial shares, and the tally the trials add themselves to.
     */
    private record Run(Setup setup, Model model, Trace narrative, BiFunction<Integer, String, Pause> extra,
                       Judged[] listeners, Progress progress, Tally tally, long expected, Set<Long> allowed,
                       Map<String, Duration> delays) {
        /** Works out once what every trial would otherwise work out again: the expected balance, the delays. */
        Run(Setup setup, Model model, Trace narrative, BiFunction<Integer, String, Pause> extra,
            List<Judged> listeners, Progress progress) {
            this(setup, model, narrative, extra, listeners.toArray(Judged[]::new), progress, new Tally(),
                    setup.expected(), Set.copyOf(model.endings().stream().map(Ending::value).toList()),
                    delaysByName(setup));
        }

        /** Who hears trial {@code index}. An array, not a list: the warm-up's and the run's are of one class. */
        Judged judged(int index) {
            return listeners[index % listeners.length];
        }

        private static Map<String, Duration> delaysByName(Setup setup) {
            Map<String, Duration> byName = new java.util.HashMap<>();
            setup.transactions().forEach(t -> byName.put(t.name(), setup.delays().of(t)));
            return Map.copyOf(byName);
        }

        /** The delay of transaction {@code t}. */
        Duration delay(Transaction t) {
            return delays.get(t.name());
        }

        Attempt attempt(int i) {
            return new Attempt(i, this, extra == NO_EXTRA ? NO_EXTRA_NAMED : name -> extra.apply(i, name));
        }

        /** The trials, {@code size} at a time, each wave's attempts made only when it is about to start. */
        Iterator<List<Callable<Long>>> waves(int size) {
            return new Iterator<>() {
                private int next; // the first trial of the next wave; the runner's thread alone

                @Override
                public boolean hasNext() {
                    return next < setup.trials();
                }

                @Override
                public List<Callable<Long>> next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException("no trial after " + setup.trials());
                    }
                    int end = (int) Math.min(setup.trials(), (long) next + size);
                    List<Callable<Long>> tasks = new ArrayList<>((end - next) * setup.transactions().size());
                    for (; next < end; next++) {
                        tasks.addAll(attempt(next).tasks());
                    }
                    return tasks;
                }
            };
        }
    }

    /**
     * The trials judged so far, counted. Trials add themselves from the threads of their last transactions, several
     * at once; the runner reads the counts once every task has ended.
     *
     * <p><b>Memory visibility.</b> Every count is a {@link LongAdder} or a {@link ConcurrentHashMap} entry, and
     * {@code first} is volatile; the runner reads them after the waves' executors (or scopes) have awaited every
     * task, which happens-after every add.
     */
    private static final class Tally {
        private final LongAdder trials = new LongAdder();
        private final LongAdder lostUpdateTrials = new LongAdder();
        private final LongAdder retries = new LongAdder();
        private final LongAdder firstReaderLost = new LongAdder();
        private final Map<Long, Ending> byValue = new ConcurrentHashMap<>();
        private final Map<String, LongAdder> lostBy = new ConcurrentHashMap<>();
        private volatile Trial first; // trial 1, whole: written once by its last transaction, read by the runner

        /** The trials at one balance and their worst grade (the grade only rises: EXPECTED to FORBIDDEN). */
        private static final class Ending {
            final LongAdder trials = new LongAdder();
            final java.util.concurrent.atomic.AtomicInteger worst = new java.util.concurrent.atomic.AtomicInteger();
        }

        void add(Outcome outcome, Grade grade, String firstReader, int retried) {
            Ending at = byValue.computeIfAbsent(outcome.actual(), v -> new Ending());
            at.worst.accumulateAndGet(grade.ordinal(), Math::max);
            at.trials.increment();
            retries.add(retried);
            if (outcome instanceof Outcome.LostUpdates l) {
                lostUpdateTrials.increment();
                boolean firstReaders = false;
                List<Overwrite> overwrites = l.overwrites();
                for (int i = 0; i < overwrites.size(); i++) { // each writer once, however many of its writes
                    String loser = overwrites.get(i).lost().writer();
                    if (!lostBefore(overwrites, i, loser)) {
                        lostBy.computeIfAbsent(loser, n -> new LongAdder()).increment();
                        firstReaders |= loser.equals(firstReader);
                    }
                }
                if (firstReaders) {
                    firstReaderLost.increment();
                }
            }
            trials.increment(); // last: a trial counted here is counted everywhere
        }

        /** True if one of the first {@code i} overwrites lost a write of {@code writer}. A loop: every trial. */
        private static boolean lostBefore(List<Overwrite> overwrites, int i, String writer) {
            for (int j = 0; j < i; j++) {
                if (overwrites.get(j).lost().writer().equals(writer)) {
                    return true;
                }
            }
            return false;
        }

        long trials() {
            return trials.sum();
        }

        Counts counts() {
            Map<Long, Seen> seen = new TreeMap<>();
            byValue.forEach((value, e) -> seen.put(value, new Seen(e.trials.sum(), Grade.values()[e.worst.get()])));
            Map<String, Long> lost = new TreeMap<>();
            lostBy.forEach((name, n) -> lost.put(name, n.sum()));
            return new Counts((int) trials.sum(), seen, lostUpdateTrials.sum(), retries.sum(), lost,
                    firstReaderLost.sum());
        }
    }

    /**
     * One trial in flight: its account, its tasks, and what its steps tell the tally (who read first, how often a
     * compare-and-set failed). Trial 1 also keeps its steps for the story, and every trial does when
     * {@link Judged#wantsSteps()}.
     *
     * <p><b>Memory visibility.</b> {@code unfinished}, {@code firstReader} and {@code retries} change only through
     * atomic field updaters, from the trial's task threads: the last transaction to finish sees {@code unfinished}
     * reach 0 after every other's decrement, and with it everything the others did before it, so it judges the
     * whole trial.
     */
    private static final class Attempt implements Trace {
        private static final AtomicIntegerFieldUpdater<Attempt> UNFINISHED =
                AtomicIntegerFieldUpdater.newUpdater(Attempt.class, "unfinished");
        private static final AtomicIntegerFieldUpdater<Attempt> RETRIES =
                AtomicIntegerFieldUpdater.newUpdater(Attempt.class, "retries");
        private static final AtomicReferenceFieldUpdater<Attempt, String> FIRST_READER =
                AtomicReferenceFieldUpdater.newUpdater(Attempt.class, String.class, "firstReader");

        private final int index;
        private final Run run;
        private Database account; // set here; dropped by the judging thread once judged, so a wave keeps no history
        private final Trace.Recorder steps; // trial 1's, or every trial's if Judged wants them; else null
        private final Trace narrative;      // trial 1's live story; else Trace.none()
        private final List<Callable<Long>> tasks = new ArrayList<>(2); // filled once here, then only read
        private final Callable<?>[] bodies; // each transaction's task until its thread takes it (then null)
        private volatile int unfinished;    // transactions not yet returned; decremented by each as it returns
        private volatile int retries;       // failed compare-and-sets; added to by the trial's tasks
        private volatile String firstReader; // the first transaction to read; set once by it

        Attempt(int index, Run run, Function<String, Pause> extra) {
            this.index = index;
            this.run = run;
            Setup setup = run.setup();
            this.steps = index == 0 || run.judged(index).wantsSteps() ? new Trace.Recorder() : null;
            this.narrative = index == 0 ? run.narrative() : Trace.none();
            Trace trace = this;
            // code:begin tasks
            this.account = new Database(setup.start()); // this trial's account
            Guard guard = setup.sync().newGuard();  // --sync: one per account
            Sequencer order = setup.schedule() == null ? null
                    : new Sequencer(setup.schedule().order(setup.transactions()),
                            TURN_LIMIT);            // --schedule
            for (Transaction t : setup.transactions()) { // deposit, withdrawal
                Pause pause = jitter(setup.jitter())    // --jitter
                        .andThen(order == null ? Pause.none()
                                : order.pauseFor(t.name()))
                        .andThen(extra.apply(t.name())) // tests' barriers
                        .andThen(Pause.sleepAfterRead(run.delay(t)));
                var update = new Update(t.name(), t.amount(), pause, trace, account);
                String name = index == 0 ? t.name()
                        : t.name() + " (trial " + (index + 1) + ")";
                tasks.add(new Task<>(name,
                        () -> guard.run(update).value()));
            }
            // code:end tasks
            unfinished = tasks.size();
            // The wave holds its tasks until its last trial ends: each hands its body (update, guard, account)
            // over as it starts, so a trial that has ended keeps nothing in the wave but this shell.
            bodies = tasks.toArray(Callable<?>[]::new);
            for (int i = 0; i < bodies.length; i++) {
                int k = i;
                tasks.set(i, () -> ended(take(k).call())); // a cancelled one throws: its trial never ends
            }
        }

        List<Callable<Long>> tasks() {
            return tasks;
        }

        /** Transaction {@code k}'s task, taken once by its thread (submitting it happens-before this). */
        @SuppressWarnings("unchecked")
        private Callable<Long> take(int k) {
            Callable<Long> body = (Callable<Long>) bodies[k];
            bodies[k] = null;
            return body;
        }

        /** Every step if they are kept or told; otherwise only the first read and the retries, for the tally. */
        @Override
        public boolean hears(Step.Kind kind) {
            return steps != null || kind == Step.Kind.READ || kind == Step.Kind.RETRY || narrative.hears(kind);
        }

        /** Hears this trial's steps, from its task threads. */
        @Override
        public void on(Step step) {
            if (steps == null) {
                note(step);
            } else {
                synchronized (steps) { // the recorder's own lock: its first READ is the first reader
                    steps.on(step);
                    note(step);
                }
            }
            narrative.on(step);
        }

        private void note(Step step) {
            switch (step.kind()) {
                case READ -> FIRST_READER.compareAndSet(this, null, step.task());
                case RETRY -> RETRIES.incrementAndGet(this);
                case ARRIVE, WAIT, START, WRITE, FINISH, PEEK -> { }
            }
        }

        /** A transaction returned {@code value}; the last of the trial's judges it, counts it and advances. */
        private long ended(long value) {
            if (UNFINISHED.decrementAndGet(this) == 0) {
                judge();
                run.progress().advance();
            }
            return value;
        }

        private void judge() {
            Setup setup = run.setup();
            List<Version> history = account.history();
            account = null;
            Outcome outcome = Outcome.of(run.expected(), history);
            boolean allowed = setup.sync().promisesAtomicity() ? outcome.actual() == run.expected()
                    : run.allowed().contains(outcome.actual()); // what model.allows() says
            Grade grade = allowed ? Grade.of(outcome, setup.sync()) : Grade.FORBIDDEN;
            Trial trial = new Trial(index, outcome, grade, steps == null ? List.of() : steps.steps(), history);
            if (index == 0) {
                run.tally().first = trial;
            }
            run.judged(index).trial(trial);
            run.tally().add(outcome, grade, firstReader, retries);
        }
    }

    /** A random pause of up to {@code max} before the transaction starts, so both orders of the writes occur. */
    private static Pause jitter(Duration max) {
        if (max.isZero()) {
            return Pause.none();
        }
        // code:begin jitter
        return point -> {
            if (point == Pause.Point.ARRIVE) {          // before the guard
                var random = ThreadLocalRandom.current();
                long nanos = random.nextLong(max.toNanos() + 1);
                Thread.sleep(Duration.ofNanos(nanos));  // 0 to --jitter
            }
        };
        // code:end jitter
    }
}
