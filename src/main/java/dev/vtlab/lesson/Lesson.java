package dev.vtlab.lesson;

import dev.vtlab.sync.Trace;
import dev.vtlab.threading.TaskFailedException;

import java.util.List;

/**
 * A lesson as its runner sees it: the runs one command makes, how to run one, and how each is graded. The lesson
 * races and judges; the runner owns everything around it: the recording, the lab's Flight Recorder events, the
 * meters, the clock, the output format and the exit code (3 if any run is FORBIDDEN, for every lesson alike).
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
     * @param story hears every step of the lesson's tasks as it happens, from their threads (the live story, the
     *              recording's events, the meters); a lesson without such steps ignores it
     */
    R run(S setup, Trace story) throws InterruptedException, TaskFailedException;

    /** The worst grade of what the run showed. */
    Grade grade(R result);

    /** The setup as options that repeat the run, such as {@code --threads virtual --sync none --tasks 2}. */
    String options(S setup);

    /** What the run showed, in a few words, for the recording: {@code 1 lost update(s): ended at 10}. */
    String outcome(R result);
}
