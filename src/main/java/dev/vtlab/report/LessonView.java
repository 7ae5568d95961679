package dev.vtlab.report;

import java.time.Duration;
import java.util.List;

/**
 * One lesson's results as a reader sees them, computed once for every format: the blocks the text prints before
 * and after each run and at the end (HTML lays out the same blocks), and each run's data and the summary's for JSON.
 * Each lesson has one view, beside its text and JSON of old; a fact two formats need is computed here, once.
 *
 * @param <S> one run's setup
 * @param <R> one run's result
 */
public interface LessonView<S, R> {

    /** One run that finished: its setup, its result, and how long it took. */
    record Ran<S, R>(S setup, R result, Duration elapsed) {
    }

    /** What the page shows, in a few words, such as {@code The lost update}. */
    String title();

    /** What the text prints before a run starts (its heading and settings). */
    List<Block> before(S setup);

    /** The story's voice for this run's steps, or null if the lesson tells none. */
    Narrative narrative(S setup, long startNanos);

    /** A run's result, printed when it ends. */
    List<Block> after(Ran<S, R> run);

    /** A run's data, as JSON writes it under {@code runs}. */
    Object data(Ran<S, R> run);

    /** What the runs showed together, printed after the last. */
    List<Block> summary(List<Ran<S, R>> runs);

    /** The summary's data, as JSON writes it under {@code summary}, or null. */
    Object summaryData(List<Ran<S, R>> runs);
}
