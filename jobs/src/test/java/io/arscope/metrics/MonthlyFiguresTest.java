package io.arscope.metrics;

import static io.arscope.testing.LedgerBuilder.d;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.OnAccountItems;
import io.arscope.ledger.ReportingCurrency;
import io.arscope.ledger.Slices;
import io.arscope.testing.HistoryRows;
import io.arscope.testing.TestSpark;

/**
 * {@link MonthlyFigures} alone, on invoice histories and month-end balances made by hand: as of 10 Mar 2025, last
 * month-end 28 Feb 2025, 2 days' grace, segments A and B.
 * <ul>
 * <li>I5 (B): 800 issued 1 Dec 2024, due 31 Dec; paid 300 on 15 Jan, 500 still open.</li>
 * <li>I1 (A): 1,000 issued 10 Jan, due 9 Feb; paid 600 on 25 Jan, 400 written off 20 Feb; disputed 15 Jan to
 * 3 Feb.</li>
 * <li>I2 (B): 500 issued 20 Jan, due 19 Feb; credit memo 100 on 5 Feb, paid 400 on 20 Feb: a day late, on time
 * only thanks to the grace days.</li>
 * <li>I3 (A): 300 issued 10 Feb, due 12 Mar; 50 written off 25 Feb.</li>
 * <li>I4 (B): 200 issued 5 Mar, due 6 Mar, paid 8 Mar: all after the last month-end, so in no figure.</li>
 * </ul>
 * The month-end balances are those {@link MonthEndBalances} gives for these invoices. On account: 150 of cash from
 * a B customer on 10 Jan, a 70 credit memo to an A customer on 14 Feb, and 999 of cash (B) on 5 Mar, after the last
 * month-end.
 */
class MonthlyFiguresTest {

    private static MonthlyFigures.Tables tables;

    @BeforeAll
    static void figures() {
        SparkSession spark = TestSpark.session();
        Dataset<Row> history = new HistoryRows()
                .invoice("I5", "B", "2024-12-01", "2024-12-31", "800").event("payment", "2025-01-15", "300")
                .invoice("I1", "A", "2025-01-10", "2025-02-09", "1000").event("payment", "2025-01-25", "600")
                .event("write_off", "2025-02-20", "400").dispute("2025-01-15", "2025-02-03")
                .invoice("I2", "B", "2025-01-20", "2025-02-19", "500").event("credit_memo", "2025-02-05", "100")
                .event("payment", "2025-02-20", "400")
                .invoice("I3", "A", "2025-02-10", "2025-03-12", "300").event("write_off", "2025-02-25", "50")
                .invoice("I4", "B", "2025-03-05", "2025-03-06", "200").event("payment", "2025-03-08", "200")
                .frame(spark);
        // month_end, invoice, open, days past due, bucket, disputed, open/bucket/written off a month later, segment
        Dataset<Row> invoiceMonths = spark.createDataFrame(List.of(
                balance("2024-12-31", "I5", "800", 0, 0, false, "500", 2, "0", "B"),
                balance("2025-01-31", "I5", "500", 31, 2, false, "500", 2, "0", "B"),
                balance("2025-01-31", "I1", "400", -9, 0, true, "0", 1, "400", "A"),
                balance("2025-01-31", "I2", "500", -19, 0, false, "0", 1, "0", "B"),
                balance("2025-02-28", "I5", "500", 59, 2, false, null, null, null, "B"),
                balance("2025-02-28", "I3", "250", -12, 0, false, null, null, null, "A")),
                MonthEndBalances.schema(List.of("segment")));
        Dataset<Row> onAccount = spark.createDataFrame(List.of(
                RowFactory.create("CB", "P1", OnAccountItems.UNAPPLIED_CASH, d("2025-01-10"), money("150"), "B"),
                RowFactory.create("CA", "A1", OnAccountItems.UNALLOCATED_CREDIT, d("2025-02-14"), money("70"), "A"),
                RowFactory.create("CB", "P2", OnAccountItems.UNAPPLIED_CASH, d("2025-03-05"), money("999"), "B")),
                DataTypes.createStructType(List.of(
                        DataTypes.createStructField(OnAccountItems.CUSTOMER_ID, DataTypes.StringType, false),
                        DataTypes.createStructField(OnAccountItems.ITEM_ID, DataTypes.StringType, false),
                        DataTypes.createStructField(OnAccountItems.KIND, DataTypes.StringType, false),
                        DataTypes.createStructField(OnAccountItems.DATE, DataTypes.DateType, false),
                        DataTypes.createStructField(OnAccountItems.AMOUNT, DataTypes.createDecimalType(18, 2), false),
                        DataTypes.createStructField("segment", DataTypes.StringType, false))));
        MonthlyFigures.Tables lazy = MonthlyFigures.of(history, invoiceMonths, onAccount, List.of("segment"),
                d("2025-03-10"), d("2025-02-28"), 2, AgingBuckets.DEFAULT, ReportingCurrency.asStored());
        // Computed once here rather than again by every test.
        tables = new MonthlyFigures.Tables(lazy.monthly().localCheckpoint(), lazy.rolls().localCheckpoint(),
                lazy.cohorts().localCheckpoint());
    }

