package io.arscope.worklist;

import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.activity.ActivityConfig;
import io.arscope.activity.CollectionActivity;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.risk.RiskScoring;
import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;

/**
 * Issue 18: the worklist with collection activity, on a hand-made ledger as of 2025-03-31. Collector ann, capacity
 * 3, cool-off 3 days, grace 3 days, urgency 1, so priority = open x probability (0.5 for all):
 * A 2000 -> 1000.00, C 1500 -> 750.00, D 1200 -> 600.00, F 1000 -> 500.00, G 800 -> 400.00, E 600 -> 300.00,
 * H 500 -> 250.00, B 400 -> 200.00.
 *
 * <ul>
 * <li>A was called yesterday (K1, 2025-03-30, 1 day ago): cooling off, so it is left off today's list although its
 * priority is the highest, and ranks after every customer that can be worked today.</li>
 * <li>B promised (P1, made 2025-03-10) to pay 400 for B1 by 2025-03-20 and paid nothing by 2025-03-23 (grace):
 * broken, so B goes to the top despite the lowest priority, and the default strategy escalates it.</li>
 * <li>E promised (P2) 600 by today: pending, due today, second. Its two contacts on 2025-03-25 tie; the higher id
 * (K4, an email) is the last. It also promised (P6) 100 on its account, naming no invoice, by 2025-03-29: pending
 * within its grace, less urgent than P2, but it covers E1 from the earlier date.</li>
 * <li>D's plan PL1: instalment 1 (300 by 2025-03-15) met by the payment of 2025-03-14; instalment 2 (300 more by
 * 2025-03-25, so 600 by 2025-03-28) missed; instalment 3 (2025-04-15) upcoming. The missed one shows and escalates.
 * </li>
 * <li>F kept P3 (200 by 2025-03-10, paid 2025-03-08) and broke P4 (500 for F0 by 2025-03-05; F0 paid only on
 * 2025-03-20), but F0 is closed: neither shows.</li>
 * <li>G's plan PL2: instalment 1 of 400 due 2025-03-30, unpaid, within its grace: due.</li>
 * <li>H's plan PL3 missed instalment 1 (300 by 2025-03-10, nothing by 2025-03-13) but caught up with 600 on
 * 2025-03-19, meeting instalment 2 (600 by 2025-03-23): nothing shows.</li>
 * </ul>
 * Order: B (broken), E (promise due today), then C, D, F, G, H by priority, then A (cooling off); today: B, E, C.
 */
@Tag("integration")
class WorklistActivityTest {

    private static final LocalDate AS_OF = WorklistTest.AS_OF;
    private static final WorklistConfig CONFIG = WorklistConfig.DEFAULT.withCapacity(3, 1)
            .withHorizonDays(UnpaidAtHorizon.NONE);
    private static Dataset<Row> scores;
    private static Dataset<Row> context;
    private static Dataset<Row> disputes;
    private static Worklist.Result result;

    @TempDir
    static Path dir;

