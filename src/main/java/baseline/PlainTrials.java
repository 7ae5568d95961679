package baseline;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The account lesson's work written plainly, for {@code vtlab bench trials}: N trials, each an account of 100 and two
 * virtual threads, a deposit of +50 and a withdrawal of -150, that each read the balance, sleep D, and write what
 * they read plus their amount. All 2N threads are started at once, on one virtual-thread-per-task executor, in the
 * lesson's order (trial 1's deposit, trial 1's withdrawal, trial 2's deposit, ...); its {@code close()} waits for them.
 * Then the endings are counted. It prints the time from before the first account was made to the end of
 * {@code close()}, as {@code account --format json} prints its {@code elapsedMs}, then the endings:
 * <pre>
 *   $ java -cp target/vtlab.jar baseline.PlainTrials 1000 100
 *   elapsed_ns=171234567 trials=1000
 *   ending -50: 998
 *   ending 150: 2
 * </pre>
 * Arguments: N (default 1000) and D in milliseconds (default 100).
 *
 * <p><b>Memory visibility.</b> The threads' writes to the balances happen-before main reads them: the executor's
 * {@code close()} returns only after every task has ended.
 */
public final class PlainTrials {

    private PlainTrials() {
    }

    /** One trial's balance; racy on purpose, as the lesson's unguarded account is. */
    private static final class Account {
        long balance; // written by the trial's two threads, unguarded; read by main after close()

        Account(long balance) {
            this.balance = balance;
        }
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Duration delay = Duration.ofMillis(args.length > 1 ? Long.parseLong(args[1]) : 100);
        long start = System.nanoTime();
        Account[] accounts = new Account[n];
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                Account account = new Account(100);
                accounts[i] = account;
                executor.execute(() -> update(account, +50, delay));
                executor.execute(() -> update(account, -150, delay));
            }
        }
        long elapsed = System.nanoTime() - start;
        Map<Long, Integer> endings = new TreeMap<>();
        for (Account a : accounts) {
            endings.merge(a.balance, 1, Integer::sum);
        }
        System.out.println("elapsed_ns=" + elapsed + " trials=" + n);
        endings.forEach((balance, count) -> System.out.println("ending " + balance + ": " + count));
    }

    /** Read, sleep, write: the lost update. */
    private static void update(Account account, long amount, Duration delay) {
        long read = account.balance;
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        account.balance = read + amount;
    }
}
