package dev.vtlab.cli;

import dev.vtlab.lesson.Delays;
import dev.vtlab.sync.Sync;
import dev.vtlab.threading.ThreadKind;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.time.Duration;

/** The options every race lesson spells the same way: who runs the tasks, what guards the state, how slow. */
final class RaceOptions {

    @Option(names = "--threads", paramLabel = "KIND", defaultValue = "virtual",
            converter = Converters.ThreadKindConverter.class,
            completionCandidates = Converters.ThreadKindConverter.class,
            description = {"What runs the tasks: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
                "platform = a fixed pool of OS threads (up to " + ThreadKind.PLATFORM_POOL_SIZE + "),",
                "virtual = Executors.newVirtualThreadPerTaskExecutor(),",
                "scope = StructuredTaskScope.ShutdownOnFailure (JDK 21 preview).",
                "Example: --threads platform"})
    ThreadKind threads;

    @Option(names = "--sync", paramLabel = "GUARD",
            converter = Converters.SyncConverter.class,
            completionCandidates = Converters.SyncConverter.class,
            description = {"What guards the shared value: ${COMPLETION-CANDIDATES}.",
                "none = nothing, synchronized = a synchronized block, lock = a ReentrantLock,",
                "cas = a compare-and-set loop that retries on conflict.",
                "Example: --sync cas"})
    Sync sync;

    @Option(names = "--delay", paramLabel = "DURATION",
            converter = Converters.DelaysConverter.class,
            description = {"How long each task sleeps between its read and its write, with a unit",
                "(ns, us, ms, s, m): 100ms, 0.1s (default: 100ms in counter, 1ms in account).",
                "account also takes one per transaction: deposit=2ms,withdrawal=5ms.",
                "Example: --delay 0.5s"})
    private Delays delay; // null: the lesson's own default

    /** The one delay of every task; a per-transaction {@code --delay} is a usage error here. */
    Duration delayOr(Duration lessonDefault, CommandSpec spec) {
        if (delay == null) {
            return lessonDefault;
        }
        if (delay.isNamed()) {
            throw new ParameterException(spec.commandLine(), "Invalid value for option '--delay': a delay per"
                    + " transaction (NAME=DURATION) is for vtlab account; here use one duration, such as 100ms");
        }
        return delay.common();
    }

    /** The delays, by transaction name where given; {@code lessonDefault} for every transaction not named. */
    Delays delaysOr(Duration lessonDefault) {
        return delay == null ? Delays.all(lessonDefault) : delay.orElse(lessonDefault);
    }

    @Option(names = "--code",
            description = {"Print the Java this run would execute (the tasks, the with block that starts",
                "and awaits them, the guard of --sync, the update), read from the lab's own",
                "source; then stop without running. Example: --code --sync lock"})
    boolean code;

    @Option(names = {"-v", "--verbose"},
            description = "Also print every read and write, with its time since the start.")
    boolean verbose;
}
