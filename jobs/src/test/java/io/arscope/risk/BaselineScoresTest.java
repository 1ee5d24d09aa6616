package io.arscope.risk;

import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import io.arscope.testing.TestSpark;

/**
 * The baseline's scores and their one reason, worked by hand: a share is of the earlier invoices with a known
 * outcome, "late" being paid late or unpaid past due, and a share resting on fewer than 5 earlier invoices says so.
 */
class BaselineScoresTest {

    private static Row score(String invoice) {
        return ScoreTables.SCORES.row().set(ScoreTables.INVOICE_ID, invoice).set(ScoreTables.CUSTOMER_ID, "C")
                .set(ScoreTables.AS_OF, d("2025-03-31")).set(ScoreTables.INVOICE_DATE, d("2025-03-01"))
                .set(ScoreTables.DUE_DATE, d("2025-03-31")).set(ScoreTables.CURRENCY, "USD")
                .set(ScoreTables.AMOUNT, new BigDecimal("100.00")).set(ScoreTables.OPEN_AMOUNT, new BigDecimal("100.00"))
                .set(ScoreTables.DAYS_PAST_DUE, 0).set(ScoreTables.PROBABILITY_LATE, 0.5)
                .set(ScoreTables.EXPECTED_DAYS_LATE, 3.0).set(ScoreTables.RISK_BAND, "medium")
                .set(ScoreTables.REASON_1, "the model's").set(ScoreTables.REASON_2, null)
                .set(ScoreTables.REASON_3, null).set(ScoreTables.REASON_FEATURES, "credit_use")
                .set(ScoreTables.BEYOND_TRAINING, "log_amount").build();
    }

    private static Row features(String invoice, Double lateShare, double earlier) {
        Map<String, Double> f = new HashMap<>(Map.of("hist_invoices", earlier));
        if (lateShare != null) {
            f.put("hist_late_share", lateShare);
        }
        return RowFactory.create(invoice, "C", d("2025-03-01"), d("2025-03-31"), new BigDecimal("100.00"),
                d("2025-03-31"), new BigDecimal("100.00"), scala.collection.JavaConverters.mapAsScalaMap(f)
                        .toMap(scala.Predef.$conforms()), null, null, null);
    }

    @Test
    void theReasonSaysWhatLateMeansAndHowFewInvoicesItRestsOn() {
        SparkSession spark = TestSpark.session();
        List<Row> scores = new ArrayList<>();
        for (String i : List.of("I1", "I2", "I3", "I4", "I5")) {
            scores.add(score(i));
        }
        List<Row> features = List.of(features("I1", 0.4285714, 14), features("I2", 1.0, 2), features("I3", 0.0, 1),
                features("I4", null, 0), features("I5", 1.0, 5));
        Map<String, String> reasons = new HashMap<>();
        Map<String, Double> probabilities = new HashMap<>();
        Map<String, Double> expectedDays = new HashMap<>();
        for (Row r : BaselineScores.of(ScoreTables.SCORES.frame(spark, scores), spark.createDataFrame(features,
                RiskFeatures.SCHEMA), 0.25, RiskConfig.DEFAULT).collectAsList()) {
            reasons.put(r.getAs("invoice_id"), r.getAs("reason_1"));
            probabilities.put(r.getAs("invoice_id"), r.getAs("probability_late"));
            expectedDays.put(r.getAs("invoice_id"), r.getAs("expected_days_late"));
            // What the refused model held beyond its training range is not why the invoice ranks where it does.
            assertEquals(null, r.<String>getAs("beyond_training"));
        }
        String ranked = "ranked by its own record (the model was refused): ";
        assertEquals(Map.of(
                "I1", ranked + "43% of its earlier invoices were late (paid late, or unpaid past due)",
                "I2", ranked + "100% of its earlier invoices were late (paid late, or unpaid past due); it has only 2 "
                        + "earlier invoices",
                "I3", ranked + "none of its earlier invoices was late; it has only 1 earlier invoice",
                "I4", ranked + "no earlier invoice with a known outcome, so the portfolio's 25% late",
                "I5", ranked + "100% of its earlier invoices were late (paid late, or unpaid past due)"), reasons);
        assertEquals(Map.of("I1", 0.4286, "I2", 1.0, "I3", 0.0, "I4", 0.25, "I5", 1.0), probabilities);
        // The model's 3 expected days at its 0.5 are 6 days late when late, taken at the baseline's probability.
        Map<String, Double> byHand = Map.of("I1", 6 * 0.4286, "I2", 6.0, "I3", 0.0, "I4", 1.5, "I5", 6.0);
        assertEquals(byHand.keySet(), expectedDays.keySet());
        byHand.forEach((invoice, days) -> assertEquals(days, expectedDays.get(invoice), 1e-12, invoice));
    }
}
