package io.arscope.risk;

import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** {@link PaymentBehaviour}'s features worked out by hand on one customer's small ledger (no Spark). */
class PaymentBehaviourTest {

    private static final LocalDate T = d("2024-06-10");

    /** An invoice with events as (date, amount, kind) triples and disputes as (opened, resolved or null) pairs. */
    private static RiskFeatures.Invoice invoice(String id, String issued, String due, String amount, Object[][] events,
            String[][] disputes) {
        List<LocalDate> dates = new ArrayList<>();
        List<BigDecimal> amounts = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        List<LocalDate> payments = new ArrayList<>();
        BigDecimal reduced = BigDecimal.ZERO;
        LocalDate settled = null;
        for (Object[] e : events) {
            dates.add(d((String) e[0]));
            amounts.add(new BigDecimal((String) e[1]));
            kinds.add((String) e[2]);
            if (e[2].equals("payment")) {
                payments.add(d((String) e[0]));
            }
            reduced = reduced.add(new BigDecimal((String) e[1]));
            if (settled == null && reduced.compareTo(new BigDecimal(amount)) >= 0) {
                settled = d((String) e[0]);
            }
        }
        List<LocalDate[]> ds = new ArrayList<>();
        for (String[] p : disputes) {
            ds.add(new LocalDate[] {d(p[0]), p[1] == null ? null : d(p[1])});
        }
        return new RiskFeatures.Invoice(id, d(issued), d(due), new BigDecimal(amount), dates, amounts, kinds, payments,
                ds, settled, null);
    }

    private static final String[][] NONE = {};