    private static Row balance(String monthEnd, String invoice, String open, int daysPastDue, int bucket,
            boolean disputed, String openNext, Integer bucketNext, String writtenOffNext, String segment) {
        return RowFactory.create(d(monthEnd), invoice, money(open), daysPastDue, bucket, disputed, money(openNext),
                bucketNext, money(writtenOffNext), segment);
    }

    private static BigDecimal money(String amount) {
        return amount == null ? null : new BigDecimal(amount).setScale(2);
    }

    /** The columns of one slice's rows, ordered by their keys, each row as its values separated by spaces. */
    private static List<String> slice(Dataset<Row> table, String dimension, String value, List<String> keys,
            String... columns) {
        return table.filter(col(Slices.DIMENSION).equalTo(dimension).and(col(Slices.VALUE).equalTo(value)))
                .orderBy(keys.stream().map(k -> col(k)).toArray(Column[]::new))
                .select(Arrays.stream(columns).map(c -> col(c)).toArray(Column[]::new))
                .collectAsList().stream().map(r -> r.mkString(" ")).toList();
    }

    private static List<String> total(String... columns) {
        return slice(tables.monthly(), Slices.TOTAL, Slices.ALL, List.of(MonthlyFigures.MONTH), columns);
    }

    private static List<String> segment(String value, String... columns) {
        return slice(tables.monthly(), "segment", value, List.of(MonthlyFigures.MONTH), columns);
    }

    @Test
    void balancesAtEachMonthEnd() {
        // Jan: I5 500 is 31 days past due (31-60), I1 400 (disputed) and I2 500 current; 500 x 31 = 15,500.
        // Feb: I5 500 at 59 days, 500 x 59 = 29,500; I3 300 - 50 current. Dec: I5 due that day is current.
        assertEquals(List.of(
                "2024-12-31 800.00 800.00 0.00 0.00 800.00 0.00 0.00 0.00 0.00",
                "2025-01-31 1400.00 900.00 15500.00 400.00 900.00 0.00 500.00 0.00 0.00",
                "2025-02-28 750.00 250.00 29500.00 0.00 250.00 0.00 500.00 0.00 0.00"),
                total(MonthlyFigures.MONTH, "ending_ar", "current_ar", "past_due_day_amount", "disputed_ar",
                        "bucket_0", "bucket_1", "bucket_2", "bucket_3", "bucket_4"));
    }

    @Test
    void onAccountBalanceAtEachMonthEndBesideTheInvoices() {
        // Each item counts from its own month-end on; the March cash is after the last month-end. The invoice
        // balances above are untouched, and so are the flows: on-account cash settles no invoice.
        assertEquals(List.of("2024-12-31 800.00 0.00", "2025-01-31 1400.00 150.00", "2025-02-28 750.00 220.00"),
                total(MonthlyFigures.MONTH, "ending_ar", MonthlyFigures.ON_ACCOUNT));
        assertEquals(List.of("2025-01-31 0.00", "2025-02-28 70.00"),
                segment("A", MonthlyFigures.MONTH, MonthlyFigures.ON_ACCOUNT));
        assertEquals(List.of("2024-12-31 0.00", "2025-01-31 150.00", "2025-02-28 150.00"),
                segment("B", MonthlyFigures.MONTH, MonthlyFigures.ON_ACCOUNT));
    }

