package io.arscope.audit;

import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.arscope.model.CanonicalTable;
import io.arscope.testing.TestSpark;
import io.arscope.worklist.ActionsLogTables;
import io.arscope.worklist.WorklistTables;

/**
 * Recommended against done, worked by hand. Audited as of 2026-04-20, a contact acting on a recommendation within 7
 * days from its day (that day included) and cash following it from the next day to 30 days later.
 *
 * <p>The log: r0 and r1 both for 2026-03-02, r1 logged later (r0's one row is superseded); r2 for 03-20; r3 for
 * 04-10; r4 for 05-05, after the audit's day (its one row not yet audited). C3 in r1 is off the list (in_today
 * false): not a recommendation. The counted recommendations and what followed:
 * <pre>
 * run as_of collector customer cur  contacts in window             cash in window (next day .. +30, up to 04-20)
 * r1  03-02 ana       C1       EUR  K1 03-02 call, K2 03-05 -> 2   P2 03-15 300 + P3 04-01 200 = 500 (P1 on 03-02 not)
 * r1  03-02 ana       C2       EUR  K3 03-10 is day 8: none        none (P7 04-15 is after 04-01)
 * r1  03-02 ben       C4       EUR  K4 03-09 letter: 1             P6 03-21 400
 * r1  03-02 ben       C4       USD  K4 (contacts have no currency) P5 03-20 1000 USD
 * r2  03-20 ana       C1       EUR  K5 03-27 (day 7), by cy: 1     P3 200 + P4 04-02 50 = 250
 * r2  03-20 ben       C5       EUR  K6 03-19 is the day before: 0  P9 03-25 120
 * r3  04-10 ana       C2       EUR  K7 04-17 portal: 1             P7 04-15 700 (P8 04-25 is after the audit's day)
 * </pre>
 * Promises: PR1 (C1, made 03-05) follows r1's C1 but not r2's (made before 03-20); PR2 (C5, made 03-27, day 7)
 * follows r2's C5. r1 and r2's windows ended by 04-20 (04-01, 04-19); r3's ends 05-10, so it is open. March, EUR: 5 recommendations,
 * 3 acted on (0.6), 500 + 400 + 250 + 120 = 1270 cash; ana 3, 2 (0.6667), 750; ben 2, 1 (0.5), 520. March, USD:
 * ben 1, 1, 1000. April, EUR: ana 1, 1, 700, one open.
 */
class ActionsSummaryTest {

    private static final LocalDate DAY = d("2026-04-20");
    private static final StructType PAYMENTS = DataTypes.createStructType(List.of(
            DataTypes.createStructField("payment_id", DataTypes.StringType, false),
            DataTypes.createStructField("customer_id", DataTypes.StringType, true),
            DataTypes.createStructField("payment_date", DataTypes.DateType, false),
            DataTypes.createStructField("amount", DataTypes.createDecimalType(18, 2), false),
            DataTypes.createStructField("currency", DataTypes.StringType, true)));

    private static CountedRuns runs;
    private static Dataset<Row> followed;

    static Row action(String run, String loggedAt, String asOf, String collector, String customer, String currency,
            boolean today) {
        return ActionsLogTables.ACTIONS.row().set(ActionsLogTables.RUN_ID, run)
                .set(ActionsLogTables.LOGGED_AT, Instant.parse(loggedAt)).set(WorklistTables.AS_OF, d(asOf))
                .set(ActionsLogTables.MODEL_VERSION, "baseline").set(WorklistTables.COLLECTOR, collector)
                .set(WorklistTables.QUEUE, "collect").set(WorklistTables.CUSTOMER_ID, customer)
                .set(WorklistTables.CUSTOMER_NAME, customer + " Ltd").set(WorklistTables.CURRENCY, currency)
                .set(WorklistTables.OPEN_AMOUNT, new BigDecimal("1000.00"))
                .set(WorklistTables.OVERDUE_AMOUNT, new BigDecimal("800.00"))
                .set(WorklistTables.PRIORITY_VALUE, new BigDecimal("400.00")).set(WorklistTables.CUSTOMER_RANK, 1)
                .set(WorklistTables.IN_TODAY, today).set(WorklistTables.ACTION_CODE, "call")
                .set(WorklistTables.NEXT_ACTION, "Call").set(WorklistTables.REASON_1, null)
                .set(WorklistTables.REASON_2, null).set(WorklistTables.REASON_3, null).build();
    }

