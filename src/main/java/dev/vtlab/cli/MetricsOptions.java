package dev.vtlab.cli;

import dev.vtlab.report.MetricsFormat;
import dev.vtlab.report.MetricsReport;
import dev.vtlab.report.Style;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
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
     * A fresh registry for one command. Without {@code --metrics}, a composite with no children: every meter is a
     * no-op. The simple registry counts cumulatively; its default step mode would show only the last minute's
     * counts, which for a lesson that ran two seconds ago is zero.
     */
    MeterRegistry newRegistry() {
        if (format == null) {
            return new CompositeMeterRegistry();
        }
        return switch (format) {
            case PROMETHEUS -> new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            case TABLE, JSON -> cumulativeRegistry();
        };
    }

    /** A simple registry that counts since it was made, as the table and json forms print it. */
    static SimpleMeterRegistry cumulativeRegistry() {
        return new SimpleMeterRegistry(new CumulativeConfig(), Clock.SYSTEM);
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
