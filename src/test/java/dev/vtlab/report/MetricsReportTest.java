package dev.vtlab.report;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(10)
class MetricsReportTest {

    private static void meters(MeterRegistry registry) {
        Counter.builder("vtlab.counter.updates.lost").tags("sync", "none", "threads", "virtual")
                .register(registry).increment(3);
        Timer.builder("vtlab.counter.duration").tags("sync", "none", "threads", "virtual")
                .register(registry).record(Duration.ofMillis(120));
    }

    private static String print(MeterRegistry registry, MetricsFormat format) {
        var out = new StringWriter();
        new MetricsReport(new PrintWriter(out), Style.plain()).print(registry, format);
        return out.toString();
    }

    /** Each meter's name on its own line, then a line per tag set with its value; nothing wider than 80. */
    @Test
    void tableHasALinePerMeterAndTagSetWithinEightyColumns() {
        var registry = new SimpleMeterRegistry();
        meters(registry);
        List<String> table = print(registry, MetricsFormat.TABLE).lines().toList();
        int lost = table.indexOf("vtlab.counter.updates.lost");
        assertTrue(lost >= 0 && table.get(lost + 1).matches("  sync=none,threads=virtual\\s+3"), table.toString());
        int duration = table.indexOf("vtlab.counter.duration");
        assertTrue(duration >= 0 && table.get(duration + 1)
                .matches("  sync=none,threads=virtual\\s+count 1, mean 120 ms, max 120 ms"), table.toString());
        assertTrue(String.join(" ", table).contains("platform threads only"), table.toString());
        assertTrue(table.stream().allMatch(l -> l.length() <= 80), table.toString());
    }

    @Test
    void prometheusIsTheRegistrysOwnTextFormat() {
        var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        meters(registry);
        String text = print(registry, MetricsFormat.PROMETHEUS);
        assertTrue(text.contains("# TYPE vtlab_counter_updates_lost_total counter"), text);
        assertTrue(text.contains("vtlab_counter_updates_lost_total{sync=\"none\",threads=\"virtual\"} 3.0"), text);
        assertTrue(text.contains("vtlab_counter_duration_seconds_count{sync=\"none\",threads=\"virtual\"} 1"), text);
    }

    @Test
    void prometheusNeedsAPrometheusRegistry() {
        assertThrows(IllegalArgumentException.class, () -> print(new SimpleMeterRegistry(), MetricsFormat.PROMETHEUS));
    }

    @Test
    void jsonNamesEveryMeterWithTypeTagsAndValues() {
        var registry = new SimpleMeterRegistry();
        meters(registry);
        String json = print(registry, MetricsFormat.JSON).strip();
        assertTrue(json.startsWith("{\"meters\":[") && json.endsWith("]}"), json);
        assertTrue(json.contains("{\"name\":\"vtlab.counter.updates.lost\",\"type\":\"counter\","
                + "\"tags\":{\"sync\":\"none\",\"threads\":\"virtual\"},\"values\":{\"count\":3}}"), json);
        assertTrue(json.contains("\"name\":\"vtlab.counter.duration\",\"type\":\"timer\""), json);
        assertTrue(json.contains("\"total\":0.12"), json);
    }
}