    static Dataset<Row> log() {
        String r0 = "2026-03-02T06:00:00Z";
        String r1 = "2026-03-02T07:00:00Z";
        return ActionsLogTables.ACTIONS.frame(TestSpark.session(), List.of(
                action("r0", r0, "2026-03-02", "ana", "C9", "EUR", true),
                action("r1", r1, "2026-03-02", "ana", "C1", "EUR", true),
                action("r1", r1, "2026-03-02", "ana", "C2", "EUR", true),
                action("r1", r1, "2026-03-02", "ana", "C3", "EUR", false),
                action("r1", r1, "2026-03-02", "ben", "C4", "EUR", true),
                action("r1", r1, "2026-03-02", "ben", "C4", "USD", true),
                action("r2", "2026-03-20T07:00:00Z", "2026-03-20", "ana", "C1", "EUR", true),
                action("r2", "2026-03-20T07:00:00Z", "2026-03-20", "ben", "C5", "EUR", true),
                action("r3", "2026-04-10T07:00:00Z", "2026-04-10", "ana", "C2", "EUR", true),
                action("r4", "2026-05-05T07:00:00Z", "2026-05-05", "ana", "C1", "EUR", true)));
    }

    static Dataset<Row> contacts() {
        return TestSpark.session().createDataFrame(List.of(
                RowFactory.create("K1", "C1", null, d("2026-03-02"), "call", "reached", "ana"),
                RowFactory.create("K2", "C1", "I1", d("2026-03-05"), "email", "no_answer", "ana"),
                RowFactory.create("K3", "C2", null, d("2026-03-10"), "call", "promised", "ana"),
                RowFactory.create("K4", "C4", null, d("2026-03-09"), "letter", null, "ben"),
                RowFactory.create("K5", "C1", null, d("2026-03-27"), "visit", "reached", "cy"),
                RowFactory.create("K6", "C5", null, d("2026-03-19"), "call", "reached", "ben"),
                RowFactory.create("K7", "C2", null, d("2026-04-17"), "portal", "reached", "ana")),
                CanonicalTable.CONTACTS.schema());
    }

    /** PR1: C1 promised on 03-05 (after r1's day, before r2's); PR2: C5 on 03-27, day 7 after r2's. */
    static Dataset<Row> promises() {
        return TestSpark.session().createDataFrame(List.of(
                RowFactory.create("PR1", "C1", null, d("2026-03-05"), d("2026-03-20"), new BigDecimal("300.00"), null,
                        "ana"),
                RowFactory.create("PR2", "C5", null, d("2026-03-27"), d("2026-04-03"), new BigDecimal("120.00"), "EUR",
                        "ben")), CanonicalTable.PROMISES.schema());
    }

    static Dataset<Row> payments() {
        return TestSpark.session().createDataFrame(List.of(
                payment("P1", "C1", "2026-03-02", "500.00", "EUR"),
                payment("P2", "C1", "2026-03-15", "300.00", "EUR"),
                payment("P3", "C1", "2026-04-01", "200.00", "EUR"),
                payment("P4", "C1", "2026-04-02", "50.00", "EUR"),
                payment("P5", "C4", "2026-03-20", "1000.00", "USD"),
                payment("P6", "C4", "2026-03-21", "400.00", "EUR"),
                payment("P7", "C2", "2026-04-15", "700.00", "EUR"),
                payment("P8", "C2", "2026-04-25", "90.00", "EUR"),
                payment("P9", "C5", "2026-03-25", "120.00", "EUR")), PAYMENTS);
    }

