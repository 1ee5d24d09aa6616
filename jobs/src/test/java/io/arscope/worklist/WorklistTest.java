package io.arscope.worklist;

import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.risk.RiskScoring;
import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.OnAccountLedger;
import io.arscope.testing.TestSpark;

/**
 * A hand-made portfolio whose right order was worked out by hand: priorities, ties, disputes, capacity, the
 * dunning steps and the unassigned collector.
 *
 * <p>Priority = open x probability x urgency; urgency 0.5 before due, else min(4, 1 + days past due / 30).
 * I1 1000 x 0.5 x 2 = 1000.00; I2 200 x 0.7 x 0.5 = 70.00; I3 500 x 0.8 x 4 = 1600.00; I4 2140 x 0.5 x 0.5 =
 * 535.00; I5 and I7 1070 x 0.4 x 2.5 = 1070.00; I6 6000 x 0.9 x 4 = 21600.00 (disputed); I8 300 x 0.2 x 7/6 =
 * 70.00; I10 8000 x 0.3 x 4 = 9600.00; I11 100000 x 0.1 x 0.5 = 5000.00 (not due, low risk: nothing to do).
 * Customers of ana by priority: C3 10135.00 (I4 + I10), C2 1600.00, then C1, C4 and C6 all at 1070.00: C4 and C6
 * are 45 days past due against C1's 30, and C4 precedes C6 by id; C7 has nothing to do, so it comes last although
 * its priority is higher.
 */
class WorklistTest {

