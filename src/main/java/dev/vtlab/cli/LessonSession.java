package dev.vtlab.cli;

import dev.vtlab.metrics.JvmThreadMeters;
import dev.vtlab.metrics.LessonMeters;
import dev.vtlab.report.Style;
import dev.vtlab.threading.TaskFailedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import picocli.CommandLine.Model.CommandSpec;

import java.time.Duration;

/**
 * What every lesson command wraps its runs in: the {@code --jfr} recording, the {@code --metrics} registry and, with
 * {@code --metrics}, the JVM's thread meters. A lesson uses it in three lines:
 * <pre>
 *     try (var session = LessonSession.open(spec, "counter", jfr, metrics, format, parent.style())) {
 *         ...the runs, each through LessonSession.time(meters, start, () -> ...)...
 *         session.finish();
 *     }
 * </pre>
 * {@link #finish} is separate from {@link #close} because close cannot tell a run that ended from one that threw:
 * only a finished lesson waits for the JFR stream and prints its meters; a failed one still saves its recording.
 */
final class LessonSession implements AutoCloseable {

    /** JFR hands events to a stream about once a second; this bounds the wait for the last run's. */
    static final Duration JFR_DELIVERY = Duration.ofSeconds(5);

    private final String lesson;
    private final CommandSpec spec;
    private final MetricsOptions metrics;
    private final Style style;
    private final MeterRegistry registry;
    private final JfrOptions.Session recording;
    private final JvmThreadMeters jvm; // null without --metrics
    private boolean finished;          // false -> true in finish(); the command's thread only

    private LessonSession(String lesson, CommandSpec spec, MetricsOptions metrics, Style style,
                          MeterRegistry registry, JfrOptions.Session recording, JvmThreadMeters jvm) {
        this.lesson = lesson;
        this.spec = spec;
        this.metrics = metrics;
        this.style = style;
        this.registry = registry;
        this.recording = recording;
        this.jvm = jvm;
    }

    /**
     * Makes the registry and, with {@code --metrics}, binds the JVM's thread meters to it; then starts the recording
     * if {@code --jfr} was given (its "saved to" note goes where {@link FormatOption#notes} says).
     *
     * <p>The meters first: their binder starts a JFR stream, and in JDK 21 a JFR start that comes after the JDK's
     * shutdown hook has run never returns and holds Flight Recorder's lock, which the recording's own shutdown hook
     * needs while the recording runs ({@code Recorder}'s class comment). Started before the recording, a stream
     * that a signal catches starting blocks no hook of ours.
     *
     * @param lesson the command's name: the recording's default file name, and the prefix of its warnings
     */
    static LessonSession open(CommandSpec spec, String lesson, JfrOptions jfr, MetricsOptions metrics,
                              FormatOption format, Style style) {
        MeterRegistry registry = metrics.newRegistry();
        JvmThreadMeters jvm = metrics.enabled() ? JvmThreadMeters.bind(registry, Tags.empty()) : null;
        JfrOptions.Session recording;
        try {
            recording = jfr.start(spec, lesson, format.notes(spec));
        } catch (RuntimeException e) {
            if (jvm != null) {
                jvm.close();
            }
            throw e;
        }
        recording.lessonBegins();
        return new LessonSession(lesson, spec, metrics, style, registry, recording, jvm);
    }

    /** True if the meters will be printed: only then is it worth feeding them step by step. */
    boolean metered() {
        return metrics.enabled();
    }

    /** One run's meters, named {@code vtlab.<lesson>.*} and tagged with its setup. */
    LessonMeters meters(Tags tags) {
        return new LessonMeters(registry, lesson, tags);
    }

    /**
     * The lesson ran to its end: waits (at most {@link #JFR_DELIVERY}) until the JFR stream has delivered the runs'
     * events to the JVM meters, and says on stderr if it did not, so that {@link #close} prints whole meters.
     */
    void finish() throws InterruptedException {
        if (finished) {
            return;
        }
        finished = true;
        if (jvm != null && !jvm.awaitDelivered(JFR_DELIVERY)) {
            spec.commandLine().getErr().println(lesson + ": the JFR stream did not deliver within "
                    + JFR_DELIVERY.toSeconds() + " s; jvm.threads.virtual.pinned may be incomplete");
        }
    }

    /**
     * Stops the JVM meters and saves the recording; then, if the lesson {@linkplain #finish finished}, prints the
     * meters.
     */
    @Override
    public void close() {
        try {
            if (jvm != null) {
                jvm.close();
            }
        } finally {
            recording.close();
        }
        if (finished) {
            metrics.print(registry, spec.commandLine().getOut(), style);
        }
    }

    /** One call into a lesson; {@code X} is the checked exception it throws besides an interrupt. */
    @FunctionalInterface
    interface LessonCall<T, X extends Exception> {
        T call() throws InterruptedException, X;
    }

    /** A lesson call's result, and the time from the given start to its return. */
    record Timed<T>(T result, Duration elapsed) {
    }

    /**
     * Runs one lesson call and measures it from {@code start} (taken by the caller, who may hand it to a narrative
     * first). A run that ends in a {@link TaskFailedException} is recorded as failed, an interrupted one as cancelled,
     * both with the time they took; then the exception goes on. A finished run's figures are the caller's to record.
     */
    static <T, X extends Exception> Timed<T> time(LessonMeters meters, long start, LessonCall<T, X> call)
            throws InterruptedException, X {
        try {
            T result = call.call();
            return new Timed<>(result, Duration.ofNanos(System.nanoTime() - start));
        } catch (Exception e) {
            switch (e) {
                case TaskFailedException failed -> meters.failed(Duration.ofNanos(System.nanoTime() - start));
                case InterruptedException cancelled -> meters.cancelled(Duration.ofNanos(System.nanoTime() - start));
                default -> { }
            }
            throw e;
        }
    }
}