    @BeforeAll
    static void build() {
        SparkSession spark = TestSpark.session();
        LedgerBuilder ledger = new LedgerBuilder();
        for (String c : List.of("A", "B", "C", "D", "E", "F", "G", "H")) {
            ledger.customer(c, "Enterprise");
        }
        ledger.invoice("A1", "A", "2025-02-09", "2025-03-11", "2000")
                .invoice("B1", "B", "2025-02-09", "2025-03-11", "400")
                .invoice("C1", "C", "2025-02-09", "2025-03-11", "1500")
                .invoice("D1", "D", "2025-02-09", "2025-03-11", "1500").payment("D1", "D", "2025-03-14", "300")
                .invoice("E1", "E", "2025-02-19", "2025-03-21", "600")
                .invoice("F1", "F", "2025-01-30", "2025-03-01", "1200").payment("F1", "F", "2025-03-08", "200")
                .invoice("F0", "F", "2025-01-01", "2025-01-31", "500").payment("F0", "F", "2025-03-20", "500")
                .invoice("G1", "G", "2025-02-24", "2025-03-26", "800")
                .invoice("H1", "H", "2025-01-20", "2025-02-19", "1100").payment("H1", "H", "2025-03-19", "600")
                .contact("K0", "A", null, "2025-03-20", "email", null)
                .contact("K1", "A", null, "2025-03-30", "call", "reached")
                .contact("K2", "B", "B1", "2025-03-10", "call", "promised")
                .contact("K3", "E", null, "2025-03-25", "call", "promised")
                .contact("K4", "E", null, "2025-03-25", "email", "left_message")
                .promise("P1", "B", "B1", "2025-03-10", "2025-03-20", "400")
                .promise("P2", "E", "E1", "2025-03-25", "2025-03-31", "600")
                .promise("P6", "E", null, "2025-03-20", "2025-03-29", "100")
                .promise("P3", "F", null, "2025-03-01", "2025-03-10", "200")
                .promise("P4", "F", "F0", "2025-03-01", "2025-03-05", "500")
                .instalment("PL1", 1, "D", "2025-03-01", "2025-03-15", "300")
                .instalment("PL1", 2, "D", "2025-03-01", "2025-03-25", "300")
                .instalment("PL1", 3, "D", "2025-03-01", "2025-04-15", "300")
                .instalment("PL2", 1, "G", "2025-03-20", "2025-03-30", "400")
                .instalment("PL3", 1, "H", "2025-03-01", "2025-03-10", "300")
                .instalment("PL3", 2, "H", "2025-03-01", "2025-03-20", "300")
                .write(spark, dir);
        String canonical = dir.resolve("canonical").toString();
        scores = spark.createDataFrame(List.of(
                WorklistTest.score("A1", "A", 20, "2000.00", 0.5, "medium"),
                WorklistTest.score("B1", "B", 20, "400.00", 0.5, "medium"),
                WorklistTest.score("C1", "C", 20, "1500.00", 0.5, "medium"),
                WorklistTest.score("D1", "D", 20, "1200.00", 0.5, "medium"),
                WorklistTest.score("E1", "E", 10, "600.00", 0.5, "medium"),
                WorklistTest.score("F1", "F", 30, "1000.00", 0.5, "medium"),
                WorklistTest.score("G1", "G", 5, "800.00", 0.5, "medium"),
                WorklistTest.score("H1", "H", 40, "500.00", 0.5, "medium")), RiskScoring.SCHEMA);
        List<Row> customers = new ArrayList<>();
        for (String c : List.of("A", "B", "C", "D", "E", "F", "G", "H")) {
            customers.add(RowFactory.create(c, "Customer " + c, "ann", null, WorklistTest.NO_CREDIT));
        }
        context = spark.createDataFrame(customers, WorklistTest.CUSTOMERS);
        disputes = spark.createDataFrame(List.of(), WorklistTest.DISPUTES);
        Dataset<Row> activity = CustomerActivity.of(CollectionActivity.read(spark, canonical),
                ReceivablesLedger.read(spark, canonical).asOf(AS_OF), scores.select("invoice_id"), AS_OF,
                ActivityConfig.DEFAULT);
        result = Worklist.build(scores, context, disputes, noPaidHistory(), activity, CONFIG);
    }

    private static String said(Row r, String... columns) {
        List<String> values = new ArrayList<>();
        for (String c : columns) {
            values.add(Objects.toString(r.getAs(c)));
        }
        return String.join(" ", values);
    }

    /** Issue 18's acceptance: a broken promise moves a customer to the top; the cool-off keeps A off the list. */
    @Test
    void aBrokenPromiseLeadsTheQueueAndTheCoolOffKeepsAJustContactedCustomerOffTheList() {
        assertEquals(List.of(
                        "1 true false B 200.00 broken_promise",
                        "2 true false E 300.00 firm_reminder",
                        "3 true false C 750.00 call",
                        "4 false false D 600.00 missed_instalment",
                        "5 false false F 500.00 call",
                        "6 false false G 400.00 polite_reminder",
                        "7 false false H 250.00 call",
                        "8 false true A 1000.00 call"),
                result.customers().orderBy("customer_rank").collectAsList().stream().map(r -> said(r,
                        "customer_rank", "in_today", "cooling_off", "customer_id", "priority_value", "action_code"))
                        .toList());
    }

    /** Before issue 18 (and still with no activity): priority alone, and A, C, D are today's list. */
    @Test
    void withoutActivityTheRankingIsAsBefore() {
        Worklist.Result plain = Worklist.build(scores, context, disputes, noPaidHistory(), CONFIG);
        assertEquals(List.of("1 true A", "2 true C", "3 true D", "4 false F", "5 false G", "6 false E", "7 false H",
                "8 false B"), plain.customers().orderBy("customer_rank").collectAsList().stream()
                .map(r -> said(r, "customer_rank", "in_today", "customer_id")).toList());
        assertEquals(List.of("null null null null null null null null null null false"),
                plain.customers().select("last_contact_date", "last_contact_channel", "last_contact_outcome",
                        "days_since_contact", "promise_status", "promise_date", "promise_amount",
                        "plan_instalment_due", "plan_instalment_status", "plan_instalment_amount", "cooling_off")
                        .distinct().collectAsList().stream().map(r -> said(r, r.schema().fieldNames())).toList());
    }

