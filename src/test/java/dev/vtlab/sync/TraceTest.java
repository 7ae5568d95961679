package dev.vtlab.sync;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TraceTest {

    /** A trace that hears one kind of step and keeps what it is told. */
    private record Hearing(Step.Kind kind, List<Step> told) implements Trace {
        Hearing(Step.Kind kind) {
            this(kind, new ArrayList<>());
        }

        @Override
        public void on(Step step) {
            told.add(step);
        }

        @Override
        public boolean hears(Step.Kind k) {
            return k == kind;
        }
    }

    @Test
    void noneHearsNothingAndIsLeftOutOfAPair() {
        Trace reads = new Hearing(Step.Kind.READ);
        for (Step.Kind kind : Step.Kind.values()) {
            assertFalse(Trace.none().hears(kind), kind.name());
        }
        assertSame(reads, Trace.none().and(reads));
        assertSame(reads, reads.and(Trace.none()));
    }

    @Test
    void aPairGivesATaskThePerTaskTracesOfBoth() {
        List<Trace> made = new ArrayList<>();
        Trace perTask = new Trace() {
            @Override
            public void on(Step step) {
            }

            @Override
            public Trace forTask() {
                Trace own = step -> { };
                made.add(own);
                return own;
            }
        };
        Trace plain = step -> { };
        assertSame(plain, plain.forTask());
        Trace pair = plain.and(perTask);
        Trace task1 = pair.forTask();
        Trace task2 = pair.forTask();
        assertEquals(2, made.size());
        assertTrue(task1 != pair && task2 != task1, "each task a pair of its own");
        Trace plainPair = plain.and(step -> { });
        assertSame(plainPair, plainPair.forTask()); // nothing per task: the pair itself
    }

    @Test
    void aPairHearsWhatEitherHearsAndTellsBothInOrder() {
        var reads = new Hearing(Step.Kind.READ);
        var writes = new Hearing(Step.Kind.WRITE);
        Trace both = reads.and(writes);
        assertTrue(both.hears(Step.Kind.READ));
        assertTrue(both.hears(Step.Kind.WRITE));
        assertFalse(both.hears(Step.Kind.START));

        List<String> order = new ArrayList<>();
        Trace first = step -> order.add("first");
        Trace second = step -> order.add("second");
        Step read = new Step("task 1", Step.Kind.READ, 0, 1);
        first.and(second).on(read);
        assertEquals(List.of("first", "second"), order);
        assertTrue(first.and(second).hears(Step.Kind.FINISH)); // a trace that does not say hears every kind
    }
}
