package dev.vtlab.threading;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Three ways to run {@code n} short subtasks on virtual threads and wait for all of them, so that their cost per
 * subtask can be compared ({@code vtlab bench scope}). Each way leaves no thread behind when it returns.
 */
public enum Subtasks {

    /** {@code StructuredTaskScope.ShutdownOnFailure}: fork each, then {@code join()} (JDK 21 preview). */
    SCOPE("scope") {
        @Override
        public void forkAndJoin(int n, Callable<?> task) throws InterruptedException, TaskFailedException {
            ScopeCode.require();
            StructuredRunner.forkAndJoin(n, task);
        }
    },

    /** {@code Thread.ofVirtual().start} each, then {@code join()} each. */
    MANUAL("manual") {
        @Override
        public void forkAndJoin(int n, Callable<?> task) throws InterruptedException, TaskFailedException {
            Thread[] threads = new Thread[n];
            Throwable[] failures = new Throwable[n]; // slot i written by thread i; read after join(i)
            for (int i = 0; i < n; i++) {
                int slot = i;
                threads[i] = Thread.ofVirtual().start(() -> {
                    try {
                        task.call();
                    } catch (Exception e) {
                        failures[slot] = e;
                    }
                });
            }
            for (Thread t : threads) {
                t.join();
            }
            for (Throwable f : failures) {
                if (f != null) {
                    throw new TaskFailedException(f);
                }
            }
        }
    },

    /** {@code Executors.newVirtualThreadPerTaskExecutor()}: submit each, then {@code close()} waits for all. */
    EXECUTOR("executor") {
        @Override
        public void forkAndJoin(int n, Callable<?> task) throws InterruptedException, TaskFailedException {
            Future<?>[] futures = new Future<?>[n];
            try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < n; i++) {
                    futures[i] = executor.submit(task);
                }
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw new TaskFailedException(e.getCause());
                }
            }
        }
    };

    private final String cliName;

    Subtasks(String cliName) {
        this.cliName = cliName;
    }

    /** Runs {@code n} copies of {@code task} and returns when every one has finished. */
    public abstract void forkAndJoin(int n, Callable<?> task) throws InterruptedException, TaskFailedException;

    public String cliName() {
        return cliName;
    }
}
