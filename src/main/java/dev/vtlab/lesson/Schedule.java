package dev.vtlab.lesson;

import dev.vtlab.sync.Sequencer.Turn;
import dev.vtlab.sync.Step.Kind;

import java.util.ArrayList;
import java.util.List;

/**
 * A forced order of the transactions' reads and writes ({@code --schedule}), so a teacher can show each outcome on
 * demand. The named lost-update schedules need one deposit and one withdrawal, and bury one of the two writes:
 *
 * <pre>
 *     serial           deposit     read --- write
 *                      withdrawal                  read --- write      100 -> 0: nothing lost
 *     deposit-lost     deposit     read ---- write
 *                      withdrawal       read ---------- write          100 -> -50: the deposit is buried
 *     withdrawal-lost  withdrawal  read ---- write
 *                      deposit          read ---------- write          100 -> 150: the withdrawal is buried
 * </pre>
 */
public enum Schedule {

    SERIAL("serial", "each transaction reads only after the one before it wrote") {
        @Override
        public List<Turn> order(List<Transaction> transactions) {
            List<Turn> order = new ArrayList<>();
            for (Transaction t : transactions) {
                order.add(new Turn(t.name(), Kind.READ));
                order.add(new Turn(t.name(), Kind.WRITE));
            }
            return order;
        }
    },

    DEPOSIT_LOST("deposit-lost", "both read, the deposit writes, the withdrawal overwrites it") {
        @Override
        public List<Turn> order(List<Transaction> transactions) {
            return buried(transactions, true, this);
        }
    },

    WITHDRAWAL_LOST("withdrawal-lost", "both read, the withdrawal writes, the deposit overwrites it") {
        @Override
        public List<Turn> order(List<Transaction> transactions) {
            return buried(transactions, false, this);
        }
    };

    private final String cliName;
    private final String description;

    Schedule(String cliName, String description) {
        this.cliName = cliName;
        this.description = description;
    }

    /** The total order of reads and writes this schedule forces on these transactions. */
    public abstract List<Turn> order(List<Transaction> transactions);

    public String cliName() {
        return cliName;
    }

    public String description() {
        return description;
    }

    /** Both read; the buried one writes first, and the other one's write (of a stale value) lands on top. */
    private static List<Turn> buried(List<Transaction> transactions, boolean depositBuried, Schedule schedule) {
        List<Transaction> deposits = transactions.stream().filter(t -> t.amount() >= 0).toList();
        List<Transaction> withdrawals = transactions.stream().filter(t -> t.amount() < 0).toList();
        if (deposits.size() != 1 || withdrawals.size() != 1) {
            throw new IllegalArgumentException("--schedule " + schedule.cliName
                    + " needs exactly one deposit and one withdrawal; use --schedule serial for other --ops");
        }
        String lost = (depositBuried ? deposits : withdrawals).getFirst().name();
        String kept = (depositBuried ? withdrawals : deposits).getFirst().name();
        return List.of(new Turn(lost, Kind.READ), new Turn(kept, Kind.READ),
                new Turn(lost, Kind.WRITE), new Turn(kept, Kind.WRITE));
    }
}
