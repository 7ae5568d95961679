package dev.vtlab.lesson;

import dev.vtlab.sync.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(10)
class OutcomeTest {

    private static final Version START = new Version(0, 0, Version.INITIAL, -1);

    @Test
    void aChainOfReadsIsConsistent() {
        var history = List.of(START, new Version(1, 10, "task 1", 0), new Version(2, 20, "task 2", 1));
        assertInstanceOf(Outcome.Consistent.class, Outcome.of(20, history));
    }

    @Test
    void aWriteNobodyReadIsLostToTheNextWriter() {
        var first = new Version(1, 10, "task 1", 0);
        var second = new Version(2, 10, "task 2", 0);
        var outcome = assertInstanceOf(Outcome.LostUpdates.class, Outcome.of(20, List.of(START, first, second)));
        assertEquals(List.of(new Overwrite(first, second)), outcome.overwrites());
        assertEquals(10, outcome.actual());
    }

    @Test
    void countsOneLostUpdatePerOverwriteAndNoneWhenConsistent() {
        var first = new Version(1, 10, "task 1", 0);
        var second = new Version(2, 10, "task 2", 0);
        var third = new Version(3, 10, "task 3", 0);
        var lost = assertInstanceOf(Outcome.LostUpdates.class, Outcome.of(30, List.of(START, first, second, third)));
        // in store order
        assertEquals(List.of(new Overwrite(first, third), new Overwrite(second, third)), lost.overwrites());
        assertEquals(2, lost.lostCount());
        assertEquals(0, Outcome.of(10, List.of(START, first)).lostCount());
    }

    @Test
    void theLastWriteIsNeverLost() {
        var history = List.of(START, new Version(1, 150, "deposit", 0));
        assertInstanceOf(Outcome.Consistent.class, Outcome.of(150, history));
    }

    @Test
    void anOverwriteMustComeLaterAndNotHaveSeenTheLostWrite() {
        var first = new Version(1, 10, "task 1", 0);
        assertThrows(IllegalArgumentException.class, () -> new Overwrite(first, new Version(2, 20, "task 2", 1)));
    }
}
