package dev.vtlab.course;

/**
 * A step's {@link Verdict} and what it showed, in a few words that fit a table cell ({@code lost an update: 10, not
 * 20}); for an inconclusive or failed step the words say why, and become the reason in the JUnit XML.
 */
public record Judgement(Verdict verdict, String showed) {

    public Judgement {
        if (verdict == null || showed == null || showed.isBlank()) {
            throw new IllegalArgumentException("a verdict and what the step showed, got " + verdict + ", " + showed);
        }
    }

    static Judgement shown(String showed) {
        return new Judgement(Verdict.SHOWN, showed);
    }

    static Judgement inconclusive(String why) {
        return new Judgement(Verdict.INCONCLUSIVE, why);
    }

    static Judgement failed(String why) {
        return new Judgement(Verdict.FAILED, why);
    }
}
