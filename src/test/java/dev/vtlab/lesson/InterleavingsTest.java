package dev.vtlab.lesson;

import dev.vtlab.lesson.Interleavings.Ending;
import dev.vtlab.lesson.Interleavings.Model;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class InterleavingsTest {

    /**
     * By hand, for a deposit D (+50) and a withdrawal W (-150) from 100, each reading (r) then writing (w): of the
     * 4!/(2!2!) = 6 orders, Dr Dw Wr Ww and Wr Ww Dr Dw are serial and end at 0; the other 4 have both reads first.
     * Of those, the two whose last write is W's end at 100 - 150 = -50 (the deposit lost); the two whose last write
     * is D's end at 100 + 50 = 150 (the withdrawal lost).
     */
    @Test
    void depositAndWithdrawalFromAHundredMatchTheHandCount() {
        Model model = Interleavings.of(100, Transaction.named(List.of(50L, -150L)));

        assertEquals(6, model.interleavings());
        Map<Long, Long> counts = model.endings().stream()
                .collect(Collectors.toMap(Ending::value, Ending::interleavings));
        assertEquals(Map.of(-50L, 2L, 0L, 2L, 150L, 2L), counts);
        assertEquals(Set.of(new TreeSet<>(Set.of("deposit"))), model.ending(-50).orElseThrow().lostSets());
        assertEquals(Set.of(new TreeSet<>(Set.of("withdrawal"))), model.ending(150).orElseThrow().lostSets());
        assertTrue(model.ending(0).orElseThrow().isCorrect());
        assertFalse(model.allows(100));
        assertEquals(0, model.expected());
    }

    /** The counter lesson: two +10s from 0 end at 20 in the 2 serial orders and at 10 in the other 4. */
    @Test
    void twoIncrementsEndAtTwentyOrTen() {
        Model model = Interleavings.of(0, Transaction.named(List.of(10L, 10L)));
        Map<Long, Long> counts = model.endings().stream()
                .collect(Collectors.toMap(Ending::value, Ending::interleavings));
        assertEquals(Map.of(20L, 2L, 10L, 4L), counts);
    }

    /** n transactions have (2n)!/2^n interleavings; every one ends somewhere. */
    @Test
    void countsEveryInterleaving() {
        assertEquals(90, Interleavings.of(100, Transaction.named(List.of(50L, -150L, 20L))).interleavings());
        assertEquals(2520, Interleavings.of(0, Transaction.named(List.of(1L, 2L, 4L, 8L))).interleavings());
    }

    /** With distinct powers of two, each ending names exactly the transactions whose effect it lacks. */
    @Test
    void anEndingLacksExactlyTheLostTransactions() {
        List<Transaction> ts = Transaction.named(List.of(1L, 2L, 4L));
        Model model = Interleavings.of(0, ts);
        for (Ending e : model.endings()) {
            for (Set<String> lost : e.lostSets()) {
                long kept = ts.stream().filter(t -> !lost.contains(t.name())).mapToLong(Transaction::amount).sum();
                assertEquals(kept, e.value(), () -> "ending " + e.value() + " with lost " + lost);
            }
        }
    }

    @Test
    void refusesTooManyTransactions() {
        assertThrows(IllegalArgumentException.class,
                () -> Interleavings.of(0, Transaction.named(List.of(1L, 1L, 1L, 1L, 1L, 1L, 1L))));
    }
}
