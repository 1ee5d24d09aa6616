package io.arscope.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

import io.arscope.testing.TestSpark;

/** The latest month's invoices stopping early, told from the months before it, and no warning for a habit. */
class InvoicingCutOffTest {

    private static final StructType INVOICES = DataTypes.createStructType(List.of(
            DataTypes.createStructField("invoice_date", DataTypes.DateType, false)));

    private static Dataset<Row> invoices(String... dates) {
        List<Row> rows = new ArrayList<>();
        for (String d : dates) {
            rows.add(RowFactory.create(LocalDate.parse(d)));
        }
        return TestSpark.session().createDataFrame(rows, INVOICES);
    }

    @Test
    void aMonthWhoseInvoicesStopEarlierThanEveryMonthBeforeIsWarnedOf() {
        // September to November each run to day 27 or later (2 invoices each: 6 over 3 months, 2 a month);
        // December's only invoice is on the 2nd, 25 days earlier than the earliest month's last (27 > 2 + 7).
        Dataset<Row> rows = invoices("2013-09-05", "2013-09-29", "2013-10-03", "2013-10-27", "2013-11-10",
                "2013-11-30", "2013-12-02");
        assertEquals(Optional.of("invoices in 2013-12 stop on 2013-12-02, while in each of the 3 months before they "
                + "ran to day 27 or later (2013-12 has 1 invoice, against 2 a month on average before): if the export "
                + "was cut early, 2013-12's credit sales are short and its DSO and CEI are not comparable"),
                InvoicingCutOff.of(rows, LocalDate.parse("2013-12-31")));
        // Day 20 is within the slack of 7 days of day 27: no warning.
        assertEquals(Optional.empty(), InvoicingCutOff.of(invoices("2013-09-29", "2013-10-27", "2013-11-30",
                "2013-12-20"), LocalDate.parse("2013-12-31")));
    }

    @Test
    void aBusinessThatBillsOnTheFirstIsNotWarnedNorAShortHistory() {
        assertEquals(Optional.empty(), InvoicingCutOff.of(invoices("2013-07-01", "2013-08-01", "2013-09-02",
                "2013-10-01", "2013-11-01", "2013-12-02"), LocalDate.parse("2013-12-31")));
        // Two months before December: too few to tell a habit.
        assertEquals(Optional.empty(), InvoicingCutOff.of(invoices("2013-10-30", "2013-11-30", "2013-12-02"),
                LocalDate.parse("2013-12-31")));
        // Months more than six before are not read: only October and November count here.
        assertEquals(Optional.empty(), InvoicingCutOff.of(invoices("2013-03-30", "2013-04-30", "2013-10-30",
                "2013-11-30", "2013-12-02"), LocalDate.parse("2013-12-31")));
    }

    @Test
    void aMonthWithNoInvoiceAfterThreeMonthsWithSomeIsWarnedOf() {
        // IBM's export as of 2014-01-31: invoices to 2 December, none in January. October to December hold 2, 2
        // and 3 invoices: 7 / 3 = 2.33, shown as 2.
        Dataset<Row> rows = invoices("2013-09-05", "2013-10-03", "2013-10-27", "2013-11-10", "2013-11-30",
                "2013-12-01", "2013-12-02", "2013-12-02");
        assertEquals(Optional.of("2014-01 has no invoice, while each of the 3 months before has some (2 a month on "
                + "average, the latest on 2013-12-02): if the export was cut early, 2014-01's credit sales are missing "
                + "and its DSO and CEI are not comparable"), InvoicingCutOff.of(rows, LocalDate.parse("2014-01-31")));
        // A business that bills every other month: November has none, so an empty January is its habit.
        assertEquals(Optional.empty(), InvoicingCutOff.of(invoices("2013-07-05", "2013-09-05", "2013-10-05",
                "2013-12-05"), LocalDate.parse("2014-01-31")));
    }
}
