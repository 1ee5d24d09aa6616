package io.arscope.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import io.arscope.risk.ScoreReference;
import io.arscope.testing.TestSpark;

/** The population stability index and the reference's bins, worked by hand. */
class ScoreDriftTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);

    @Test
    void theReferenceIsCutAtItsDeciles() {
        ScoreReference hundred = ScoreReference.of(IntStream.rangeClosed(1, 100).mapToDouble(i -> i / 100.0)
                .toArray(), "2026-09-30");
        assertEquals("2026-09-30", hundred.openOn());
        assertEquals(List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9), hundred.edges());
        assertEquals(List.of(0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1), hundred.shares());
        // Ties merge bins: one value is one bin.
        ScoreReference tied = ScoreReference.of(new double[] {0.2, 0.2, 0.2}, null);
        assertEquals(List.of(), tied.edges());
        assertEquals(List.of(1.0), tied.shares());
    }

    @Test
    void theIndexSumsEachBinsShiftTimesItsLogRatio() {
        // Bins (..0.1], (0.1..0.3], (0.3..]; an edge's own value falls in the bin it closes. Today 1, 2, 1 of 4:
        // a = 0.25, 0.5, 0.25 against e = 0.25, 0.25, 0.5: 0 + 0.25 ln 2 + (-0.25) ln 0.5 = 0.5 ln 2 = 0.346574.
        List<Double> edges = List.of(0.1, 0.3);
        long[] counts = ScoreReference.counts(edges, new double[] {0.1, 0.2, 0.3, 0.5});
        assertEquals(List.of(1L, 2L, 1L), java.util.Arrays.stream(counts).boxed().toList());
        assertEquals(0.34657359, ScoreDrift.psi(List.of(0.25, 0.25, 0.5), counts), 1e-8);
        // An empty bin counts as 0.0001: 0.5 ln 2 + (0.0001 - 0.5) ln(0.0001 / 0.5) = 4.604318.
        assertEquals(4.60431847, ScoreDrift.psi(List.of(0.5, 0.5), new long[] {4, 0}), 1e-8);
    }

    @Test
    void theDriftRowGivesTheIndexAndItsBandOrWhyThereIsNone() {
        SparkSession spark = TestSpark.session();
        var scores = BandRisesTest.scores(spark, AS_OF, BandRisesTest.invoice("I1", "A", "1.00", 0.1, "low"),
                BandRisesTest.invoice("I2", "A", "1.00", 0.2, "low"), BandRisesTest.invoice("I3", "B", "1.00", 0.3,
                        "medium"), BandRisesTest.invoice("I4", "C", "1.00", 0.5, "high"));
        ScoreReference reference = new ScoreReference(100, List.of(0.1, 0.3), List.of(0.25, 0.25, 0.5), null);

        assertEquals(List.of("model_drift | high | invoice_scores | Invoice scores against the model's validation "
                + "scores | population stability index 0.347 over 4 open invoices against 100 validation invoices: "
                + "significant shift (above 0.25); retrain or check the data | 2026-10-31 | null | "
                + "0.34657359027997264 | null | null | null"),
                AlertRows.shown(ScoreDrift.of(spark, scores, reference, null, AS_OF)));
        assertEquals(List.of("model_drift | info | invoice_scores | Invoice scores against the model's validation "
                + "scores | population stability index n/a: the scores are the baseline's | 2026-10-31 | null | "
                + "null | null | null | null"),
                AlertRows.shown(ScoreDrift.of(spark, scores, null, "the scores are the baseline's", AS_OF)));
        // Against the invoices open on the model's day, as a model trained since 2026-12-06 holds its reference.
        ScoreReference open = new ScoreReference(100, List.of(0.1, 0.3), List.of(0.25, 0.25, 0.5), "2026-09-30");
        assertEquals(List.of("model_drift | high | invoice_scores | Invoice scores against the open invoices' scores "
                + "when the model was trained | population stability index 0.347 over 4 open invoices against the "
                + "100 open on 2026-09-30, when the model was trained: significant shift (above 0.25); retrain or "
                + "check the data | 2026-10-31 | null | 0.34657359027997264 | null | null | null"),
                AlertRows.shown(ScoreDrift.of(spark, scores, open, null, AS_OF)));
        // Trained as of this day (arscope run trains each day), the reference is these very scores: no index.
        ScoreReference today = new ScoreReference(4, List.of(0.1, 0.3), List.of(0.25, 0.25, 0.5), AS_OF.toString());
        assertEquals(List.of("model_drift | info | invoice_scores | Invoice scores against the open invoices' scores "
                + "when the model was trained | population stability index n/a: the model was trained as of this "
                + "day, on these open invoices; drift is measured from the next day's run on | 2026-10-31 | null | "
                + "null | null | null | null"), AlertRows.shown(ScoreDrift.of(spark, scores, today, null, AS_OF)));
    }
}
