package io.arscope.risk;

import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** {@link SegmentPriors} worked out by hand (no Spark session). */
class SegmentPriorsTest {

    private static final StructType SEGMENT = DataTypes.createStructType(List.of(
            DataTypes.createStructField("segment", DataTypes.StringType, true)));

    /** An invoice settled on {@code settled} (null: open in the ledger), of a customer in {@code segment}. */
    private static RiskFeatures.Invoice invoice(String id, String due, String settled, String segment) {
        return new RiskFeatures.Invoice(id, d(due).minusDays(30), d(due), BigDecimal.TEN, List.of(), List.of(),
                List.of(), List.of(), List.of(), settled == null ? null : d(settled),
                new GenericRowWithSchema(new Object[] {segment}, SEGMENT));
    }

    @Test
    void theBetaBinomialPriorByTheMethodOfMoments() {
        // Customers with 1 of 2, 0 of 4 and 3 of 4 late: mu = 4 / 10; shares 0.5, 0, 0.75 have variance
        // 0.8125 / 3 - (1.25 / 3)^2 = 7 / 72; binomial noise 0.24 x (1/2 + 1/4 + 1/4) / 3 = 2 / 25; their difference
        // 31 / 1800 is the spread between customers, so m = 0.24 x 1800 / 31 - 1 = 401 / 31.
        double[] prior = SegmentPriors.prior(3, 10, 4, 1.25, 0.8125, 1.0);
        assertEquals(0.4, prior[0], 1e-12);
        assertEquals(401.0 / 31, prior[1], 1e-9);
        // Shares 0.4 and 0.4 of 5 each: no spread beyond noise, nothing tells them apart.
        assertEquals(SegmentPriors.MAX_STRENGTH, SegmentPriors.prior(2, 10, 4, 0.8, 0.32, 0.4)[1]);
        // One customer: no spread to measure.
        assertEquals(SegmentPriors.MAX_STRENGTH, SegmentPriors.prior(1, 4, 1, 0.25, 0.0625, 0.25)[1]);
        // Shares 0 and 1 of 100 each: far more spread than noise, m at its floor.
        assertEquals(SegmentPriors.MIN_STRENGTH, SegmentPriors.prior(2, 200, 100, 1, 1, 0.02)[1]);
    }

    @Test
    void anOutcomeIsKnownTheDayAfterSettlementOrTheDayAfterGraceRunsOut() {
        // Settled on the due date: on time, known the next day.
        assertEquals(new SegmentPriors.Outcome(d("2024-03-02"), false),
                SegmentPriors.outcome(invoice("A", "2024-03-01", "2024-03-01", null), 0));
        // Settled 3 days late: late, known the day after the due date, before it was settled.
        assertEquals(new SegmentPriors.Outcome(d("2024-03-02"), true),
                SegmentPriors.outcome(invoice("B", "2024-03-01", "2024-03-04", null), 0));
        // With 3 days' grace the same invoice is on time, known the day after settlement.
        assertEquals(new SegmentPriors.Outcome(d("2024-03-05"), false),
                SegmentPriors.outcome(invoice("B", "2024-03-01", "2024-03-04", null), 3));
        // Open: late from the day after grace.
        assertEquals(new SegmentPriors.Outcome(d("2024-03-04"), true),
                SegmentPriors.outcome(invoice("C", "2024-03-01", null, null), 2));
    }

    @Test
    void aCustomersOutcomesCountFromTheFirstDayOfEachMonth() {
        List<SegmentPriors.Outcome> outcomes = List.of(new SegmentPriors.Outcome(d("2024-02-01"), true),
                new SegmentPriors.Outcome(d("2024-01-15"), false), new SegmentPriors.Outcome(d("2024-03-02"), false),
                new SegmentPriors.Outcome(d("2024-06-01"), true));
        // January 1st knows nothing yet (left out); February 1st the first two; March 1st the same (March 2nd is
        // after it); April 1st three; the label day, April 20th, ends the months.
        List<Row> months = SegmentPriors.months("Retail", outcomes, d("2024-04-20"));
        assertEquals(List.of("Retail 2024-02-01 2 1", "Retail 2024-03-01 2 1", "Retail 2024-04-01 3 1"),
                months.stream().map(r -> r.get(0) + " " + r.get(1) + " " + r.get(2) + " " + r.get(3)).toList());
    }

