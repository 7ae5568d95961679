package dev.vtlab.cli;

import dev.vtlab.jfr.AccountTrialEvent;
import dev.vtlab.jfr.TaskUpdateTrace;
import dev.vtlab.lesson.AccountLesson;
import dev.vtlab.lesson.AccountLesson.Result;
import dev.vtlab.lesson.AccountLesson.Setup;
import dev.vtlab.lesson.AccountLesson.Trial;
import dev.vtlab.lesson.Interleavings;
import dev.vtlab.lesson.Listing;
import dev.vtlab.lesson.Outcome;
import dev.vtlab.lesson.Schedule;
import dev.vtlab.lesson.Transaction;
import dev.vtlab.metrics.LessonMeters;
import dev.vtlab.report.AccountView;
import dev.vtlab.report.CodeReport;
import dev.vtlab.sync.Sync;
import dev.vtlab.sync.Trace;
import dev.vtlab.threading.TaskFailedException;
import io.micrometer.core.instrument.Tags;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "account", mixinStandardHelpOptions = true,
        header = "Which update is lost, and how often: many trials set beside every possible interleaving.",
        description = {
            "Which update is lost? A balance of 100; a deposit of +50 and a withdrawal of -150 run at once.",
            "Correct: 0. A lost update gives 150 (the withdrawal's write was lost) or -50 (the deposit's), and",
            "which one depends on scheduling: the lab runs many trials, counts the endings, sets them beside every",
            "possible interleaving, and can force each outcome."},
        footerHeading = "%nExamples:%n",
        footer = {
            "  ./vtlab account",
            "      trial 1 as a story, then 1,000 trials: both 150 and -50 happen",
            "  ./vtlab account --trials 1 --delay 100ms --jitter 0",
            "      one trial, as the original lesson runs it: nearly always -50",
            "  ./vtlab account --jitter 0",
            "      equal delays, no jitter: the first to read loses, nearly always the",
            "      deposit (-50)",
            "  ./vtlab account --delay deposit=2ms,withdrawal=5ms --jitter 0",
            "      the withdrawal writes last: the deposit is lost (-50) in nearly every",
            "      trial",
            "  ./vtlab account --delay deposit=5ms,withdrawal=2ms --jitter 0",
            "      the deposit writes last: the withdrawal is lost (150)",
            "  ./vtlab account --sync lock",
            "      the fix: every trial ends at 0",
            "  ./vtlab account --schedule withdrawal-lost --timeline",
            "      force 150 in every trial, and draw trial 1's reads and writes",
            "  ./vtlab account --ops=+50,-150,+20",
            "      three transactions: 90 interleavings, 7 possible endings",
            "  ./vtlab account --format json | jq -c '.runs[0].observed[]'",
            "      the distribution, for scripts",
            "  ./vtlab account --format html > account.html",
            "      one page with the pictures, to open in a browser or show a class",
            "  ./vtlab account --metrics",
            "      then the run's Micrometer meters as a table"})
