package dev.vtlab.lesson;

import dev.vtlab.lesson.AccountLesson.Result;
import dev.vtlab.lesson.AccountLesson.Row;
import dev.vtlab.lesson.AccountLesson.Setup;
import dev.vtlab.sync.Sync;
import dev.vtlab.sync.Trace;
import dev.vtlab.threading.ThreadKind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Statistical runs, left to the scheduler: they can only show that no FORBIDDEN ending appeared in so many trials,
 * never that a race exists. Excluded from {@code verify}; run with
 * {@code ./vtlab test -Dvtlab.excludedGroups= -Dgroups=stress}.
 */
@Tag("stress")
class AccountStressTest {

    private static final int TRIALS = 20_000;

    static Stream<Object[]> everyCombination() {
        return Stream.of(ThreadKind.values())
                .flatMap(kind -> Stream.of(Sync.values()).map(sync -> new Object[] {kind, sync}));
    }

    /** Jitter makes both orders of the writes occur; every ending must be one the model allows for the guard. */
    @ParameterizedTest
    @MethodSource("everyCombination")
    @Timeout(120)
    void noForbiddenEndingInManyJitteredTrials(ThreadKind kind, Sync sync) throws Exception {
        var setup = new Setup(kind, sync, AccountLesson.START, Transaction.named(AccountLesson.DEFAULT_AMOUNTS),
                Duration.ZERO, Duration.ofNanos(50_000), TRIALS, false, null);
        Result result = AccountLesson.race(setup, Trace.none());

        List<Row> rows = result.distribution();
        assertEquals(TRIALS, rows.stream().mapToLong(r -> r.share().count()).sum());
        for (Row row : rows) {
            assertNotEquals(Grade.FORBIDDEN, row.grade(), () -> "forbidden ending " + row);
            assertTrue(result.model().allows(row.value()), () -> "the model does not allow " + row);
        }
        if (sync.promisesAtomicity()) {
            assertEquals(List.of(0L), rows.stream().map(Row::value).toList());
        }
    }
}
