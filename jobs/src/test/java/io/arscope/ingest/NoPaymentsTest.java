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
 * The warning of a ledger with invoices long due and no payment, on hand-made tables as of 2026-10-31: ten invoices
 * due on or before 2026-10-01, thirty days earlier, and none paid is warned of; nine, a tenth due a day later, one
 * payment, or a mapping without payments is not.
 */
class NoPaymentsTest {

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
        return TestSpark.session().createDataFrame(rows, DataTypes.createStructType(List.of(
                DataTypes.createStructField("payment_date", DataTypes.DateType, true))));
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
                NoPayments.warning(SOURCES, payments(0), invoices(due("2026-10-01", 10)), AS_OF));
    }

    @Test
    void aYoungLedgerAPaymentOrAMappingWithoutPaymentsIsNot() {
        String[] nineAndOneLater = due("2026-10-01", 10);
        nineAndOneLater[9] = "2026-10-02";
        assertEquals(Optional.empty(), NoPayments.warning(SOURCES, payments(0), invoices(nineAndOneLater), AS_OF));
        assertEquals(Optional.empty(), NoPayments.warning(SOURCES, payments(1), invoices(due("2026-10-01", 10)),
                AS_OF));
        assertEquals(Optional.empty(), NoPayments.warning(List.of(), payments(0), invoices(due("2026-10-01", 10)),
                AS_OF));
        // Without an as-of date the latest invoice date stands for it: issued 2026-10-31 here, due 2026-11-30.
        String[] withALatest = due("2026-10-01", 11);
        withALatest[10] = "2026-11-30";
        assertEquals(Optional.of("no payment at all from payments.csv, while 10 invoices fell due 30 days or more "
                + "before 2026-10-31: if the payments export failed or was filtered to nothing, every invoice reads "
                + "unpaid and AR, DSO and the worklist are overstated; check the payments export before reading them"),
                NoPayments.warning(SOURCES, payments(0), invoices(withALatest), null));
    }
}
