package dev.vtlab.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/** Prints a registry's meters after a lesson, as a table, in the Prometheus text format, or as JSON. */
public final class MetricsReport {

    private static final Comparator<Meter> BY_NAME_AND_TAGS = Comparator
            .comparing((Meter m) -> m.getId().getName())
            .thenComparing(m -> tags(m.getId().getTags()));

    private final PrintWriter out;
    private final Style style;

    public MetricsReport(PrintWriter out, Style style) {
        this.out = out;
        this.style = style;
    }

    /**
     * @param registry a {@link PrometheusMeterRegistry} for {@link MetricsFormat#PROMETHEUS}, any registry otherwise
     */
    public void print(MeterRegistry registry, MetricsFormat format) {
        switch (format) {
            case TABLE -> table(registry);
            case PROMETHEUS -> {
                if (!(registry instanceof PrometheusMeterRegistry prometheus)) {
                    throw new IllegalArgumentException("the prometheus format needs a PrometheusMeterRegistry, got "
                            + registry.getClass().getSimpleName());
                }
                out.print(prometheus.scrape());
            }
            case JSON -> json(registry);
        }
        out.flush();
    }

    /** The widest tag set beside its value; a wider one goes on a line of its own. */
    private static final int TAGS_WIDTH = 38;

    private void table(MeterRegistry registry) {
        record Row(String name, String tags, String value) {
        }
        List<Row> rows = new ArrayList<>();
        for (Meter meter : sorted(registry)) {
            rows.add(new Row(meter.getId().getName(), tags(meter.getId().getTags()), value(meter)));
        }
        // A meter's name on a line of its own when it has tags, then one line per tag set: tags, then the value,
        // both columns sized to fit 80 (a value that does not fit wraps under itself).
        int tagsWidth = Math.min(TAGS_WIDTH, rows.stream().mapToInt(r -> r.tags().length()).max().orElse(0));
        String valueIndent = " ".repeat(2 + tagsWidth + 2);
        out.println();
        out.println(style.bold("Metrics"));
        String shown = null;
        for (Row r : rows) {
            if (r.tags().isEmpty()) {
                Text.wrap(r.value(), String.format(Locale.ROOT, "%-" + (2 + tagsWidth + 2) + "s",
                        r.name() + "  "), valueIndent).forEach(out::println);
                shown = null;
                continue;
            }
            if (!r.name().equals(shown)) {
                out.println(r.name());
                shown = r.name();
            }
            if (r.tags().length() > tagsWidth) {
                out.println("  " + r.tags());
                Text.wrap(r.value(), valueIndent).forEach(out::println);
            } else {
                Text.wrap(r.value(), String.format(Locale.ROOT, "  %-" + tagsWidth + "s  ", r.tags()), valueIndent)
                        .forEach(out::println);
            }
        }
        Text.wrap("jvm.threads.* count platform threads only (ThreadMXBean), read after the run;"
                + " vtlab.*.threads{kind=virtual}, where shown, counts the virtual threads the lesson started."
                + " jvm.threads.virtual.pinned times JFR's jdk.VirtualThreadPinned events (parked while pinned for"
                + " 20 ms or more).", "").forEach(l -> out.println(style.dim(l)));
    }

    private static String value(Meter meter) {
        if (meter instanceof Timer timer) {
            if (timer.count() == 0) {
                return "count 0";
            }
            // the total is count x mean; --metrics=json and =prometheus carry it
            return String.format(Locale.ROOT, "count %d, mean %s, max %s", timer.count(),
                    ms(timer.mean(TimeUnit.NANOSECONDS)), ms(timer.max(TimeUnit.NANOSECONDS)));
        }
        List<Measurement> measurements = new ArrayList<>();
        meter.measure().forEach(measurements::add);
        if (measurements.size() == 1) {
            return JsonDocument.number(measurements.getFirst().getValue());
        }
        return measurements.stream()
                .map(m -> m.getStatistic().getTagValueRepresentation() + " " + JsonDocument.number(m.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String ms(double nanos) {
        double ms = nanos / 1e6;
        return String.format(Locale.ROOT, ms >= 100 ? "%.0f ms" : ms >= 1 ? "%.1f ms" : "%.3f ms", ms);
    }

    /** {@code --metrics=json}: every meter, sorted by name and tags. */
    record Document(List<MeterJson> meters) {
    }

    /**
     * @param type     Micrometer's meter type in lower case: counter, gauge, timer, ...
     * @param baseUnit left out when the meter has none
     * @param values   by statistic (count, total, max, value, ...), as the meter measures them
     */
    record MeterJson(String name, String type, @JsonInclude(JsonInclude.Include.NON_NULL) String baseUnit,
                     Map<String, String> tags, Map<String, Double> values) {
    }

    private void json(MeterRegistry registry) {
        List<MeterJson> meters = new ArrayList<>();
        for (Meter meter : sorted(registry)) {
            Map<String, String> tags = new LinkedHashMap<>();
            meter.getId().getTags().forEach(t -> tags.put(t.getKey(), t.getValue()));
            Map<String, Double> values = new LinkedHashMap<>();
            meter.measure().forEach(m -> values.put(m.getStatistic().getTagValueRepresentation(), m.getValue()));
            meters.add(new MeterJson(meter.getId().getName(), meter.getId().getType().name().toLowerCase(Locale.ROOT),
                    meter.getId().getBaseUnit(), tags, values));
        }
        JsonDocument.print(out, new Document(meters));
    }

    private static List<Meter> sorted(MeterRegistry registry) {
        return registry.getMeters().stream().sorted(BY_NAME_AND_TAGS).toList();
    }

    private static String tags(List<Tag> tags) {
        return tags.stream().map(t -> t.getKey() + "=" + t.getValue()).collect(Collectors.joining(","));
    }
}
