package dev.vtlab.jfr;

import jdk.jfr.FlightRecorder;

/**
 * Whether a lab event can be recorded at all, asked before any of the lab's event classes is touched.
 *
 * <p>Loading a {@code jdk.jfr.Event} subclass makes the JVM hand it to Flight Recorder to be instrumented, which
 * starts JFR's metadata and loads about 95 classes of {@code jdk.jfr} and its bytecode library: 110-130 ms of every
 * lesson's start on the 2-core machines, also when nothing records (BENCH.md, start-up). No recording can want an
 * event before Flight Recorder has been started in this JVM, by {@code --jfr}, {@code -XX:StartFlightRecording}, a
 * recording stream (the {@code --metrics} pinning timer's) or {@code jcmd JFR.start}; until then the lab's events are
 * not made, and their classes stay unloaded. The cost: a recording started by {@code jcmd} while a lesson runs misses
 * that run's lab events (the JDK's own events are recorded as ever).
 */
final class Gate {

    private Gate() {
    }

    /** True once Flight Recorder has started in this JVM; {@code FlightRecorder} itself is a plain class. */
    static boolean open() {
        return FlightRecorder.isInitialized();
    }
}
