package dev.vtlab.report;

import java.util.Locale;

/** How {@code --metrics} prints the meters after a lesson. */
public enum MetricsFormat {
    /** Aligned columns for a person. */
    TABLE,
    /** The Prometheus text exposition format, as {@code PrometheusMeterRegistry.scrape()} writes it. */
    PROMETHEUS,
    /** One JSON object, for scripts. */
    JSON;

    /** The name used on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
