package dev.vtlab.lesson;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How long each transaction sleeps between its read and its write ({@code --delay}): one duration for all, or one
 * per transaction by name ({@code deposit=2ms,withdrawal=5ms}), because the reader of the original lesson changed
 * the sleep time and saw the other ending. A transaction the names leave out sleeps {@code common}.
 *
 * @param common the delay of every transaction not named
 * @param named  the delays by transaction name, as {@link #key} spells names; empty for one delay for all
 */
public record Delays(Duration common, Map<String, Duration> named) {

    public Delays {
        named = Map.copyOf(named);
        if (common.isNegative() || named.values().stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("delays must not be negative, got " + common + ", " + named);
        }
    }

    /** One delay for every transaction. */
    public static Delays all(Duration delay) {
        return new Delays(delay, Map.of());
    }

    /** A delay per named transaction; the others get {@code common} once {@link #orElse} gives it. */
    public static Delays named(Map<String, Duration> named) {
        return new Delays(Duration.ZERO, new LinkedHashMap<>(named));
    }

    /** These named delays over {@code common} for the others; one delay for all stays as it is. */
    public Delays orElse(Duration fallback) {
        return named.isEmpty() ? this : new Delays(fallback, named);
    }

    /** A transaction name as the map keys it: lower case, without spaces ({@code deposit 2} is {@code deposit2}). */
    public static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replace(" ", "");
    }

    public boolean isNamed() {
        return !named.isEmpty();
    }

    public Duration of(Transaction t) {
        return named.getOrDefault(key(t.name()), common);
    }

    /** True if every one of these transactions sleeps the same. */
    public boolean equalFor(List<Transaction> transactions) {
        return transactions.stream().map(this::of).distinct().count() <= 1;
    }

    /** The names that are not among these transactions, for the error that says so. */
    public List<String> unknown(List<Transaction> transactions) {
        var known = transactions.stream().map(t -> key(t.name())).collect(Collectors.toSet());
        return named.keySet().stream().filter(n -> !known.contains(n)).sorted().toList();
    }
}
