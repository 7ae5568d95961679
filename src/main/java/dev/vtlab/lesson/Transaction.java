package dev.vtlab.lesson;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One task of a lesson: it adds {@code amount} to the shared value by reading, adding and writing back.
 *
 * @param name   how the narrative calls it, for example {@code deposit} or {@code withdrawal 2}
 * @param amount what it adds; negative for a withdrawal
 */
public record Transaction(String name, long amount) {

    public Transaction {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a transaction needs a name, got '" + name + "'");
        }
    }

    /** Names amounts as the account lesson does: deposit, withdrawal, then deposit 2, withdrawal 2, ... */
    public static List<Transaction> named(List<Long> amounts) {
        Map<String, Integer> seen = new HashMap<>();
        List<Transaction> all = new ArrayList<>();
        for (long amount : amounts) {
            String kind = amount >= 0 ? "deposit" : "withdrawal";
            int n = seen.merge(kind, 1, Integer::sum);
            all.add(new Transaction(n == 1 ? kind : kind + " " + n, amount));
        }
        return List.copyOf(all);
    }

    /**
     * Refuses a start and amounts whose sums could leave the range of a {@code long} in some order of the
     * transactions (any partial sum is at most |start| + the sum of |amount|), so that the run, which adds with
     * {@code +}, and the model always agree.
     */
    public static void checkRange(long start, List<Transaction> transactions) {
        try {
            long bound = Math.absExact(start);
            for (Transaction t : transactions) {
                bound = Math.addExact(bound, Math.absExact(t.amount()));
            }
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("the balance " + start + " and the amounts could leave the range of a"
                    + " long (" + Long.MIN_VALUE + " to " + Long.MAX_VALUE + "); use smaller numbers");
        }
    }

    /** The ending value when every transaction sees the one before it. */
    public static long serialTotal(long start, List<Transaction> transactions) {
        return start + transactions.stream().mapToLong(Transaction::amount).sum();
    }
}
