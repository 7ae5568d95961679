package dev.vtlab.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Timeout(5)
class OverlapTest {

    private static double overlap(long[] starts, long[] ends) {
        return Overlap.fraction(starts, ends);
    }

    /** Two threads: (min(end) − max(start)) / (max(end) − min(start)). */
    @Test
    void twoThreadsThatOverlapForHalfTheSpan() {
        //  A  0 ------- 60
        //  B       20 -------- 80        overlap 20..60 = 40 of span 0..80
        assertEquals(0.5, overlap(new long[] {0, 20}, new long[] {60, 80}), 1e-12);
        assertEquals(0.5, overlap(new long[] {20, 0}, new long[] {80, 60}), 1e-12, "order of threads");
    }

    @Test
    void twoThreadsThatStartAndEndTogetherOverlapFully() {
        assertEquals(1.0, overlap(new long[] {100, 100}, new long[] {900, 900}), 1e-12);
    }

    @Test
    void oneThreadInsideTheOtherOverlapsForItsOwnLength() {
        assertEquals(0.25, overlap(new long[] {0, 30}, new long[] {100, 55}), 1e-12);
    }

    @Test
    void twoThreadsOneAfterTheOtherDoNotOverlapAtAll() {
        assertEquals(0.0, overlap(new long[] {0, 70}, new long[] {50, 120}), "a gap clamps at 0");
        assertEquals(0.0, overlap(new long[] {0, 50}, new long[] {50, 120}), "touching is not overlapping");
    }

    /** N threads: the time during which at least two are in progress, not all N at once. */
    @Test
    void manyThreadsCountTheTimeWithAtLeastTwoInProgress() {
        //  0 -- 10              one carrier runs A then C then E,
        //    5 ----- 20         the other B then D, shifted by 5:
        //       10 ----- 30     two in progress from 5 to 35, one from 0 to 5 and from 35 to 40
        //          20 ------ 40
        //             30 - 35
        long[] starts = {0, 5, 10, 20, 30};
        long[] ends = {10, 20, 30, 40, 35};
        assertEquals(30.0 / 40, overlap(starts, ends), 1e-12);
    }

    @Test
    void threadsThatRunOneAtATimeDoNotOverlapHoweverMany() {
        long[] starts = new long[10_000];
        long[] ends = new long[10_000];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = i * 10L;
            ends[i] = i * 10L + 10;
        }
        assertEquals(0.0, overlap(starts, ends));
    }

    @Test
    void oneThreadOrAnEmptySpanIsZero() {
        assertEquals(0.0, overlap(new long[] {5}, new long[] {50}));
        assertEquals(0.0, overlap(new long[] {7, 7}, new long[] {7, 7}));
    }

    @Test
    void inconsistentTimesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> overlap(new long[] {0, 1}, new long[] {5}));
        assertThrows(IllegalArgumentException.class, () -> overlap(new long[] {10, 0}, new long[] {5, 20}));
    }
}
