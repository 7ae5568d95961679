package dev.vtlab.cli;

import dev.vtlab.report.MetricsFormat;
import dev.vtlab.report.MetricsReport;
import dev.vtlab.metrics.LessonMeters;
import dev.vtlab.report.Style;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.CountingMode;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/** {@code --metrics[=FORMAT]}: every lesson spells it the same way, and picks the registry that can print it. */
final class MetricsOptions {

    @Option(names = "--metrics", paramLabel = "FORMAT", arity = "0..1", fallbackValue = "table",
            converter = Converters.MetricsFormatConverter.class,
            completionCandidates = Converters.MetricsFormatConverter.class,
            description = {"After the lesson, print its Micrometer meters: ${COMPLETION-CANDIDATES}",
                "(no value: table). Timers for the run and each task, counters for the outcome,",
                "the JVM's thread meters and the virtual-thread pinning timer (from a JFR stream).",
                "Example: --metrics=prometheus"})
    MetricsFormat format;

    boolean enabled() {
        return format != null;
    }

    /**
     * A fresh registry for one command, or null without {@code --metrics}: then {@link LessonMeters} records nothing
     * and Micrometer's registries and meters are never loaded, which a lesson's start would otherwise pay for
     * (BENCH.md, start-up). The simple registry counts cumulatively; its default step mode would show only the last
     * minute's counts, which for a lesson that ran two seconds ago is zero.
     */
    MeterRegistry newRegistry() {
        return format == null ? null : Registries.of(format);
    }

    /** A simple registry that counts since it was made, as the table and json forms print it. */
    static SimpleMeterRegistry cumulativeRegistry() {
        return Registries.cumulative();
    }

    /**
     * The registries, in a class of their own: verifying a method that returns a PrometheusMeterRegistry as a
     * MeterRegistry loads both, so this class is loaded only when {@code --metrics} asks for one.
     */
    private static final class Registries {
        static MeterRegistry of(MetricsFormat format) {
            return switch (format) {
                case PROMETHEUS -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
                case TABLE, JSON -> cumulative();
            };
        }

        static SimpleMeterRegistry cumulative() {
            return new SimpleMeterRegistry(new CumulativeConfig(), Clock.SYSTEM);
        }
    }

    void print(MeterRegistry registry, PrintWriter out, Style style) {
        if (format != null) {
            new MetricsReport(out, style).print(registry, format);
        }
    }

    private static final class CumulativeConfig implements SimpleConfig {
        @Override
        public String get(String key) {
            return null;
        }

        @Override
        public CountingMode mode() {
            return CountingMode.CUMULATIVE;
        }
    }
}