    @Test
    void eachCustomerRowShowsItsLastContactPromiseAndPlanInstalment() {
        assertEquals(List.of(
                        "A 2025-03-30 call reached 1 null null null null null null",
                        "B 2025-03-10 call promised 21 broken 2025-03-20 400.00 null null null",
                        "C null null null null null null null null null null",
                        "D null null null null null null null 2025-03-25 missed 300.00",
                        "E 2025-03-25 email left_message 6 pending 2025-03-31 600.00 null null null",
                        "F null null null null null null null null null null",
                        "G null null null null null null null 2025-03-30 due 400.00",
                        "H null null null null null null null null null null"),
                result.customers().orderBy("customer_id").collectAsList().stream().map(r -> said(r, "customer_id",
                        "last_contact_date", "last_contact_channel", "last_contact_outcome", "days_since_contact",
                        "promise_status", "promise_date", "promise_amount", "plan_instalment_due",
                        "plan_instalment_status", "plan_instalment_amount")).toList());
    }

    @Test
    void theNextActionSaysThePromiseAndThePlanInstalmentToFollowUp() {
        assertEquals(List.of(
                        "A1 Call the customer",
                        "B1 Call about the broken promise to pay; escalate to the account owner; promise to pay "
                                + "USD 400.00 by 2025-03-20 broken",
                        "C1 Call the customer",
                        "D1 Call about the missed plan instalment; escalate to the account owner; plan instalment 2 "
                                + "of USD 300.00 missed (due 2025-03-25)",
                        "E1 Send a firm reminder; promise to pay USD 600.00 due today",
                        "F1 Call the customer",
                        "G1 Send a polite reminder; plan instalment 1 of USD 400.00 due 2025-03-30",
                        "H1 Call the customer"),
                result.invoices().orderBy("invoice_id").collectAsList().stream()
                        .map(r -> r.getAs("invoice_id") + " " + r.getAs("next_action")).toList());
        // The invoice rows carry the customer's columns and its place on today's list.
        assertEquals("B1 1 true 7 2025-03-10 21 broken 2025-03-20 400.00 false", said(result.invoices()
                .filter("invoice_id = 'B1'").first(), "invoice_id", "customer_rank", "in_today", "action_severity",
                "last_contact_date", "days_since_contact", "promise_status", "promise_date", "promise_amount",
                "cooling_off"));
        assertEquals("A1 8 false 2025-03-30 call reached 1 true", said(result.invoices().filter("invoice_id = 'A1'")
                .first(), "invoice_id", "customer_rank", "in_today", "last_contact_date", "last_contact_channel",
                "last_contact_outcome", "days_since_contact", "cooling_off"));
        assertEquals("D1 2025-03-25 missed 300.00", said(result.invoices().filter("invoice_id = 'D1'").first(),
                "invoice_id", "plan_instalment_due", "plan_instalment_status", "plan_instalment_amount"));
    }

    /**
     * An invoice is promised by the earliest pending promise that covers it: E1 by P6 (on E's account, 2025-03-29)
     * before P2 (naming it, 2025-03-31). B1's promise is broken, which covers nothing; F's are kept or closed.
     */
    @Test
    void anInvoiceIsPromisedByTheEarliestPendingPromiseThatNamesItOrNamesNone() {
        assertEquals(List.of("A1 null", "B1 null", "C1 null", "D1 null", "E1 2025-03-29", "F1 null", "G1 null",
                        "H1 null"),
                result.invoices().orderBy("invoice_id").collectAsList().stream()
                        .map(r -> said(r, "invoice_id", "promised_by")).toList());
    }

