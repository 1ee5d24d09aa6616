package io.arscope.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

import io.arscope.risk.ScoreTables;
import io.arscope.testing.TestSpark;

/**
 * Risk bands compared by hand between 2026-09-30 and 2026-10-31. By the invoices: A's worst band went from low to
 * high (its two invoices now 0.72 high and 0.30 medium, 1,000.00 + 234.50 open; 0.10 low before), B's from low to
 * medium (0.40), C stayed medium, D fell from high to low, E is new today. By the customer scores: F rose from
 * medium to high with nothing open.
 */
class BandRisesTest {
    static final LocalDate BEFORE = LocalDate.of(2026, 9, 30);
    static final LocalDate NOW = LocalDate.of(2026, 10, 31);

    @Test
    void aCustomerWhoseWorstInvoiceBandRoseIsAlerted() {
        SparkSession spark = TestSpark.session();
        Dataset<Row> now = scores(spark, NOW, invoice("A1", "A", "1000.00", 0.72, "high"),
                invoice("A2", "A", "234.50", 0.30, "medium"), invoice("B1", "B", "80.00", 0.40, "medium"),
                invoice("C1", "C", "50.00", 0.35, "medium"), invoice("D1", "D", "70.00", 0.05, "low"),
                invoice("E1", "E", "90.00", 0.90, "high"));
        Dataset<Row> before = scores(spark, BEFORE, invoice("A1", "A", "1000.00", 0.10, "low"),
                invoice("B0", "B", "10.00", 0.02, "low"), invoice("C1", "C", "50.00", 0.33, "medium"),
                invoice("D1", "D", "70.00", 0.80, "high"));

        List<String> alerts = AlertRows.shown(BandRises.of(BandRises.ofInvoices(now), BandRises.ofInvoices(before),
                names(spark), "paying late", NOW, BEFORE));

        assertEquals(List.of(
                "risk_band_rose | high | A | Customer A | risk band rose from low to high since 2026-09-30 "
                        + "(probability of paying late 10.0% then, 72.0% now); USD 1,234.50 open | 2026-10-31 | "
                        + "2026-09-30 | 0.72 | 0.1 | 1234.50 | USD",
                "risk_band_rose | medium | B | null | risk band rose from low to medium since 2026-09-30 "
                        + "(probability of paying late 2.0% then, 40.0% now); USD 80.00 open | 2026-10-31 | "
                        + "2026-09-30 | 0.4 | 0.02 | 80.00 | USD"), alerts);
    }

    @Test
    void aCustomerScoreBandThatRoseWithNothingOpenSaysSo() {
        SparkSession spark = TestSpark.session();
        Dataset<Row> now = customers(spark, NOW, "F", 0.61, "high", "0.00");
        Dataset<Row> before = customers(spark, BEFORE, "F", 0.25, "medium", "500.00");

        List<String> alerts = AlertRows.shown(BandRises.of(BandRises.ofCustomers(now),
                BandRises.ofCustomers(before), names(spark), "an invoice more than 60 days past due within 90 days",
                NOW, BEFORE));

        assertEquals(List.of("risk_band_rose | high | F | Customer F | risk band rose from medium to high since "
                + "2026-09-30 (probability of an invoice more than 60 days past due within 90 days 25.0% then, "
                + "61.0% now); nothing open | 2026-10-31 | 2026-09-30 | 0.61 | 0.25 | 0.00 | EUR"), alerts);
    }

    static Row invoice(String id, String customer, String open, double p, String band) {
        return RowFactory.create(id, customer, open, p, band);
    }

    /** A scores table with the invoices' ids, customers, open amounts (USD), probabilities and bands. */
    static Dataset<Row> scores(SparkSession spark, LocalDate day, Row... invoices) {
        List<Row> rows = java.util.Arrays.stream(invoices).map(r -> ScoreTables.SCORES.row()
                .set(ScoreTables.INVOICE_ID, r.getString(0)).set(ScoreTables.CUSTOMER_ID, r.getString(1))
                .set(ScoreTables.AS_OF, day).set(ScoreTables.INVOICE_DATE, day.minusDays(60))
                .set(ScoreTables.DUE_DATE, day.minusDays(30)).set(ScoreTables.CURRENCY, "USD")
                .set(ScoreTables.AMOUNT, new BigDecimal(r.getString(2)))
                .set(ScoreTables.OPEN_AMOUNT, new BigDecimal(r.getString(2))).set(ScoreTables.DAYS_PAST_DUE, 30)
                .set(ScoreTables.PROBABILITY_LATE, r.getDouble(3)).set(ScoreTables.EXPECTED_DAYS_LATE, 5.0)
                .set(ScoreTables.RISK_BAND, r.getString(4)).set(ScoreTables.REASON_1, null)
                .set(ScoreTables.REASON_2, null).set(ScoreTables.REASON_3, null)
                .set(ScoreTables.REASON_FEATURES, null).set(ScoreTables.BEYOND_TRAINING, null).build()).toList();
        return ScoreTables.SCORES.frame(spark, rows);
    }

    static Dataset<Row> customers(SparkSession spark, LocalDate day, String id, double p, String band,
            String exposure) {
        return ScoreTables.CUSTOMER_SCORES.frame(spark, List.of(ScoreTables.CUSTOMER_SCORES.row()
                .set(ScoreTables.CUSTOMER_ID, id).set(ScoreTables.NAME, "Customer " + id).set(ScoreTables.AS_OF, day)
                .set(ScoreTables.CURRENCY, "EUR").set(ScoreTables.EXPOSURE, new BigDecimal(exposure))
                .set(ScoreTables.MAX_DAYS_PAST_DUE, 0).set(ScoreTables.PROBABILITY_60DPD_90D, p)
                .set(ScoreTables.RISK_BAND, band).set(ScoreTables.EXPOSURE_AT_RISK, BigDecimal.ZERO.setScale(2))
                .set(ScoreTables.REASON_1, "r").set(ScoreTables.REASON_2, null).set(ScoreTables.REASON_3, null)
                .set(ScoreTables.CREDIT_LIMIT, null).set(ScoreTables.SUGGESTED_CREDIT_LIMIT, null)
                .set(ScoreTables.CREDIT_LIMIT_CHANGE, null).set(ScoreTables.CREDIT_LIMIT_BASIS, "none").build()));
    }

    /** Names of A and F; B has none on file. */
    static Dataset<Row> names(SparkSession spark) {
        return spark.createDataFrame(List.of(RowFactory.create("A", "Customer A"), RowFactory.create("F",
                "Customer F")), DataTypes.createStructType(List.of(
                        DataTypes.createStructField("customer_id", DataTypes.StringType, false),
                        DataTypes.createStructField("name", DataTypes.StringType, true))));
    }
}