    @Test
    void slopePartialPaymentsDisputeOutcomesAndOpenInvoicesFromWhatWasDatedBeforeTheDay() {
        RiskFeatures.Invoice target = invoice("T", "2024-06-10", "2024-07-31", "900", new Object[][] {}, NONE);
        List<RiskFeatures.Invoice> invoices = List.of(
                // Paid 5 days before its due date in one payment: 0 days late, -5 against its due date.
                invoice("A", "2024-01-01", "2024-01-31", "100", new Object[][] {{"2024-01-26", "100", "payment"}},
                        NONE),
                // Paid in parts (50 left 150 open), settled 5 days late.
                invoice("B", "2024-02-01", "2024-03-02", "200", new Object[][] {{"2024-02-20", "50", "payment"},
                    {"2024-03-07", "150", "payment"}}, NONE),
                // Disputed 30 days, ended with a credit memo; the payment then cleared it: 14 days late.
                invoice("C", "2024-03-01", "2024-03-31", "300", new Object[][] {{"2024-04-09", "60", "credit_memo"},
                    {"2024-04-14", "240", "payment"}}, new String[][] {{"2024-03-10", "2024-04-09"}}),
                // Disputed 10 days, no credit: 20 days late.
                invoice("D", "2024-04-01", "2024-05-01", "400", new Object[][] {{"2024-05-21", "400", "payment"}},
                        new String[][] {{"2024-04-05", "2024-04-15"}}),
                // Open on T (its last payment falls on T itself, not before): 40 days old, 10 days past due, and
                // paid in part before T.
                invoice("E", "2024-05-01", "2024-05-31", "500", new Object[][] {{"2024-06-01", "100", "payment"},
                    {"2024-06-10", "400", "payment"}}, NONE),
                // Open, 9 days old, not yet due; its dispute is unresolved and does not count.
                invoice("F", "2024-06-01", "2024-07-01", "600", new Object[][] {},
                        new String[][] {{"2024-06-05", null}}),
                target,
                // Issued after T: unknown on T.
                invoice("G", "2024-06-12", "2024-07-12", "700", new Object[][] {{"2024-06-13", "700", "payment"}},
                        NONE));
        Map<String, Double> f = new TreeMap<>();
        PaymentBehaviour.add(f, target, invoices, T, 0);

        Map<String, Double> expected = new TreeMap<>();
        // Days late 0, 5, 14, 20 in settlement order against 0..3: sxy 34.5 / sxx 5.
        expected.put("hist_days_late_slope", 6.9);
        // Signed: (-5 + 5 + 14 + 20) / 4, the last 5 being all 4.
        expected.put("hist_settled_vs_due_days", 8.5);
        expected.put("hist_recent_settled_vs_due_days", 8.5);
        // Outcomes known by T, days since: A on time 135 (known January 27th), B late 99 (known March 3rd), C late 70,
        // D late 39, E late 9 (its due date passed May 31st; its payment on T does not count); F is not yet due.
        double[] age = {135, 99, 70, 39, 9};
        double all = 0;
        for (double a : age) {
            all += Math.pow(0.5, a / 180);
        }
        expected.put("hist_late_share_decayed", (all - Math.pow(0.5, 135.0 / 180)) / all);
        // A, B, C, D and E had payments before T; B and E were paid in parts.
        expected.put("hist_partial_payment_share", 0.4);
        // C's and D's disputes ended before T, C's with a credit: 1 of 2, (30 + 10) / 2 days.
        expected.put("hist_disputes_credited_share", 0.5);
        expected.put("hist_dispute_days", 20.0);
        expected.put("hist_open_invoices", 2.0);
        expected.put("hist_open_age_days", 24.5);
        expected.put("hist_open_oldest_days_past_due", 10.0);
        // Due on July 31st, the month's last day.
        expected.put("due_month_position", 1.0);
        assertEquals(expected.keySet(), f.keySet());
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            assertEquals(e.getValue(), f.get(e.getKey()), 1e-12, e.getKey());
        }
    }

    /**
     * R, 1,000 due 31 January 2025, paid on 10 February and the payment reversed on 5 March: on 1 March it was
     * settled 10 days late; on 10 March it is open again, 68 days old and 38 past due, and the customer's open
     * balance holds it (the customer model's reason "has ... open on its invoices" left it out). Either way it was
     * paid once, in full, and late (known from 1 February, its first day late with no grace).
     */
    @Test
    void anInvoiceReopenedBeforeTheDayIsOpenOnIt() {
        RiskFeatures.Invoice target = invoice("T", "2025-03-10", "2025-04-09", "900", new Object[][] {}, NONE);
        List<RiskFeatures.Invoice> invoices = List.of(invoice("R", "2025-01-01", "2025-01-31", "1000",
                new Object[][] {{"2025-02-10", "1000", "payment"}, {"2025-03-05", "-1000", "payment"}}, NONE), target);
        Map<String, Double> before = new TreeMap<>();
        PaymentBehaviour.add(before, target, invoices, d("2025-03-01"), 0);
        assertEquals(Map.of("due_month_position", 8.0 / 29, "hist_late_share_decayed", 1.0,
                "hist_partial_payment_share", 0.0, "hist_settled_vs_due_days", 10.0,
                "hist_recent_settled_vs_due_days", 10.0, "hist_open_invoices", 0.0), before);
        Map<String, Double> after = new TreeMap<>();
        PaymentBehaviour.add(after, target, invoices, d("2025-03-10"), 0);
        assertEquals(Map.of("due_month_position", 8.0 / 29, "hist_late_share_decayed", 1.0,
                "hist_partial_payment_share", 0.0, "hist_open_invoices", 1.0, "hist_open_age_days", 68.0,
                "hist_open_oldest_days_past_due", 38.0), after);
        assertEquals(0.0, RiskFeatures.addHistory(new TreeMap<>(), null, invoices.subList(0, 1), List.of(),
                d("2025-03-01"), 0).openBalance());
        assertEquals(1000.0, RiskFeatures.addHistory(new TreeMap<>(), null, invoices.subList(0, 1), List.of(),
                d("2025-03-10"), 0).openBalance());
        // Returned and paid again on 5 March (the reversal first, as the events are ordered): at the end of that
        // day it is paid, so 10 February's settlement stands; paid again only on 7 March, it settled that day.
        assertEquals(d("2025-02-10"), invoice("S", "2025-01-01", "2025-01-31", "1000", new Object[][] {
            {"2025-02-10", "1000", "payment"}, {"2025-03-05", "-1000", "payment"}, {"2025-03-05", "1000", "payment"}},
                NONE).settledBefore(d("2025-03-10")));
        assertEquals(d("2025-03-07"), invoice("S", "2025-01-01", "2025-01-31", "1000", new Object[][] {
            {"2025-02-10", "1000", "payment"}, {"2025-03-05", "-1000", "payment"}, {"2025-03-07", "1000", "payment"}},
                NONE).settledBefore(d("2025-03-10")));
    }

    @Test
    void withLittleHistoryTheHistoryFeaturesAreAbsentNotZero() {
        RiskFeatures.Invoice target = invoice("T", "2024-06-10", "2024-02-15", "900", new Object[][] {}, NONE);
        List<RiskFeatures.Invoice> invoices = List.of(
                invoice("A", "2024-01-01", "2024-01-31", "100", new Object[][] {{"2024-02-05", "100", "payment"}},
                        NONE),
                invoice("B", "2024-02-01", "2024-03-02", "200", new Object[][] {{"2024-03-02", "200", "payment"}},
                        NONE),
                target);
        Map<String, Double> f = new TreeMap<>();
        PaymentBehaviour.add(f, target, invoices, T, 0);
        // Two settled invoices are too few for a slope, none open, none disputed; the 15th of a 29-day February is
        // 14 / 28 of the way through it.
        // A settled 5 days after its due date, B on it. A late, known 130 days before T, B on time, 99 days.
        double a = Math.pow(0.5, 130.0 / 180);
        double b = Math.pow(0.5, 99.0 / 180);
        assertEquals(a / (a + b), f.remove("hist_late_share_decayed"), 1e-12);
        assertEquals(Map.of("hist_partial_payment_share", 0.0, "hist_open_invoices", 0.0, "due_month_position", 0.5,
                "hist_settled_vs_due_days", 2.5, "hist_recent_settled_vs_due_days", 2.5), f);
    }

    @Test
    void anInvoicesEventsOfOneDayAreOrderedTheSameWhateverOrderSparkCollectedThemIn() {
        StructType schema = DataTypes.createStructType(List.of(
                DataTypes.createStructField("date", DataTypes.DateType, false),
                DataTypes.createStructField("amount", DataTypes.createDecimalType(18, 2), false),
                DataTypes.createStructField("kind", DataTypes.StringType, false)));
        List<Row> events = new ArrayList<>();
        for (Object[] e : List.of(new Object[] {d("2026-03-05"), new BigDecimal("300.00"), "payment"},
                new Object[] {d("2026-03-05"), new BigDecimal("200.00"), "write_off"},
                new Object[] {d("2026-03-05"), new BigDecimal("100.00"), "payment"},
                new Object[] {d("2026-03-05"), new BigDecimal("400.00"), "credit_memo"},
                new Object[] {d("2026-03-01"), new BigDecimal("50.00"), "payment"})) {
            events.add(new GenericRowWithSchema(e, schema));
        }
        List<String> expected = List.of("2026-03-01 payment 50.00", "2026-03-05 payment 100.00",
                "2026-03-05 payment 300.00", "2026-03-05 credit_memo 400.00", "2026-03-05 write_off 200.00");
        for (int turn = 0; turn < events.size(); turn++) {
            List<Row> order = new ArrayList<>(events);
            Collections.rotate(order, turn);
            Collections.reverse(order.subList(0, turn));
            order.sort(RiskFeatures.EVENT_ORDER);
            assertEquals(expected, order.stream().map(r -> r.getAs("date") + " " + r.getAs("kind") + " "
                    + r.getAs("amount")).toList());
        }
    }
}