    private static Row payment(String id, String customer, String date, String amount, String currency) {
        return RowFactory.create(id, customer, d(date), new BigDecimal(amount), currency);
    }

    @BeforeAll
    static void audit() {
        runs = CountedRuns.of(log(), DAY);
        followed = FollowUp.of(runs.counted(), contacts(), promises(), payments(), DAY, FollowUpWindows.DEFAULT)
                .cache();
    }

    @Test
    void eachDayCountsItsLastLoggedRunAndDaysAfterTheAuditWait() {
        assertEquals(List.of("r1 C1", "r1 C2", "r1 C3", "r1 C4", "r1 C4", "r2 C1", "r2 C5", "r3 C2"),
                ids(runs.counted()));
        assertEquals(List.of("r0 C9"), ids(runs.superseded()));
        assertEquals(List.of("r4 C1"), ids(runs.later()));
    }

    @Test
    void eachRecommendationWithWhatFollowedIt() {
        assertEquals(List.of(
                "r1 2026-03-02 ana C1 EUR true 2 2026-03-02 call reached ana true 500.00 2026-04-01 true",
                "r1 2026-03-02 ana C2 EUR false 0 null null null null false 0.00 2026-04-01 true",
                "r1 2026-03-02 ben C4 EUR true 1 2026-03-09 letter null ben false 400.00 2026-04-01 true",
                "r1 2026-03-02 ben C4 USD true 1 2026-03-09 letter null ben false 1000.00 2026-04-01 true",
                "r2 2026-03-20 ana C1 EUR true 1 2026-03-27 visit reached cy false 250.00 2026-04-19 true",
                "r2 2026-03-20 ben C5 EUR false 0 null null null null true 120.00 2026-04-19 true",
                "r3 2026-04-10 ana C2 EUR true 1 2026-04-17 portal reached ana false 700.00 2026-05-10 false"),
                followed.orderBy("run_id", "collector", "customer_id", "currency")
                        .selectExpr("run_id", "as_of", "collector", "customer_id", "currency", "acted_on", "contacts",
                                "first_contact_date", "first_contact_channel", "first_contact_outcome",
                                "first_contact_collector", "promise_followed", "cash_followed", "follow_up_ends",
                                "follow_up_over")
                        .collectAsList().stream().map(r -> r.mkString(" ")).toList());
    }

    @Test
    void monthlyRecommendedAgainstDone() {
        assertEquals(List.of(
                "2026-03-01 null EUR 5 3 0.6 2 1270.00 0",
                "2026-03-01 ana EUR 3 2 0.6667 1 750.00 0",
                "2026-03-01 ben EUR 2 1 0.5 1 520.00 0",
                "2026-03-01 null USD 1 1 1.0 0 1000.00 0",
                "2026-03-01 ben USD 1 1 1.0 0 1000.00 0",
                "2026-04-01 null EUR 1 1 1.0 0 700.00 1",
                "2026-04-01 ana EUR 1 1 1.0 0 700.00 1"),
                ActionsSummary.of(followed).collectAsList().stream().map(r -> r.mkString(" ")).toList());
    }

    @Test
    void windowsAreSettings() {
        // Acting within 8 days takes K3 (03-10) for r1's C2; cash within 31 days takes P4 (04-02) for r1's C1.
        Dataset<Row> wider = FollowUp.of(runs.counted(), contacts(), promises(), payments(), DAY,
                new FollowUpWindows(8, 31));
        assertEquals(List.of("C1 true 550.00", "C2 true 0.00"), wider.filter("run_id = 'r1' and collector = 'ana'")
                .orderBy("customer_id").selectExpr("customer_id", "acted_on", "cash_followed").collectAsList()
                .stream().map(r -> r.mkString(" ")).toList());
    }

    private static List<String> ids(Dataset<Row> rows) {
        return rows.orderBy("run_id", "customer_id").selectExpr("run_id", "customer_id").collectAsList().stream()
                .map(r -> r.mkString(" ")).toList();
    }
}
