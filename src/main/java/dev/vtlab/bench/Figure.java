package dev.vtlab.bench;

import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A column of a suite's table: either a figure of every timed run, summarised as median [min–max] (runs), or one
 * value for the whole row (its cold run, its peak memory).
 */
public sealed interface Figure {

    String header();

    /** Computed from each timed run, then summarised. */
    record PerRun(String header, ToDoubleFunction<Sample> value) implements Figure {
        public Summary summarise(Row row) {
            return Summary.of(row.runs().stream().map(value::applyAsDouble).toList());
        }
    }

    /** One value for the row, or empty if the row cannot tell (no warm-up run, no /proc). */
    record PerRow(String header, Function<Row, OptionalDouble> value) implements Figure {
    }
}
