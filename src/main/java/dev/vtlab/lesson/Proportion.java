package dev.vtlab.lesson;

/**
 * {@code count} of {@code total} trials, with its 95 % Wilson score interval, so a reader can tell 3 of 10 (a wide
 * interval) from 300 of 1,000 (a narrow one). Wilson's interval stays inside [0, 1] and behaves at 0 and at total,
 * where the textbook normal interval collapses to a point.
 */
public record Proportion(long count, long total) {

    private static final double Z = 1.959963984540054; // two-sided 95 %

    public Proportion {
        if (total < 1 || count < 0 || count > total) {
            throw new IllegalArgumentException(
                    "need 0 <= count <= total and total >= 1, got " + count + " of " + total);
        }
    }

    public double fraction() {
        return (double) count / total;
    }

    public double low() {
        return centre() - halfWidth();
    }

    public double high() {
        return centre() + halfWidth();
    }

    private double centre() {
        double z2 = Z * Z;
        return (fraction() + z2 / (2.0 * total)) / (1 + z2 / total);
    }

    private double halfWidth() {
        double p = fraction();
        double z2 = Z * Z;
        return Z / (1 + z2 / total) * Math.sqrt(p * (1 - p) / total + z2 / (4.0 * total * total));
    }
}
