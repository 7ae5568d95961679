package dev.vtlab.lesson;

import dev.vtlab.sync.Sync;
import dev.vtlab.sync.Version;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@Timeout(10)
class GradeTest {

    private static final Outcome LOST = new Outcome.LostUpdates(20, 10, List.of(new Overwrite(
            new Version(1, 10, "task 1", 0), new Version(2, 10, "task 2", 0))));

    /** A lost update is the lesson's point without a guard, and a broken promise with one. */
    @ParameterizedTest
    @EnumSource(Sync.class)
    void aLostUpdateIsInterestingOnlyWithoutAGuard(Sync sync) {
        assertEquals(sync == Sync.NONE ? Grade.INTERESTING : Grade.FORBIDDEN, Grade.of(LOST, sync));
        assertEquals(Grade.EXPECTED, Grade.of(new Outcome.Consistent(20, 20), sync));
    }
}
