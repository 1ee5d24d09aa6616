package io.arscope.alerts;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import io.arscope.risk.ScoreReference;
import io.arscope.risk.ScoreTables;

/**
 * Model drift ({@value AlertsTables#MODEL_DRIFT}): the population stability index of today's invoice scores against
 * the model's scores of the invoices open on the day it was trained as of (or, for an older model, of its validation
 * window; {@link ScoreReference}), over the reference's decile bins:
 * PSI = sum over bins of (a - e) ln(a / e), a and e the shares of today's and the reference's scores in the bin,
 * each at least {@value #FLOOR} so that an empty bin counts as very different, not infinitely. Below
 * {@value #MODERATE} the scores are stable ({@value AlertsTables#INFO}), up to {@value #SIGNIFICANT} the shift is
 * moderate ({@value AlertsTables#MEDIUM}), beyond it significant ({@value AlertsTables#HIGH}). One row always, the
 * index or why there is none.
 */
public final class ScoreDrift {
    public static final double FLOOR = 0.0001;
    public static final double MODERATE = 0.1;
    public static final double SIGNIFICANT = 0.25;
    static final String SUBJECT = "invoice_scores";
    static final String SUBJECT_NAME = "Invoice scores against the model's validation scores";
    /** The subject against a reference of the invoices open on the model's day ({@link ScoreReference#openOn}). */
    static final String OPEN_SUBJECT_NAME = "Invoice scores against the open invoices' scores when the model was "
            + "trained";

    private ScoreDrift() {
    }

    /** The population stability index of {@code counts} today against the reference's {@code shares}. */
    public static double psi(List<Double> shares, long[] counts) {
        long total = java.util.Arrays.stream(counts).sum();
        double psi = 0;
        for (int i = 0; i < counts.length; i++) {
            double e = Math.max(shares.get(i), FLOOR);
            double a = Math.max((double) counts[i] / total, FLOOR);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }

    /**
     * @param scores    today's invoice scores
     * @param reference the model's reference, or null
     * @param absent    why there is no index, when {@code reference} is null or the scores are the baseline's
     * @return one row of {@link AlertsTables#ALERTS}
     */
    public static Dataset<Row> of(SparkSession spark, Dataset<Row> scores, ScoreReference reference, String absent,
            LocalDate asOf) {
        // A model trained as of this very day scored these same open invoices for its reference: an index of 0
        // would read "stable" while measuring nothing.
        String sameDay = reference != null && asOf.toString().equals(reference.openOn())
                ? "the model was trained as of this day, on these open invoices; drift is measured from the next "
                        + "day's run on" : null;
        String early = absent != null ? absent : sameDay;
        double[] probabilities = early != null ? new double[0] : scores.select(ScoreTables.PROBABILITY_LATE.col())
                .collectAsList().stream().mapToDouble(r -> r.getDouble(0)).toArray();
        String why = early != null ? early : probabilities.length == 0 ? "no invoice is open to score" : null;
        Double psi = why == null ? psi(reference.shares(), ScoreReference.counts(reference.edges(), probabilities))
                : null;
        String severity = psi == null || psi < MODERATE ? AlertsTables.INFO
                : psi <= SIGNIFICANT ? AlertsTables.MEDIUM : AlertsTables.HIGH;
        boolean open = reference != null && reference.openOn() != null;
        String against = !open ? String.format(Locale.ROOT, "%,d validation invoices", reference == null ? 0
                : reference.invoices()) : String.format(Locale.ROOT, "the %,d open on %s, when the model was trained",
                        reference.invoices(), reference.openOn());
        String change = psi == null ? "population stability index n/a: " + why
                : String.format(Locale.ROOT, "population stability index %.3f over %,d open invoices against %s: %s",
                        psi, probabilities.length, against,
                        psi < MODERATE ? "stable (below " + MODERATE + ")" : psi <= SIGNIFICANT
                                ? "moderate shift (" + MODERATE + " to " + SIGNIFICANT + "); watch the model"
                                : "significant shift (above " + SIGNIFICANT + "); retrain or check the data");
        Row row = AlertsTables.ALERTS.row().set(AlertsTables.KIND, AlertsTables.MODEL_DRIFT)
                .set(AlertsTables.SEVERITY, severity).set(AlertsTables.SUBJECT_ID, SUBJECT)
                .set(AlertsTables.SUBJECT_NAME, open ? OPEN_SUBJECT_NAME : SUBJECT_NAME).set(AlertsTables.CHANGE, change)
                .set(AlertsTables.AS_OF, asOf).set(AlertsTables.PREVIOUS_AS_OF, null)
                .set(AlertsTables.CURRENT_VALUE, psi).set(AlertsTables.PREVIOUS_VALUE, null)
                .set(AlertsTables.AMOUNT, null).set(AlertsTables.CURRENCY, null).build();
        return AlertsTables.ALERTS.frame(spark, List.of(row));
    }
}
