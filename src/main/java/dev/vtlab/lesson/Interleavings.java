package dev.vtlab.lesson;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The model: every interleaving of the transactions' shared-memory steps (each one reads, then writes) and the
 * ending value each gives, computed rather than written down, so it holds for any amounts and any number of
 * transactions. n transactions have (2n)! / 2^n interleavings: 6 for two, 90 for three, 113,400 for five.
 *
 * <p>It models unguarded steps. Under a guard that makes read-add-write atomic only the serial orders remain, and
 * they all end at {@link Transaction#serialTotal}.
 */
public final class Interleavings {

    /** The most transactions modelled: 7 would be 681 million interleavings. */
    public static final int MAX_TRANSACTIONS = 6;

    /**
     * One possible ending.
     *
     * @param value         the ending value
     * @param interleavings how many interleavings end here
     * @param lostSets      whose writes were lost on the way (the names of the transactions), one set per way;
     *                      an empty set means no write was lost
     */
    public record Ending(long value, long interleavings, Set<SortedSet<String>> lostSets) {
        public Ending {
            lostSets = Set.copyOf(lostSets);
        }

        public boolean isCorrect() {
            return lostSets.stream().anyMatch(Set::isEmpty);
        }
    }

    /** The whole model: the inputs, the number of interleavings, and the endings by value. */
    public record Model(long start, List<Transaction> transactions, long interleavings, List<Ending> endings) {
        public Model {
            transactions = List.copyOf(transactions);
            endings = List.copyOf(endings);
        }

        public long expected() {
            return Transaction.serialTotal(start, transactions);
        }

        public boolean allows(long value) {
            return endings.stream().anyMatch(e -> e.value() == value);
        }

        /** The ending with this value, if the model allows it. */
        public Optional<Ending> ending(long value) {
            return endings.stream().filter(e -> e.value() == value).findFirst();
        }
    }

    private Interleavings() {
    }

    public static Model of(long start, List<Transaction> transactions) {
        int n = transactions.size();
        if (n < 1 || n > MAX_TRANSACTIONS) {
            throw new IllegalArgumentException("the model takes 1 to " + MAX_TRANSACTIONS + " transactions, got " + n);
        }
        var byValue = new TreeMap<Long, long[]>();
        var lostByValue = new TreeMap<Long, Set<SortedSet<String>>>();
        var walk = new Walk(start, transactions, byValue, lostByValue);
        walk.explore(new int[n], new long[n], new int[n], start, 0, -1);
        List<Ending> endings = new ArrayList<>();
        long total = 0;
        for (Map.Entry<Long, long[]> e : byValue.entrySet()) {
            endings.add(new Ending(e.getKey(), e.getValue()[0], lostByValue.get(e.getKey())));
            total += e.getValue()[0];
        }
        return new Model(start, transactions, total, endings);
    }

    /** Depth-first over the steps. A state: how far each transaction got, what it read, which write it read. */
    private record Walk(long start, List<Transaction> transactions, TreeMap<Long, long[]> counts,
                        TreeMap<Long, Set<SortedSet<String>>> lost) {

        /**
         * @param progress   per transaction: 0 = not started, 1 = has read, 2 = has written
         * @param local      per transaction: the value it read
         * @param readWriter per transaction: index of the transaction whose write it read (-1 = the start value)
         * @param value      the shared value now
         * @param steps      steps taken so far
         * @param lastWriter index of the transaction whose write is the shared value now (-1 = the start value)
         */
        void explore(int[] progress, long[] local, int[] readWriter, long value, int steps, int lastWriter) {
            int n = progress.length;
            if (steps == 2 * n) {
                counts.computeIfAbsent(value, v -> new long[1])[0]++;
                lost.computeIfAbsent(value, v -> new HashSet<>()).add(lostWrites(readWriter, lastWriter));
                return;
            }
            for (int i = 0; i < n; i++) {
                switch (progress[i]) {
                    case 0 -> {
                        progress[i] = 1;
                        local[i] = value + transactions.get(i).amount();
                        readWriter[i] = lastWriter;
                        explore(progress, local, readWriter, value, steps + 1, lastWriter);
                        progress[i] = 0;
                    }
                    case 1 -> {
                        progress[i] = 2;
                        explore(progress, local, readWriter, local[i], steps + 1, i);
                        progress[i] = 1;
                    }
                    default -> { }
                }
            }
        }

        /** A write is lost when it is off the chain of reads that leads back from the final value. */
        private SortedSet<String> lostWrites(int[] readWriter, int lastWriter) {
            boolean[] onChain = new boolean[readWriter.length];
            for (int w = lastWriter; w >= 0; w = readWriter[w]) {
                onChain[w] = true;
            }
            SortedSet<String> names = new TreeSet<>();
            for (int i = 0; i < onChain.length; i++) {
                if (!onChain[i]) {
                    names.add(transactions.get(i).name());
                }
            }
            return Collections.unmodifiableSortedSet(names);
        }
    }
}
