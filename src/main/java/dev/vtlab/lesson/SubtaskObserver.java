package dev.vtlab.lesson;

import java.time.Duration;

/**
 * Hears each subtask of the failure lesson start and meet its fate, on the subtask's own thread, so that a recorder
 * (Flight Recorder's duration events, for one) can time the subtask where it ran. The lesson knows nothing of
 * recorders; the command passes one in.
 */
@FunctionalInterface
public interface SubtaskObserver {

    /** Called first thing in the subtask's thread; the returned watch hears exactly one of its three endings. */
    Watch started(String way, String subtask, Duration plannedWork);

    /** One subtask's ending; called on the subtask's thread, once. */
    interface Watch {
        /** The subtask returned a result. */
        void ended();

        /** The subtask is about to throw {@code thrown}. */
        void failed(Throwable thrown);

        /** The subtask saw its cancelling interrupt. */
        void cancelled();
    }

    /** Hears nothing. */
    SubtaskObserver NONE = (way, subtask, plannedWork) -> new Watch() {
        @Override
        public void ended() {
        }

        @Override
        public void failed(Throwable thrown) {
        }

        @Override
        public void cancelled() {
        }
    };
}