    @Test
    void theCustomersOwnRecordShrunkTowardItsSegmentsShareOfTheScoringMonth() {
        Map<String, TreeMap<LocalDate, double[]>> bySegment = Map.of("Retail", new TreeMap<>(Map.of(
                d("2024-05-01"), new double[] {0.4, 10, Double.NaN}, d("2024-06-01"), new double[] {0.3, 4, 0.5})));
        SegmentPriors priors = new SegmentPriors(bySegment);
        RiskFeatures.Invoice target = invoice("T", "2024-07-10", null, "Retail");
        List<RiskFeatures.Invoice> invoices = List.of(
                invoice("A", "2024-01-31", "2024-01-26", "Retail"),
                invoice("B", "2024-03-01", "2024-03-06", "Retail"),
                // Open past its due date + 1 by June 10th: known late.
                invoice("C", "2024-06-05", null, "Retail"),
                // Settled on time on June 10th: known only from June 11th.
                invoice("D", "2024-06-30", "2024-06-10", "Retail"),
                // Due June 9th, open: late from June 10th, the scoring day.
                invoice("E", "2024-06-09", null, "Retail"),
                target);
        Map<String, Double> f = new TreeMap<>();
        priors.add(f, target, invoices, d("2024-06-10"), 0);
        // June's prior (mu 0.3, m 4, recently 0.5); A on time, B, C and E late: (3 + 4 x 0.3) / (4 + 4).
        assertEquals(Map.of("segment_late_share", 0.3, "hist_late_share_shrunk", 4.2 / 8, "segment_recent_late_share",
                0.5), f);

        // In May, with May's prior (0.4, 10, no recent outcome): A on time and B late by May 20th: (1 + 4) / (2 + 10).
        Map<String, Double> may = new TreeMap<>();
        priors.add(may, target, invoices, d("2024-05-20"), 0);
        assertEquals(2, may.size());
        assertEquals(0.4, may.get("segment_late_share"), 1e-12);
        assertEquals(5.0 / 12, may.get("hist_late_share_shrunk"), 1e-12);

        // Before the segment's first prior, and in a segment without one (no segment: "(none)"): absent.
        Map<String, Double> none = new TreeMap<>();
        priors.add(none, target, invoices, d("2024-04-30"), 0);
        RiskFeatures.Invoice other = invoice("X", "2024-07-10", null, null);
        priors.add(none, other, List.of(other), d("2024-06-10"), 0);
        assertEquals(Map.of(), none);
    }

    @Test
    void theRecentShareCountsWhatBecameKnownInTheThreeMonthsBefore() {
        TreeMap<LocalDate, long[]> pooled = new TreeMap<>(Map.of(d("2024-01-01"), new long[] {2, 1},
                d("2024-02-01"), new long[] {4, 1}, d("2024-04-01"), new long[] {10, 4},
                d("2024-05-01"), new long[] {12, 6}));
        // May 1st against February 1st: 8 more known, 5 more late.
        assertEquals(5.0 / 8, SegmentPriors.recent(pooled, d("2024-05-01")), 1e-12);
        // April 1st against January 1st: 8 more known, 3 more late.
        assertEquals(3.0 / 8, SegmentPriors.recent(pooled, d("2024-04-01")), 1e-12);
        // February 1st: nothing three months before, so everything known by then.
        assertEquals(0.25, SegmentPriors.recent(pooled, d("2024-02-01")), 1e-12);
        // Nothing new in three months: no recent share.
        pooled.put(d("2024-08-01"), new long[] {12, 6});
        assertEquals(Double.NaN, SegmentPriors.recent(pooled, d("2024-08-01")));
    }
}
