package dev.vtlab.report;

import dev.vtlab.sync.Step;
import dev.vtlab.sync.Step.Kind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The story's order: a guard names its holder a moment before the holder's update says "starting", so a task that
 * arrives in that moment records its wait first. The story tells it after the holder's start, as it happened for
 * the reader: task 1 took the lock, then task 2 found it held.
 */
class NarrativeTest {

    private static final String STARTING_1 = "task 1: starting update";
    private static final String WAITING_2 = "task 2: waiting for the lock (task 1 holds it)";

    @Test
    void aWaitRecordedBeforeItsHoldersStartIsToldAfterIt() {
        List<Step> steps = List.of(
                new Step("task 2", Kind.WAIT, 0, 1, "task 1"),   // task 1 holds the lock, has not said so yet
                new Step("task 1", Kind.START, 0, 2),
                new Step("task 1", Kind.FINISH, 0, 3),
                new Step("task 2", Kind.START, 0, 4),
                new Step("task 2", Kind.FINISH, 0, 5));

        assertEquals(List.of(STARTING_1, WAITING_2, "task 1: finishing update", "task 2: starting update",
                "task 2: finishing update"), new Narrative(Narrative.Voice.COUNTER, false, 0).lines(steps));
    }

    @Test
    void aWaitAfterItsHoldersStartIsToldAtOnce() {
        var narrative = new Narrative(Narrative.Voice.COUNTER, false, 0);
        assertEquals(List.of(STARTING_1), texts(narrative.tell(new Step("task 1", Kind.START, 0, 1))));
        assertEquals(List.of(WAITING_2), texts(narrative.tell(new Step("task 2", Kind.WAIT, 0, 2, "task 1"))));
    }

    @Test
    void theLiveStoryHoldsTheWaitUntilTheHolderStarts() {
        var narrative = new Narrative(Narrative.Voice.COUNTER, false, 0);
        assertEquals(List.of(), narrative.tell(new Step("task 2", Kind.WAIT, 0, 1, "task 1")));
        assertEquals(List.of(STARTING_1, WAITING_2), texts(narrative.tell(new Step("task 1", Kind.START, 0, 2))));
    }

    private static List<String> texts(List<Block.Para> lines) {
        return lines.stream().map(Block.Para::text).toList();
    }
}