final class AccountCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    VtlabCommand parent;

    @Mixin
    RaceOptions race;

    @Mixin
    JfrOptions jfr;

    @Mixin
    MetricsOptions metrics;

    @Mixin
    FormatOption format;

    /** Enough trials that both lost-update endings show in nearly every run, few enough to take well under 1 s. */
    static final int DEFAULT_TRIALS = 1000;

    /** With the default jitter, long enough that the two transactions' windows overlap in nearly every trial. */
    static final Duration DEFAULT_DELAY = Duration.ofMillis(1);

    private int trials = DEFAULT_TRIALS;

    @Option(names = "--trials", paramLabel = "N", defaultValue = "" + DEFAULT_TRIALS,
            description = {"How many independent trials, each with its own account (1 to "
                + AccountLesson.MAX_TRIALS + ",", "default: ${DEFAULT-VALUE}). Trial 1 is told as a story."
                + " Example: --trials 10000"})
    void setTrials(String n) {
        trials = Converters.wholeNumber(spec, "--trials", n, 1, AccountLesson.MAX_TRIALS);
    }

    @Option(names = "--sequential",
            description = {"Run the trials one after another instead of all at once.", "Example: --sequential"})
    boolean sequential;

    @Option(names = "--jitter", paramLabel = "DURATION", defaultValue = "1ms",
            converter = Converters.DurationConverter.class,
            description = {"A random pause of up to this long before each transaction starts, so",
                "either may read first and both endings occur (default: ${DEFAULT-VALUE}; 0 for none).",
                "Example: --jitter 0"})
    Duration jitter;

    private List<Long> amounts = AccountLesson.DEFAULT_AMOUNTS;

    @Option(names = "--ops", paramLabel = "AMOUNTS", converter = Converters.AmountsConverter.class,
            description = {"The transactions, as signed amounts (1 to " + Interleavings.MAX_TRANSACTIONS
                + "; default: +50,-150).", "Example: --ops=+50,-150,+20"})
    void setAmounts(List<Long> value) {
        if (value.size() > Interleavings.MAX_TRANSACTIONS) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--ops': " + value.size()
                    + " transactions; use 1 to " + Interleavings.MAX_TRANSACTIONS + " (the model enumerates every"
                    + " interleaving)");
        }
        amounts = value;
    }

    /** Balances and amounts this small can never leave a long, whatever order the transactions land in. */
    static final long MAX_BALANCE = 1_000_000_000_000_000L;

    private long balance = AccountLesson.START;

    @Option(names = "--balance", paramLabel = "AMOUNT", defaultValue = "" + AccountLesson.START,
            description = {"The starting balance, -10^15 to 10^15 (default: ${DEFAULT-VALUE}).",
                "Example: --balance 0"})
    void setBalance(String amount) {
        balance = Converters.wholeNumber(spec, "--balance", amount, -MAX_BALANCE, MAX_BALANCE);
    }

    @Option(names = "--schedule", paramLabel = "ORDER",
            converter = Converters.ScheduleConverter.class,
            completionCandidates = Converters.ScheduleConverter.class,
            description = {"Force the order of the reads and writes in every trial:",
                "${COMPLETION-CANDIDATES}.",
                "Needs --sync none. Example: --schedule deposit-lost"})
    Schedule schedule;

    @Option(names = "--timeline",
            description = {"Draw the first trial's reads and writes as swimlanes, with times and values.",
                "Example: --timeline"})
    boolean timeline;


    @Override
    public Integer call() throws InterruptedException, TaskFailedException {
        Setup setup = setup();
        format.refuseWith(race, spec);
        if (race.code) {
            new CodeReport(spec.commandLine().getOut(), parent.style()).print(new Listing("account --sync "
                    + setup.sync().cliName() + " --threads " + setup.threads().cliName()
                    + (setup.schedule() == null ? "" : " --schedule " + setup.schedule().cliName()),
                    Listing.account(setup.sync(), setup.threads(), setup.schedule() != null)));
            return ExitCode.OK.code();
        }
        var instruments = new Instruments();
        return LessonRunner.run(spec, parent, new AccountLesson(setup, instruments), new AccountView(race.verbose,
                timeline), instruments, jfr, metrics, format);
    }

    /**
     * The meters and recording of an account run: trial 1's steps feed the {@code vtlab.TaskUpdate} events (task
     * names repeat across trials, so one trial only); every trial's outcome the meters, its steps too when they
     * will be printed, and one {@code vtlab.AccountTrial} event each, from which {@code vtlab jfr} rebuilds the
     * distribution. The lesson keeps no trial but the first, so each trial is taken as it is judged.
     *
     * <p><b>Memory visibility.</b> {@code trace()} sets the fields on the command's thread before the run starts its
     * tasks (which happens-before their {@link #trial} calls); the meters and Flight Recorder are thread-safe.
     */
    private static final class Instruments implements LessonRunner.Instruments<Setup, Result>, AccountLesson.Judged {
        private TaskUpdateTrace updates; // set by trace(), read by record(): the command's thread, in turn
        private LessonMeters meters;     // set by trace(); read by the trials' threads during the run
        private boolean metered;         // likewise
        private boolean recorded;        // likewise: a recording wants vtlab.AccountTrial

        @Override
        public Tags tags(Setup setup) {
            return Tags.of("sync", setup.sync().cliName(), "threads", setup.threads().cliName());
        }

        @Override
        public Trace trace(Setup setup, LessonMeters meters, boolean metered) {
            this.meters = meters;
            this.metered = metered;
            this.recorded = new AccountTrialEvent().isEnabled();
            updates = new TaskUpdateTrace();
            return updates;
        }

        @Override
        public boolean wantsSteps() {
            return metered;
        }

        @Override
        public void trial(Trial trial) {
            if (meters == null) {
                return; // the lesson run without this runner (its warm-up): nothing to record
            }
            if (metered) {
                meters.replay(trial.steps()); // a string key and a map entry per step of every trial
            }
            meters.outcome(trial.outcome().lostCount());
            if (!recorded) {
                return;
            }
            var event = new AccountTrialEvent();
            event.trial = trial.index() + 1;
            event.startingBalance = trial.history().getFirst().value();
            event.endingBalance = trial.outcome().actual();
            event.outcome = switch (trial.outcome()) {
                case Outcome.Consistent c -> "consistent";
                case Outcome.LostUpdates l -> "lost update";
            };
            event.grade = trial.grade().name();
            event.commit();
        }

        @Override
        public void record(Setup setup, Result result, Duration elapsed, LessonMeters meters) {
            meters.took(elapsed);
            result.story().ifPresent(first -> updates.commit(first.history())); // absent if stopped before it ended
        }
    }

    /** The setup, or a usage error naming the options that do not go together. */
    private Setup setup() {
        Sync sync = race.sync == null ? Sync.NONE : race.sync;
        try {
            return new Setup(race.threads, sync, balance, Transaction.named(amounts), race.delaysOr(DEFAULT_DELAY),
                    jitter, trials, sequential, schedule);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
