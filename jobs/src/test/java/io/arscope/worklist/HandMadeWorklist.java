package io.arscope.worklist;

import static io.arscope.testing.LedgerBuilder.d;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

import io.arscope.ledger.AgingBuckets;
import io.arscope.risk.RiskScoring;
import io.arscope.testing.TestSpark;

/**
 * A small worklist for the files people open (pages and workbook), written by the worklist job from hand-made
 * scores: two collectors, one named {@code ana.ruiz} and one whose name needs escaping in HTML and encoding as a
 * file and sheet name; customers named like a formula, like markup and like a script.
 *
 * <p>Priority = open x probability x urgency; urgency 0.5 before due, else min(4, 1 + days past due / 30).
 * ana.ruiz, collection queue (capacity 2): C2 (I3 500 x 0.8 x 4 = 1600.00, final notice) first, C1 (I1 1000 x 0.5 x
 * 2 = 1000.00, call; I2 200 x 0.7 x 0.5 = 70.00) second with 1070.00, C3 (I4 300 x 0.2 x 7/6 = 70.00, polite
 * reminder) third and not today. C1's probability is weighted by open amount: (500 + 140) / 1200 = 53.3%. Dispute
 * queue: C4 (I6 6000, disputed since 2025-03-01 over pricing). The other collector: C5 (I7 1070 x 0.4 x 2.5 =
 * 1070.00, payment plan).
 *
 * <p>Invoices paid by the as-of day: C1's 35, 40, 45, 50 and 60 days late. Days still to pay: I1 (30 days late) on
 * C1's own five, 5, 10, 15, 20 and 30 more, median 15; I4 (5 days) on the portfolio's, the same five, 30, 35, 40,
 * 45 and 55 more, median 40; I7 (45 days) on the portfolio's 50 and 60, 5 and 15 more, median 10; none was paid
 * after 95 or 100 days (I3, I6). I2, not yet due, on the model: due in 3 days, expected 3 days late, 6.
 */
final class HandMadeWorklist {

    static final String ANA = "ana.ruiz";
    static final String NORD = "Nord/Est <B> & \"x\": *?";
    /** {@code printf '%s' NAME | sha256sum} starts 180a0d24. */
    static final String NORD_FILE = "Nord_Est__B_____x_____~180a0d24";
    static final String NORD_SHEET = "Nord_Est <B> & \"x\"_ __~180a0d24";
    static final String FORMULA = "=1+1";
    static final String MARKUP = "Zeta & <Sons> \"Ltd\"";
    static final String SCRIPT = "<script>alert('x')</script>";
    static final WorklistConfig CONFIG = new WorklistConfig(2, 1, 0.5, 30, 4.0, AgingBuckets.DEFAULT,
            DunningStrategy.DEFAULT).withHorizonDays(UnpaidAtHorizon.NONE);

    private HandMadeWorklist() {
    }

    /** Writes the worklist into {@code out}. */
    static void write(Path out) throws Exception {
        SparkSession spark = TestSpark.session();
        List<Row> scores = List.of(
                WorklistTest.score("I1", "C1", 30, "1000.00", 0.5, "medium"),
                WorklistTest.score("I2", "C1", -3, "200.00", 0.7, "high"),
                WorklistTest.score("I3", "C2", 95, "500.00", 0.8, "high"),
                WorklistTest.score("I4", "C3", 5, "300.00", 0.2, "low"),
                WorklistTest.score("I6", "C4", 100, "6000.00", 0.9, "high"),
                WorklistTest.score("I7", "C5", 45, "1070.00", 0.4, "medium"));
        List<Row> customers = List.of(
                RowFactory.create("C1", FORMULA, ANA, d("2025-03-01"), WorklistTest.NO_CREDIT),
                RowFactory.create("C2", MARKUP, ANA, d("2025-02-14"), WorklistTest.NO_CREDIT),
                RowFactory.create("C3", SCRIPT, ANA, null, WorklistTest.NO_CREDIT),
                RowFactory.create("C4", "Dispute Corp", ANA, d("2025-01-10"), WorklistTest.NO_CREDIT),
                RowFactory.create("C5", "Omega", NORD, d("2025-03-20"), WorklistTest.NO_CREDIT));
        WorklistJob.write(spark, spark.createDataFrame(scores, RiskScoring.SCHEMA),
                spark.createDataFrame(customers, WorklistTest.CUSTOMERS),
                spark.createDataFrame(List.of(RowFactory.create("I6", d("2025-03-01"), "pricing", null, null)),
                        WorklistTest.DISPUTES),
                spark.createDataFrame(List.of(RowFactory.create("C1", 35, true), RowFactory.create("C1", 40, true),
                        RowFactory.create("C1", 45, true), RowFactory.create("C1", 50, true), RowFactory.create("C1", 60, true)),
                        ExpectedDaysToPay.SETTLED_INVOICES),
                CONFIG, out.toString(), new WorklistJob.ScoreSource("in", null, "model", "sha", null, null),
                WorklistTest.AS_OF, Instant.now());
    }
}