    @Test
    void creditSalesAndTheBillingCohortsPaymentTiming() {
        // Dec cohort I5: 300 paid after 45 days (13,500), 15 days late (4,500); 800 - 300 still open.
        // Jan cohort: I1 600 after 15 days (9,000), before its due date; I2 400 after 31 days (12,400), 1 day late
        // (400); the write-off and the credit memo are not payments but leave nothing open: 21,400 and 400.
        // Feb cohort I3: nothing paid, 300 - 50 open.
        assertEquals(List.of(
                "2024-12-31 800.00 1 0 300.00 13500.00 4500.00 500.00",
                "2025-01-31 1500.00 2 1 1000.00 21400.00 400.00 0.00",
                "2025-02-28 300.00 1 0 0.00 0.00 0.00 250.00"),
                total(MonthlyFigures.MONTH, "credit_sales", "invoices_issued", "invoices_disputed", "cohort_paid",
                        "cohort_pay_days_amount", "cohort_late_days_amount", "cohort_open"));
    }

    @Test
    void flowsByKindOfEvent() {
        // Jan: payments 300 (I5) + 600 (I1). Feb: payment 400 (I2), credit memo 100 (I2), write-offs 400 (I1) + 50
        // (I3). Dec has no event, so no flows row: the full outer join leaves it null. I4's March payment is out.
        assertEquals(List.of(
                "2024-12-31 null null null",
                "2025-01-31 900.00 0.00 0.00",
                "2025-02-28 400.00 100.00 450.00"),
                total(MonthlyFigures.MONTH, "collections", "credit_memos", "write_offs"));
    }

    @Test
    void invoicesFallingDueAndPaidOnTimeWithGrace() {
        // Dec: I5 800 due, nothing paid by 2 Jan. Feb: I1 (600 paid by 11 Feb, of 1,000) late; I2 (100 + 400 by
        // 21 Feb) on time within the grace. I3 falls due in March, after the last month-end. Nothing fell due in Jan.
        assertEquals(List.of(
                "2024-12-31 1 800.00 0 0.00",
                "2025-01-31 null null null null",
                "2025-02-28 2 1500.00 1 500.00"),
                total(MonthlyFigures.MONTH, "due_count", "due_amount", "on_time_count", "on_time_amount"));
    }

    @Test
    void eachSegmentGetsItsOwnRows() {
        // A: I1 from January, I3 from February; nothing in December, so no row. Its February flows are the two
        // write-offs (400 + 50).
        assertEquals(List.of(
                "2025-01-31 400.00 1000.00 600.00 0.00",
                "2025-02-28 250.00 300.00 0.00 450.00"),
                segment("A", MonthlyFigures.MONTH, "ending_ar", "credit_sales", "collections", "write_offs"));
        // B: I5 from December, I2 from January; no B invoice was issued in February, so no sales there.
        assertEquals(List.of(
                "2024-12-31 800.00 800.00 null null",
                "2025-01-31 1000.00 500.00 300.00 0.00",
                "2025-02-28 500.00 null 400.00 0.00"),
                segment("B", MonthlyFigures.MONTH, "ending_ar", "credit_sales", "collections", "write_offs"));
    }

    @Test
    void rollsFollowEachInvoiceIntoTheNextMonth() {
        // Dec current: I5 800, of which 500 is in 31-60 at January's end. Jan current: I1 400 (written off in
        // Feb, so it rolls nowhere) and I2 500 (paid): 900, nothing rolled. Jan 31-60: I5 500 stays in 31-60.
        // February's balances have no next month yet.
        assertEquals(List.of(
                "2024-12-31 0 800.00 500.00 0.00",
                "2025-01-31 0 900.00 0.00 400.00",
                "2025-01-31 2 500.00 0.00 0.00"),
                slice(tables.rolls(), Slices.TOTAL, Slices.ALL, List.of(MonthlyFigures.MONTH, "bucket"),
                        MonthlyFigures.MONTH, "bucket", "from_amount", "rolled_amount", "written_off_next"));
    }

    @Test
    void cohortCollectionsByMonthBilledAndMonthPaid() {
        // I5 (Dec) paid 300 in Jan; I1 (Jan) 600 in Jan; I2 (Jan) 400 in Feb. Write-offs and memos are no cash.
        assertEquals(List.of(
                "2024-12-31 2025-01-31 300.00",
                "2025-01-31 2025-01-31 600.00",
                "2025-01-31 2025-02-28 400.00"),
                slice(tables.cohorts(), Slices.TOTAL, Slices.ALL, List.of("cohort_month", MonthlyFigures.MONTH),
                        "cohort_month", MonthlyFigures.MONTH, "collected"));
    }
}
