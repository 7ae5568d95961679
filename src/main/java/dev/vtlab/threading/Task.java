package dev.vtlab.threading;

import java.util.concurrent.Callable;

/**
 * A lesson's task with its name. The thread that runs it carries the name while it runs ({@code task 1},
 * {@code deposit}), so a thread dump, JDK Mission Control and {@code jfr print} show who did what. A pooled
 * platform thread gets its own name back afterwards.
 *
 * @param name the task's name, as the lesson's story calls it
 * @param body what the task does
 */
public record Task<T>(String name, Callable<T> body) implements Callable<T> {

    public Task {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a task needs a name, got '" + name + "'");
        }
    }

    @Override
    public T call() throws Exception {
        Thread thread = Thread.currentThread();
        String own = thread.getName();
        thread.setName(name);
        try {
            return body.call();
        } finally {
            thread.setName(own);
        }
    }
}
