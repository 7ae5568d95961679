package dev.vtlab.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a suite: what the child JVM runs ({@code params}), how the report names it ({@code columns}, in
 * order), and, if it must not run here, why.
 */
public record Config(Suite suite, Map<String, String> params, Map<String, String> columns, String skipReason) {

    public Config {
        params = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(params)); // stable order in JSON
        columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columns));
    }

    public boolean skipped() {
        return skipReason != null;
    }

    /** The row's name in one line, for progress and errors. */
    public String label() {
        return suite.cliName() + " " + String.join(", ", columns.values());
    }
}