    /** The collector's page and summary show the activity, and say who is cooling off. */
    @Test
    void thePageAndSummaryShowLastContactPromiseAndPlan() {
        CollectorQueue queue = CollectorQueue.read(result.customers(), result.invoices()).next();
        List<String> rows = queue.customers().stream().map(c -> CollectorPage.customerRow(c, false)).toList();
        assertTrue(rows.get(0).contains("<td>today</td><td>Customer B (B)</td>"), rows.get(0));
        assertTrue(rows.get(0).contains("<td>2025-03-10 call, promised (21 days ago)</td>"
                + "<td>promise broken: 400.00 by 2025-03-20</td>"), rows.get(0));
        assertTrue(rows.get(1).contains("<td>2025-03-25 email, left message (6 days ago)</td>"
                + "<td>promise pending: 600.00 by 2025-03-31</td>"), rows.get(1));
        assertTrue(rows.get(1).contains("<td>Send a firm reminder; promise to pay USD 600.00 due today; promised by "
                + "2025-03-29 (no reminder until then)</td>"), rows.get(1));
        assertTrue(rows.get(3).contains("<td>\u2014</td><td>instalment missed: 300.00 due 2025-03-25</td>"),
                rows.get(3));
        assertTrue(rows.get(7).contains("<td>cooling off</td><td>Customer A (A)</td>"), rows.get(7));
        assertTrue(rows.get(7).contains("<td>2025-03-30 call, reached (1 day ago)</td><td>\u2014</td>"),
                rows.get(7));
        String summary = CollectorSummary.pages(result.customers(), AS_OF, CONFIG).get("ann");
        assertEquals("""
                ## Not reached today

                - Collection: 4 customers with an action due, USD 3,500.00 open (USD 3,500.00 overdue).
                - Disputes: 0 customers.
                - No action due yet (no step of the dunning strategy applies): 0 customers.
                - Cooling off (contacted fewer than 3 days ago): 1 customer, USD 2,000.00 open.
                """, summary.substring(summary.indexOf("## Not reached today")));
    }

    /** With no cool-off, A, just called, is first again by its priority, behind the two promises. */
    @Test
    void aCoolOffOfZeroDaysPutsAJustContactedCustomerBack() {
        SparkSession spark = TestSpark.session();
        String canonical = dir.resolve("canonical").toString();
        Dataset<Row> activity = CustomerActivity.of(CollectionActivity.read(spark, canonical),
                ReceivablesLedger.read(spark, canonical).asOf(AS_OF), scores.select("invoice_id"), AS_OF,
                ActivityConfig.DEFAULT);
        assertEquals(List.of("1 true B", "2 true E", "3 true A", "4 false C"), Worklist.build(scores, context,
                        disputes, noPaidHistory(), activity, CONFIG.withCoolOffDays(0)).customers().orderBy("customer_rank").limit(4)
                .collectAsList().stream().map(r -> said(r, "customer_rank", "in_today", "customer_id")).toList());
    }

    /**
     * Cool-off 7 days, last contact on 2025-03-25. A promise due on 2025-03-26 and broken has not been followed up
     * since: it overrides the cool-off. One due on 2025-03-25 (the contact's day) or before has been.
     */
    @Test
    void aCommitmentFailedSinceTheLastContactOverridesTheCoolOff() {
        LocalDate contact = d("2025-03-25");
        assertTrue(Worklist.coolingOff(6, contact, null, null, null, null, 7));
        assertFalse(Worklist.coolingOff(7, contact, null, null, null, null, 7));
        assertFalse(Worklist.coolingOff(null, null, null, null, null, null, 7));
        assertFalse(Worklist.coolingOff(6, contact, "broken", d("2025-03-26"), null, null, 7));
        assertFalse(Worklist.coolingOff(6, contact, "partly_kept", d("2025-03-26"), null, null, 7));
        assertTrue(Worklist.coolingOff(6, contact, "broken", d("2025-03-25"), null, null, 7));
        assertTrue(Worklist.coolingOff(6, contact, "pending", d("2025-03-31"), null, null, 7));
        assertFalse(Worklist.coolingOff(6, contact, null, null, "missed", d("2025-03-26"), 7));
        assertTrue(Worklist.coolingOff(6, contact, null, null, "missed", d("2025-03-24"), 7));
        assertTrue(Worklist.coolingOff(6, contact, null, null, "due", d("2025-03-31"), 7));
        // Contacted today, with no cool-off.
        assertFalse(Worklist.coolingOff(0, d("2025-03-31"), null, null, null, null, 0));
    }

    /** No invoice paid before: the days still to pay rest on no history, which these tests do not look at. */
    private static Dataset<Row> noPaidHistory() {
        return TestSpark.session().createDataFrame(List.<Row>of(), ExpectedDaysToPay.SETTLED_INVOICES);
    }
}
