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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
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
    public static final int MAX_TRIALS = 1_000_000;

    /** How long a forced schedule waits for a turn before it calls itself stuck. */
    private static final Duration TURN_LIMIT = Duration.ofSeconds(60);

    private final Setup setup;
    private Model model; // counted by prepare(), before the clock starts; the runner's thread

    /** The lesson that runs this setup's trials (one run). */
    public AccountLesson(Setup setup) {
        this.setup = setup;
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

    /** Counts the model, the lab's arithmetic rather than the trials' time (about 2 s for 6 transactions). */
    @Override
    public void prepare() {
        model = model(setup);
    }

    /** Runs the trials; {@code story} hears the steps of trial 1 only, so one trial reads as a story. */
    @Override
    public Result run(Setup s, Trace story) throws InterruptedException, TaskFailedException {
        return race(s, model == null ? model(s) : model, story);
    }

    /** The worst grade of any trial. */
    @Override
    public Grade grade(Result result) {
        return result.trials().stream().map(Trial::grade).max(Grade::compareTo).orElseThrow();
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
        return result.lostUpdateTrials() + " of " + result.trials().size() + " trials lost an update";
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

    /** One trial: its own account, its ending and grade, and every step of its transactions. */
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

    /** Everything a run observed, beside the model it is judged against. */
    public record Result(Setup setup, Model model, List<Trial> trials) {
        public Result {
            trials = List.copyOf(trials);
        }

        /** Trials grouped by ending: the expected value first, then by count, most frequent first. */
        public List<Row> distribution() {
            Map<Long, List<Trial>> byValue = new TreeMap<>();
            for (Trial t : trials) {
                byValue.computeIfAbsent(t.outcome().actual(), v -> new ArrayList<>()).add(t);
            }
            List<Row> rows = new ArrayList<>();
            byValue.forEach((value, group) -> rows.add(new Row(value, new Proportion(group.size(), trials.size()),
                    group.stream().map(Trial::grade).max(Comparator.naturalOrder()).orElseThrow(),
                    model.ending(value).orElse(null))));
            rows.sort(Comparator.comparing((Row r) -> r.value() != setup.expected())
                    .thenComparing(r -> -r.share().count()));
            return List.copyOf(rows);
        }

        /** Compare-and-set attempts that failed and read again, over all trials (0 unless {@code --sync cas}). */
        public long retries() {
            return trials.stream().flatMap(t -> t.steps().stream()).filter(s -> s.kind() == Step.Kind.RETRY).count();
        }

        public long lostUpdateTrials() {
            return trials.stream().filter(t -> t.outcome() instanceof Outcome.LostUpdates).count();
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
                long held = trials.stream().filter(t -> firstReader(t).map(name -> lostWrite(t, name))
                        .orElse(false)).count();
                return Optional.of(new Prediction(Prediction.Rule.FIRST_READER, "", new Proportion(held, lost)));
            }
            if (ts.size() != 2) {
                return Optional.empty();
            }
            Transaction shorter = setup.delays().of(ts.get(0)).compareTo(setup.delays().of(ts.get(1))) < 0
                    ? ts.get(0) : ts.get(1);
            long held = trials.stream().filter(t -> lostWrite(t, shorter.name())).count();
            return Optional.of(new Prediction(Prediction.Rule.SHORTER_DELAY, shorter.name(),
                    new Proportion(held, lost)));
        }

        private static boolean lostWrite(Trial trial, String transaction) {
            return trial.outcome() instanceof Outcome.LostUpdates l
                    && l.overwrites().stream().anyMatch(o -> o.lost().writer().equals(transaction));
        }

        private static Optional<String> firstReader(Trial trial) {
            return trial.steps().stream().filter(s -> s.kind() == Step.Kind.READ).map(Step::task).findFirst();
        }

        public Verdict verdict() {
            if (trials.stream().anyMatch(t -> t.grade() == Grade.FORBIDDEN)) {
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
        return race(setup, model, narrative, (trial, transaction) -> Pause.none());
    }

    /**
     * Runs the trials with an extra pause per trial and transaction; tests force interleavings through it.
     *
     * @param extra for each trial index and transaction name, a pause added to that transaction
     */
    static Result race(Setup setup, Trace narrative, BiFunction<Integer, String, Pause> extra)
            throws InterruptedException, TaskFailedException {
        return race(setup, model(setup), narrative, extra);
    }

    private static Result race(Setup setup, Model model, Trace narrative, BiFunction<Integer, String, Pause> extra)
            throws InterruptedException, TaskFailedException {
        if (model.start() != setup.start() || !model.transactions().equals(setup.transactions())) {
            throw new IllegalArgumentException("the model of " + model.start() + " and " + model.transactions()
                    + " does not fit the setup's " + setup.start() + " and " + setup.transactions());
        }
        List<Attempt> attempts = new ArrayList<>(setup.trials());
        for (int i = 0; i < setup.trials(); i++) {
            int trial = i;
            attempts.add(new Attempt(i, setup, i == 0 ? narrative : Trace.none(), name -> extra.apply(trial, name)));
        }
        // code:begin trials
        if (setup.sequential()) {
            for (Attempt a : attempts) {
                setup.threads().invokeAll(a.tasks());   // one trial at a time
            }
        } else {
            // All trials in one batch, each trial's transactions side by
            // side: a fixed pool takes tasks in order, so a trial's two
            // start together, never waiting for a thread held by the other.
            List<Callable<Long>> all = new ArrayList<>();
            attempts.forEach(a -> all.addAll(a.tasks()));
            setup.threads().invokeAll(all);
        }
        // code:end trials
        List<Trial> trials = attempts.stream().map(a -> a.judge(model)).toList();
        return new Result(setup, model, trials);
    }

    /** One trial in flight: its account, its tasks and the steps they take. */
    private static final class Attempt {
        private final int index;
        private final Setup setup;
        private final Database account;
        private final Trace.Recorder steps = new Trace.Recorder();
        private final List<Callable<Long>> tasks = new ArrayList<>(); // filled once here, then only read

        Attempt(int index, Setup setup, Trace narrative, Function<String, Pause> extra) {
            this.index = index;
            this.setup = setup;
            Trace trace = steps.and(narrative);
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
                        .andThen(Pause.sleepAfterRead(setup.delays().of(t)));
                var update = new Update(t.name(), t.amount(), pause, trace, account);
                String name = index == 0 ? t.name()
                        : t.name() + " (trial " + (index + 1) + ")";
                tasks.add(new Task<>(name,
                        () -> guard.run(update).value()));
            }
            // code:end tasks
        }

        List<Callable<Long>> tasks() {
            return tasks;
        }

        Trial judge(Model model) {
            Outcome outcome = Outcome.of(setup.expected(), account.history());
            boolean allowed = setup.sync().promisesAtomicity() ? outcome.actual() == setup.expected()
                    : model.allows(outcome.actual());
            Grade grade = allowed ? Grade.of(outcome, setup.sync()) : Grade.FORBIDDEN;
            return new Trial(index, outcome, grade, steps.steps(), account.history());
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
