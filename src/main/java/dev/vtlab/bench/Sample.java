package dev.vtlab.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The raw numbers of one run, as the child JVM reports them: nanoseconds, counts and kilobytes, all whole numbers.
 * Keys are lowercase words joined by underscores, such as {@code wall_ns}.
 */
public record Sample(Map<String, Long> values) {

    public Sample {
        values = Map.copyOf(values);
    }

    public long get(String key) {
        Long v = values.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no '" + key + "' in sample " + values.keySet());
        }
        return v;
    }

    /** {@code key=value key=value}, the child's wire format; keys in a stable order. */
    public String toLine() {
        var b = new StringBuilder();
        new java.util.TreeMap<>(values).forEach(
                (k, v) -> b.append(b.isEmpty() ? "" : " ").append(k).append('=').append(v));
        return b.toString();
    }

    /** Parses {@link #toLine()}. */
    public static Sample parse(String line) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String pair : line.trim().split("\\s+")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not key=value: '" + pair + "' in '" + line + "'");
            }
            values.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
        }
        return new Sample(values);
    }
}
