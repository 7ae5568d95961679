package dev.vtlab.lesson;

import dev.vtlab.sync.Trace;
import dev.vtlab.threading.TaskFailedException;

import java.util.List;

/**
 * A lesson as its runner sees it: the runs one command makes, how to run one, and how each is graded. The lesson
 * races and judges; the runner owns everything around it: the recording, the lab's Flight Recorder events, the
 * meters, the clock, the output format, the progress line, Ctrl-C, and the exit code (3 if any run is FORBIDDEN,
 * for every lesson alike).
 *
 * <p><b>Stopping.</b> Ctrl-C or SIGTERM interrupts the runner's thread while it is inside {@link #prepare} or
 * {@link #run}. A lesson then either throws {@link InterruptedException} (the run is dropped, and the runs that
 * finished before it are the result), or, if part of a run means something by itself (the trials of the account
 * lesson that finished), returns that part, which {@link #isWhole} says is not whole, with the thread's interrupt
 * status set again. It never returns a result it made from tasks that were cancelled halfway.
 *
 * @param <S> one run's setup
 * @param <R> one run's result
 */
public interface Lesson<S, R> {

    /** The command's name, such as {@code counter}: the recording's default file name, the meters' prefix. */
    String name();

    /** The runs this command makes, in order: {@code counter} with no {@code --sync} runs none, then a lock. */
    List<S> setups();

    /**
     * Work to do once before the first run and outside its clock: a model to count, a warm-up that loads the
     * classes the first timed run would otherwise pay for.
     */
    default void prepare() throws InterruptedException {
    }

    /**
     * Runs one setup.
     *
     * @param story    hears every step of the lesson's tasks as it happens, from their threads (the live story, the
     *                 recording's events, the meters); a lesson without such steps ignores it
     * @param progress counts the {@linkplain #estimate units} done so far, for the progress line
     * @throws InterruptedException if the run was stopped and nothing of it is kept (see the class comment)
     */
    R run(S setup, Trace story, Progress progress) throws InterruptedException, TaskFailedException;

    /** What a run of this setup will do and about how long it takes, worked out before it starts. */
    default Estimate estimate(S setup) {
        return Estimate.NONE;
    }

    /** False for a result of a stopped run that holds only the part that finished (see the class comment). */
    default boolean isWhole(R result) {
        return true;
    }

    /** The worst grade of what the run showed. */
    Grade grade(R result);

    /** The setup as options that repeat the run, such as {@code --threads virtual --sync none --tasks 2}. */
    String options(S setup);

    /** What the run showed, in a few words, for the recording: {@code 1 lost update(s): ended at 10}. */
    String outcome(R result);
}