    static final LocalDate AS_OF = d("2025-03-31");
    private static final WorklistConfig CONFIG = new WorklistConfig(2, 1, 0.5, 30, 4.0, AgingBuckets.DEFAULT,
            DunningStrategy.DEFAULT);
    /** The customer context and open disputes as {@link CollectionContext} gives them. */
    static final StructType CUSTOMERS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("customer_id", DataTypes.StringType, false),
            DataTypes.createStructField("customer_name", DataTypes.StringType, true),
            DataTypes.createStructField("collector", DataTypes.StringType, true),
            DataTypes.createStructField("last_payment_date", DataTypes.DateType, true),
            DataTypes.createStructField("on_account_credit", DataTypes.createDecimalType(18, 2), false)));
    /** A customer's on-account credit when it has none. */
    static final BigDecimal NO_CREDIT = BigDecimal.ZERO.setScale(2);
    static final StructType DISPUTES = DataTypes.createStructType(List.of(
            DataTypes.createStructField("invoice_id", DataTypes.StringType, false),
            DataTypes.createStructField("dispute_opened", DataTypes.DateType, true),
            DataTypes.createStructField("dispute_reason", DataTypes.StringType, true)));
    private static Worklist.Result result;

    @TempDir
    static Path dir;

    @BeforeAll
    static void build() {
        SparkSession spark = TestSpark.session();
        List<Row> scores = List.of(
                score("I1", "C1", 30, "1000.00", 0.5, "medium"),
                score("I2", "C1", -3, "200.00", 0.7, "high"),
                score("I3", "C2", 95, "500.00", 0.8, "high"),
                score("I4", "C3", 0, "2140.00", 0.5, "medium"),
                score("I5", "C4", 45, "1070.00", 0.4, "medium"),
                score("I6", "C4", 100, "6000.00", 0.9, "high"),
                score("I7", "C6", 45, "1070.00", 0.4, "medium"),
                score("I8", "C5", 5, "300.00", 0.2, "low"),
                score("I10", "C3", 120, "8000.00", 0.3, "medium"),
                score("I11", "C7", -20, "100000.00", 0.1, "low"));
        List<Row> customers = new ArrayList<>();
        for (String c : List.of("C1", "C2", "C3", "C4", "C6", "C7")) {
            customers.add(RowFactory.create(c, "Customer " + c, "ana", d("2025-03-01"), NO_CREDIT));
        }
        customers.add(RowFactory.create("C5", "Customer C5", null, null, NO_CREDIT));
        Dataset<Row> disputes = spark.createDataFrame(List.of(RowFactory.create("I6", d("2025-03-01"), "pricing")),
                DISPUTES);
        result = Worklist.build(spark.createDataFrame(scores, RiskScoring.SCHEMA),
                spark.createDataFrame(customers, CUSTOMERS), disputes, CONFIG);
    }

    /** A scored open invoice on {@link #AS_OF}, expected 3 days late, its first reason "why" and its id. */
    static Row score(String invoice, String customer, int daysPastDue, String open, double p, String band) {
        LocalDate due = AS_OF.minusDays(daysPastDue);
        BigDecimal amount = new BigDecimal(open);
        return RowFactory.create(invoice, customer, AS_OF, due.minusDays(30), due, amount, amount, daysPastDue, p,
                3.0, band, "why " + invoice, null, null);
    }

    @Test
    void customersAreRankedPerCollectorAndQueueWithTiesAndCapacity() {
        List<String> rows = result.customers().orderBy("collector", "queue", "customer_rank").collectAsList()
                .stream().map(r -> String.join(" ", r.getAs("collector"), r.getAs("queue"),
                        String.valueOf(r.<Integer>getAs("customer_rank")), String.valueOf(r.<Boolean>getAs("in_today")),
                        r.getAs("customer_id"), r.<BigDecimal>getAs("priority_value").toPlainString(),
                        r.<BigDecimal>getAs("open_amount").toPlainString(),
                        r.<BigDecimal>getAs("overdue_amount").toPlainString(), r.getAs("action_code"),
                        r.getAs("top_invoice_id"), r.getAs("oldest_bucket")))
                .toList();
        assertEquals(List.of(
                "ana collect 1 true C3 10135.00 10140.00 8000.00 legal_review I10 91+",
                "ana collect 2 true C2 1600.00 500.00 500.00 final_notice I3 91+",
                "ana collect 3 false C4 1070.00 1070.00 1070.00 payment_plan I5 31-60",
                "ana collect 4 false C6 1070.00 1070.00 1070.00 payment_plan I7 31-60",
                "ana collect 5 false C1 1070.00 1200.00 1000.00 call I1 1-30",
                "ana collect 6 false C7 5000.00 100000.00 0.00 none I11 current",
                "ana dispute 1 true C4 21600.00 6000.00 6000.00 resolve_dispute I6 91+",
                "unassigned collect 1 true C5 70.00 300.00 300.00 polite_reminder I8 1-30"), rows);
    }

    @Test
    void everyOpenInvoiceAppearsOnceWithItsActionAndPriority() {
        List<String> rows = result.invoices().orderBy("invoice_id").collectAsList().stream()
                .map(r -> String.join(" ", r.getAs("invoice_id"), r.getAs("queue"),
                        String.valueOf(r.<Integer>getAs("customer_rank")),
                        String.valueOf(r.<Integer>getAs("invoice_rank")), r.getAs("aging_bucket"),
                        String.valueOf(r.<Double>getAs("urgency")), r.<BigDecimal>getAs("priority_value").toPlainString(),
                        r.getAs("action_code")))
                .toList();
        assertEquals(List.of(
                "I1 collect 5 1 1-30 2.0 1000.00 call",
                "I10 collect 1 1 91+ 4.0 9600.00 legal_review",
                "I11 collect 6 1 current 0.5 5000.00 none",
                "I2 collect 5 2 current 0.5 70.00 pre_due_reminder",
                "I3 collect 2 1 91+ 4.0 1600.00 final_notice",
                "I4 collect 1 2 current 0.5 535.00 none",
                "I5 collect 3 1 31-60 2.5 1070.00 payment_plan",
                "I6 dispute 1 1 91+ 4.0 21600.00 resolve_dispute",
                "I7 collect 4 1 31-60 2.5 1070.00 payment_plan",
                "I8 collect 1 1 1-30 " + (1 + 5.0 / 30) + " 70.00 polite_reminder"), rows);
        Row disputed = result.invoices().filter("invoice_id = 'I6'").first();
        assertEquals("Resolve the dispute (pricing); dunning paused", disputed.getAs("next_action"));
        assertEquals(d("2025-03-01"), disputed.getAs("dispute_opened"));
    }

    @Test
    void theRollUpWeighsProbabilityByOpenAmount() {
        Row c1 = result.customers().filter("customer_id = 'C1'").first();
        assertEquals((1000 * 0.5 + 200 * 0.7) / 1200, c1.<Double>getAs("probability_late"), 1e-12);
        assertEquals(2, c1.<Integer>getAs("open_invoices"));
        assertEquals(30, c1.<Integer>getAs("max_days_past_due"));
        assertEquals("why I1", c1.getAs("reason_1"));
        assertEquals(d("2025-03-01"), c1.getAs("last_payment_date"));
    }

    /**
     * {@link OnAccountLedger}: C1's 600 of cash on account covers I1 (1,000, 50 days past due) for 600, so only 400
     * is chased: 400 x 0.5 x (1 + 50/30) = 533.33, a payment plan; nothing is left for I2 (400, due today, low risk):
     * 400 x 0.2 x 0.5 = 40.00, no action yet. C2's 250 credit memo covers I3's 200 in full: apply it, do not chase,
     * priority 0. Balances: C1 1,400 open less 600 = 800 net; C2 200 less 250 = -50.
     */
    @Test
    void onAccountCreditNetsTheBalanceAndWhatItCoversIsNotChased() {
        SparkSession spark = TestSpark.session();
        OnAccountLedger.write(spark, dir.resolve("on-account"));
        ReceivablesLedger ledger = ReceivablesLedger.read(spark, dir.resolve("on-account/canonical").toString());
        Dataset<Row> context = CollectionContext.customers(ledger, AS_OF);
        // C1's last payment is its cash on account: a payment all the same.
        assertEquals("C1 2025-02-20 600.00, C2 2025-03-10 250.00", context.orderBy("customer_id").collectAsList()
                .stream().map(r -> r.getAs("customer_id") + " " + r.getAs("last_payment_date") + " "
                        + r.getAs("on_account_credit")).collect(Collectors.joining(", ")));
        Worklist.Result lists = Worklist.build(spark.createDataFrame(List.of(
                score("I1", "C1", 50, "1000.00", 0.5, "medium"),
                score("I2", "C1", 0, "400.00", 0.2, "low"),
                score("I3", "C2", 28, "200.00", 0.6, "high")), RiskScoring.SCHEMA), context,
                spark.createDataFrame(List.of(), DISPUTES), CONFIG);
        assertEquals(List.of("I1 1000.00 600.00 533.33 payment_plan", "I2 400.00 0.00 40.00 none",
                "I3 200.00 200.00 0.00 apply_on_account"), lists.invoices().orderBy("invoice_id").collectAsList()
                .stream().map(r -> r.getAs("invoice_id") + " " + r.getAs("open_amount") + " "
                        + r.getAs("covered_by_credit") + " " + r.getAs("priority_value") + " " + r.getAs("action_code"))
                .toList());
        assertEquals(List.of("C1 1400.00 1000.00 600.00 800.00 573.33 payment_plan true",
                "C2 200.00 200.00 250.00 -50.00 0.00 apply_on_account false"), lists.customers()
                .orderBy("customer_id").collectAsList().stream().map(r -> r.getAs("customer_id") + " "
                        + r.getAs("open_amount") + " " + r.getAs("overdue_amount") + " " + r.getAs("on_account_credit")
                        + " " + r.getAs("net_balance") + " " + r.getAs("priority_value") + " " + r.getAs("action_code")
                        + " " + r.getAs("in_today")).toList());
    }

    @Test
    void theContextKnowsOnlyWhatStoodAtTheAsOfDay() {
        SparkSession spark = TestSpark.session();
        new LedgerBuilder().customer("C1", "Enterprise").customer("C2", "Enterprise")
                .invoice("A", "C1", "2025-01-01", "2025-01-31", "100")
                .invoice("B", "C1", "2025-01-01", "2025-01-31", "100")
                .invoice("C", "C2", "2025-01-01", "2025-01-31", "100")
                .payment("A", "C1", "2025-02-10", "50")
                .payment("A", "C1", "2025-04-05", "50")
                .dispute("A", "2025-02-01", "2025-03-15")
                .dispute("B", "2025-03-01", "2025-04-10")
                .dispute("C", "2025-04-02", null)
                .write(spark, dir);
        ReceivablesLedger ledger = ReceivablesLedger.read(spark, dir.resolve("canonical").toString());
        // A's dispute was resolved before the day, B's after it, C's opened after it: only B is open.
        assertEquals(List.of("B 2025-03-01 pricing"), CollectionContext.openDisputes(ledger, AS_OF).collectAsList()
                .stream().map(r -> r.getAs("invoice_id") + " " + r.getAs("dispute_opened") + " "
                        + r.getAs("dispute_reason")).toList());
        // The April payment is not known on 31 March.
        assertEquals("C1 2025-02-10 ann, C2 null ann", CollectionContext.customers(ledger, AS_OF).orderBy("customer_id")
                .collectAsList().stream().map(r -> r.getAs("customer_id") + " " + r.getAs("last_payment_date") + " "
                        + r.getAs("collector")).collect(Collectors.joining(", ")));
    }
}
