package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

import io.arscope.testing.TestSpark;

/**
 * The warning of payments missing, on hand-made tables as of 2026-10-31. No payment at all: ten invoices due on or
 * before 2026-10-01, thirty days earlier, and none paid is warned of; nine, a tenth due a day later, one payment, or a
 * mapping without payments is not. Payments that stop: a ledger paid every three days whose payments end 49 days
 * before the as-of date while its invoices go on is warned of; a shorter silence, one no longer than its own longest
 * gap, or invoices that stop with the payments is not.
 */
class MissingPaymentsTest {

    private static final LocalDate AS_OF = LocalDate.parse("2026-10-31");
    private static final List<String> SOURCES = List.of("payments.csv");

    /** Invoices issued a month before each due date. */
    private static Dataset<Row> invoices(String... dueDates) {
        List<Row> rows = new ArrayList<>();
        for (String d : dueDates) {
            LocalDate due = LocalDate.parse(d);
            rows.add(RowFactory.create(due.minusDays(30), due));
        }
        return TestSpark.session().createDataFrame(rows, DataTypes.createStructType(List.of(
                DataTypes.createStructField("invoice_date", DataTypes.DateType, true),
                DataTypes.createStructField("due_date", DataTypes.DateType, true))));
    }

    private static Dataset<Row> payments(int n) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add(RowFactory.create(AS_OF));
        }
        return paymentsOn(rows);
    }

    /** Payments on {@code days} days, every {@code every} days, the last on {@code last}. */
    private static Dataset<Row> paymentsUntil(String last, int days, int every) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            rows.add(RowFactory.create(LocalDate.parse(last).minusDays((long) every * i)));
        }
        return paymentsOn(rows);
    }

    /** Payments on the days of {@code rows}, each applied to an invoice. */
    private static Dataset<Row> paymentsOn(List<Row> rows) {
        return paymentsOn(rows, "I1");
    }

    /** Payments on the days of {@code rows}, each applied to {@code invoice}, or on account when it is null. */
    private static Dataset<Row> paymentsOn(List<Row> rows, String invoice) {
        return TestSpark.session().createDataFrame(rows.stream().map(r -> RowFactory.create(r.get(0), invoice))
                .toList(), DataTypes.createStructType(List.of(
                DataTypes.createStructField("payment_date", DataTypes.DateType, true),
                DataTypes.createStructField("invoice_id", DataTypes.StringType, true))));
    }

    private static String[] due(String date, int n) {
        String[] dates = new String[n];
        java.util.Arrays.fill(dates, date);
        return dates;
    }

    @Test
    void tenInvoicesAMonthPastDueAndNoPaymentAreWarnedOf() {
        assertEquals(Optional.of("no payment at all from payments.csv, while 10 invoices fell due 30 days or more "
                + "before 2026-10-31: if the payments export failed or was filtered to nothing, every invoice reads "
                + "unpaid and AR, DSO and the worklist are overstated; check the payments export before reading them"),
                MissingPayments.warning(SOURCES, payments(0), invoices(due("2026-10-01", 10)), AS_OF));
    }

    /**
     * An Odoo export mapped from the docs alone left every payment on account (its payments name an invoice only
     * through a matching number): ending AR read 3,002,380.30 against 465,623.76, every invoice unpaid, with exit 0.
     */
    @Test
    void paymentsThatNameNoInvoiceWhileTenInvoicesAreAMonthPastDueAreWarnedOf() {
        List<Row> three = List.of(RowFactory.create(AS_OF), RowFactory.create(AS_OF), RowFactory.create(AS_OF));
        assertEquals(Optional.of("none of the 3 payments from payments.csv names an invoice, while 10 invoices fell "
                + "due 30 days or more before 2026-10-31: every payment is on account, so every invoice reads unpaid; "
                + "gross AR, its aging, DSO, CEI, the risk model and the worklist read as if nothing was ever paid, "
                + "and only net AR (less the on-account items) is right; map the invoice each payment pays "
                + "(notebooks-docs/mappings.md) before reading them"),
                MissingPayments.warning(SOURCES, paymentsOn(three, null), invoices(due("2026-10-01", 10)), AS_OF));
        // Nine a month past due: a young ledger, not warned of; one payment naming an invoice: not all on account.
        assertEquals(Optional.empty(), MissingPayments.warning(SOURCES, paymentsOn(three, null),
                invoices(due("2026-10-01", 9)), AS_OF));
        assertEquals(Optional.empty(), MissingPayments.warning(SOURCES, paymentsOn(three, null)
                .union(payments(1)), invoices(due("2026-10-01", 10)), AS_OF));
    }

    @Test
    void aYoungLedgerAPaymentOrAMappingWithoutPaymentsIsNot() {
        String[] nineAndOneLater = due("2026-10-01", 10);
        nineAndOneLater[9] = "2026-10-02";
        assertEquals(Optional.empty(), MissingPayments.warning(SOURCES, payments(0), invoices(nineAndOneLater), AS_OF));
        assertEquals(Optional.empty(), MissingPayments.warning(SOURCES, payments(1), invoices(due("2026-10-01", 10)),
                AS_OF));
        assertEquals(Optional.empty(), MissingPayments.warning(List.of(), payments(0), invoices(due("2026-10-01", 10)),
                AS_OF));
        // Without an as-of date the latest invoice date stands for it: issued 2026-10-31 here, due 2026-11-30.
        String[] withALatest = due("2026-10-01", 11);
        withALatest[10] = "2026-11-30";
        assertEquals(Optional.of("no payment at all from payments.csv, while 10 invoices fell due 30 days or more "
                + "before 2026-10-31: if the payments export failed or was filtered to nothing, every invoice reads "
                + "unpaid and AR, DSO and the worklist are overstated; check the payments export before reading them"),
                MissingPayments.warning(SOURCES, payments(0), invoices(withALatest), null));
    }

    @Test
    void paymentsThatStopWhileInvoicesGoOnAreWarnedOf() {
        // Invoices issued every day of October, to 2026-10-30.
        String[] october = new String[30];
        for (int d = 1; d <= 30; d++) {
            october[d - 1] = LocalDate.of(2026, 10, d).plusDays(30).toString();
        }
        assertEquals(Optional.of("payments from payments.csv stop on 2026-09-12, 49 days before 2026-10-31, while "
                + "invoices run to 2026-10-30, and in the 182 days before it payments never went more than 3 days "
                + "without one: if the payments export stopped early, invoices paid since read unpaid and AR, DSO and "
                + "the worklist are overstated; check the payments export before reading them"),
                MissingPayments.warning(SOURCES, paymentsUntil("2026-09-12", 20, 3), invoices(october), AS_OF));
        // Seven days of silence is a week, not a stopped export.
        assertEquals(Optional.empty(), MissingPayments.warning(SOURCES, paymentsUntil("2026-10-24", 20, 3),
                invoices(october), AS_OF));
        // Paid every 18 days: 16 days without one is its habit.
        assertEquals(Optional.empty(), MissingPayments.warning(SOURCES, paymentsUntil("2026-10-15", 10, 18),
                invoices(october), AS_OF));
        // Fewer than 10 payment days in the 182 days before the last: no habit to judge by.
        assertEquals(Optional.empty(), MissingPayments.warning(SOURCES, paymentsUntil("2026-09-12", 9, 3),
                invoices(october), AS_OF));
        // Invoices that stop with the payments are a stale export, which the freshness check is for.
        assertEquals(Optional.empty(), MissingPayments.warning(SOURCES, paymentsUntil("2026-09-12", 20, 3),
                invoices("2026-10-12"), AS_OF));
    }
}
