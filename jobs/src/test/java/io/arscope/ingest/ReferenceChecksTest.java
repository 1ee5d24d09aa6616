package io.arscope.ingest;

import static io.arscope.testing.LedgerBuilder.d;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.arscope.model.CanonicalTable;
import io.arscope.testing.TestSpark;

/**
 * {@link ReferenceChecks} alone, on mapped lines made by hand, with customers exported on their own:
 * <pre>
 * customers.csv:2  customer K1                                   accepted
 * customers.csv:3  customer K1 again, under another name          duplicate
 * ar.csv:2         invoice I1 of K1, 10 Jan 2025                 accepted
 * ar.csv:3         invoice I2 of K9                              unknown customer
 * ar.csv:4         payment P1 of I1 by K1                        accepted
 * ar.csv:5         payment P2 of I2                              its invoice was rejected
 * ar.csv:6         payment P3 of I404                            unknown invoice
 * ar.csv:7         credit memo A1 of I1 on 5 Jan                 before its invoice
 * ar.csv:8         payment P4 of I1 by K2                        another customer's invoice
 * ar.csv:9         payment P5 whose amount did not parse         rejected when mapped
 * ar.csv:10        blank                                         ignored
 * ar.csv:11        dispute D1 of I1                              accepted
 * ar.csv:12        payment P6 of I1 naming no customer           accepted, customer K1 taken from I1
 * ar.csv:13        invoice I3 of K9 with its payment P7          unknown customer, the line whole
 * ar.csv:14        payment P8 of I3                              its invoice was rejected
 * ar.csv:15        invoice I4 of K1, 1 Feb, with payment P9 on 1 Jan   payment before invoice, the line whole
 * ar.csv:16        payment P10 of I4                             its invoice was rejected, found in round 2
 * ar.csv:17        payment P11 of I1 with I1 read off it         accepted; the derived I1 is no duplicate
 * ar.csv:18        invoice I5, due before issue, with payment P12 before it (oddities the mapper found)
 * ar.csv:19        payment P13 of I1 by K2 on 5 Jan              before its invoice and another customer's
 * ar.csv:20        invoice I1 again, every field the same        a repeat: ignored, not rejected
 * ar.csv:21        payment P1 again, every field the same        a repeat: ignored, not rejected
 * ar.csv:22        invoice I6 of K1 with payment P1 again        a duplicate: only part of the line repeats
 * ar.csv:23        line 18 again                                 a repeat when its oddities flag; rejected with
 *                                                                them when they reject, as line 18 is
 * </pre>
 * Checked twice: with every flaggable rule set to reject, and with the default policy, which flags them.
 */
class ReferenceChecksTest {

    /** Every flaggable rule set to reject. */
    private static ReferenceChecks.Result result;
    /** The default policy: the oddities flag. */
    private static ReferenceChecks.Result flagged;
    private static Dataset<Row> mapped;

    /** One mapped line: its records by table and the problems the mapper found. */
    private static final class Line {
        private final String file;
        private final long number;
        private final Map<CanonicalTable, Row> records = new EnumMap<>(CanonicalTable.class);
        private final List<Row> problems = new ArrayList<>();
        private final List<Row> flags = new ArrayList<>();
        private boolean blank;

        Line(String file, long number) {
            this.file = file;
            this.number = number;
        }

        Line customer(String id, String name) {
            records.put(CanonicalTable.CUSTOMERS, RowFactory.create(id, name, null, null, null, null, null, null,
                    null, false));
            return this;
        }

        Line invoice(String id, String customer, String issued, boolean derived) {
            records.put(CanonicalTable.INVOICES, RowFactory.create(id, customer, d(issued), d(issued).plusDays(30),
                    money("100"), "USD", null, 30, null, derived));
            return this;
        }

        Line payment(String id, String invoice, String customer, String date) {
            records.put(CanonicalTable.PAYMENTS, RowFactory.create(id, invoice, customer, d(date), money("10"), null,
                    null, false));
            return this;
        }

        Line creditMemo(String id, String invoice, String customer, String date) {
            records.put(CanonicalTable.ADJUSTMENTS, RowFactory.create(id, invoice, customer, d(date), money("10"),
                    "credit_memo", null, null, false));
            return this;
        }

        Line dispute(String id, String invoice, String opened) {
            records.put(CanonicalTable.DISPUTES, RowFactory.create(id, invoice, d(opened), null, null, false));
            return this;
        }

        Line problem(CanonicalTable table, String recordId, String field, RejectReason reason, String message) {
            problems.add(RowFactory.create(table.tableName(), recordId, field, reason.name(), message));
            return this;
        }

        Line flag(CanonicalTable table, String recordId, String field, RejectReason reason, String message) {
            flags.add(RowFactory.create(table.tableName(), recordId, field, reason.name(), message));
            return this;
        }

        Line blank() {
            blank = true;
            return this;
        }

        Row row() {
            List<Object> values = new ArrayList<>(List.of(file, number, "raw " + file + ":" + number, blank));
            for (CanonicalTable table : CanonicalTable.values()) {
                values.add(records.get(table));
            }
            values.add(null); // not ignored: a row of data
            values.add(problems);
            values.add(flags);
            return RowFactory.create(values.toArray());
        }
    }

    private static BigDecimal money(String amount) {
        return new BigDecimal(amount).setScale(2);
    }

    /** Invoice I5, due before issue, with payment P12 before it: the oddities the mapper found. */
    private static Line withOddities(Line line) {
        return line.invoice("I5", "K1", "2025-01-10", false).payment("P12", "I5", "K1", "2025-01-08")
                        .flag(CanonicalTable.INVOICES, "I5", "due_date", RejectReason.DUE_BEFORE_ISSUE,
                                "due_date 2025-01-01 is before invoice_date 2025-01-10")
                        .flag(CanonicalTable.PAYMENTS, "P12", "payment_date", RejectReason.BEFORE_INVOICE,
                                "payment_date 2025-01-08 is before invoice I5's invoice_date 2025-01-10");
    }

    private static Line ar(long number) {
        return new Line("ar.csv", number);
    }

    @BeforeAll
    static void check() {
        List<Line> lines = List.of(
                new Line("customers.csv", 2).customer("K1", "Kestrel Ltd"),
                new Line("customers.csv", 3).customer("K1", "Kestrel Limited"),
                ar(2).invoice("I1", "K1", "2025-01-10", false),
                ar(3).invoice("I2", "K9", "2025-01-12", false),
                ar(4).payment("P1", "I1", "K1", "2025-01-20"),
                ar(5).payment("P2", "I2", "K9", "2025-01-20"),
                ar(6).payment("P3", "I404", "K1", "2025-01-20"),
                ar(7).creditMemo("A1", "I1", "K1", "2025-01-05"),
                ar(8).payment("P4", "I1", "K2", "2025-01-20"),
                ar(9).problem(CanonicalTable.PAYMENTS, "P5", "amount", RejectReason.BAD_AMOUNT,
                        "amount 'x' is not a number"),
                ar(10).blank(),
                ar(11).dispute("D1", "I1", "2025-01-15"),
                ar(12).payment("P6", "I1", null, "2025-01-21"),
                ar(13).invoice("I3", "K9", "2025-01-14", false).payment("P7", "I3", "K9", "2025-01-20"),
                ar(14).payment("P8", "I3", "K9", "2025-01-22"),
                ar(15).invoice("I4", "K1", "2025-02-01", false).payment("P9", "I4", "K1", "2025-01-01"),
                ar(16).payment("P10", "I4", "K1", "2025-02-10"),
                ar(17).invoice("I1", "K1", "2025-01-10", true).payment("P11", "I1", "K1", "2025-01-25"),
                withOddities(ar(18)),
                ar(19).payment("P13", "I1", "K2", "2025-01-05"),
                ar(20).invoice("I1", "K1", "2025-01-10", false),
                ar(21).payment("P1", "I1", "K1", "2025-01-20"),
                ar(22).invoice("I6", "K1", "2025-01-11", false).payment("P1", "I1", "K1", "2025-01-20"),
                withOddities(ar(23)));
        mapped = TestSpark.session().createDataFrame(lines.stream().map(Line::row).toList(),
                MappedRows.SCHEMA);
        result = ReferenceChecks.apply(mapped, true, QualityPolicy.of(Map.of("DUE_BEFORE_ISSUE", "reject",
                "BEFORE_INVOICE", "reject", "CUSTOMER_MISMATCH", "Reject")));
        flagged = ReferenceChecks.apply(mapped, true, QualityPolicy.DEFAULT);
    }

    @Test
    void oneRejectPerRejectedLineWithTheFirstStagesReason() {
        List<String> rejects = result.rejects().orderBy(col(MappedRows.SOURCE_FILE), col(MappedRows.LINE))
                .collectAsList().stream().map(r -> String.join(" | ", r.getString(0) + ":" + r.getLong(1),
                        r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6)))
                .toList();
        assertEquals(List.of(
                "ar.csv:3 | invoices | I2 | customer_id | UNKNOWN_CUSTOMER "
                        + "| customer_id K9 is not among the accepted customers",
                "ar.csv:5 | payments | P2 | invoice_id | REJECTED_INVOICE | invoice_id I2 was rejected "
                        + "(ar.csv line 3: UNKNOWN_CUSTOMER)",
                "ar.csv:6 | payments | P3 | invoice_id | UNKNOWN_INVOICE | invoice_id I404 is in no input row",
                "ar.csv:7 | adjustments | A1 | adjustment_date | BEFORE_INVOICE "
                        + "| adjustment_date 2025-01-05 is before invoice I1's invoice_date 2025-01-10",
                "ar.csv:8 | payments | P4 | customer_id | CUSTOMER_MISMATCH "
                        + "| customer_id K2 is not invoice I1's customer K1",
                "ar.csv:9 | payments | P5 | amount | BAD_AMOUNT | amount 'x' is not a number",
                // The invoice's unknown customer (stage 2) is reported before its payment's rejected invoice (3).
                "ar.csv:13 | invoices | I3 | customer_id | UNKNOWN_CUSTOMER "
                        + "| customer_id K9 is not among the accepted customers",
                "ar.csv:14 | payments | P8 | invoice_id | REJECTED_INVOICE | invoice_id I3 was rejected "
                        + "(ar.csv line 13: UNKNOWN_CUSTOMER)",
                "ar.csv:15 | payments | P9 | payment_date | BEFORE_INVOICE "
                        + "| payment_date 2025-01-01 is before invoice I4's invoice_date 2025-02-01",
                // I4 was alive in round 1; its line fell with P9, so P10 is rejected in round 2.
                "ar.csv:16 | payments | P10 | invoice_id | REJECTED_INVOICE | invoice_id I4 was rejected "
                        + "(ar.csv line 15: BEFORE_INVOICE)",
                // The mapper's oddities, set to reject, reject the line under the first; the reason lists them all.
                "ar.csv:18 | invoices | I5 | due_date | DUE_BEFORE_ISSUE | due_date 2025-01-01 is before "
                        + "invoice_date 2025-01-10; payment_date 2025-01-08 is before invoice I5's invoice_date "
                        + "2025-01-10",
                // Two rules broken: the reject names the first.
                "ar.csv:19 | payments | P13 | payment_date | BEFORE_INVOICE "
                        + "| payment_date 2025-01-05 is before invoice I1's invoice_date 2025-01-10",
                // Lines 20 and 21 repeat lines 2 and 4: ignored. Line 22's P1 repeats line 4's, but its I6 is new.
                "ar.csv:22 | payments | P1 | payment_id | DUPLICATE_ID | duplicate payment_id P1; first at ar.csv:4",
                // A copy of a line rejected on its own is rejected as it is, not ignored.
                "ar.csv:23 | invoices | I5 | due_date | DUE_BEFORE_ISSUE | due_date 2025-01-01 is before "
                        + "invoice_date 2025-01-10; payment_date 2025-01-08 is before invoice I5's invoice_date "
                        + "2025-01-10",
                "customers.csv:3 | customers | K1 | customer_id | DUPLICATE_ID "
                        + "| duplicate customer_id K1; first at customers.csv:2"), rejects);
    }

    @Test
    void acceptedRecordsAreThoseOfLinesNotRejected() {
        assertEquals(List.of("K1"), keys(CanonicalTable.CUSTOMERS));
        // I1 once: the copy read off the payment line 17 gives way to the exported one.
        assertEquals(List.of("I1"), keys(CanonicalTable.INVOICES));
        assertEquals(List.of(), keys(CanonicalTable.ADJUSTMENTS));
        assertEquals(List.of("D1"), keys(CanonicalTable.DISPUTES));
        // P6 named no customer: it gets its invoice's.
        // Each with its invoice's currency filled in.
        assertEquals(List.of("P1 K1 USD", "P11 K1 USD", "P6 K1 USD"), result.accepted().get(CanonicalTable.PAYMENTS)
                .orderBy("payment_id").collectAsList().stream()
                .map(r -> r.getAs("payment_id") + " " + r.getAs("customer_id") + " " + r.getAs("currency")).toList());
        assertEquals(List.of("payment_id", "invoice_id", "customer_id", "payment_date", "amount", "method",
                "currency", "quality_flags"), List.of(result.accepted().get(CanonicalTable.PAYMENTS).columns()));
        assertEquals(0, result.flags().count());
    }

    @Test
    void byDefaultTheOdditiesAreAcceptedWithTheirFlagsAndOnlyTheFaultsReject() {
        assertEquals(List.of("ar.csv:13", "ar.csv:14", "ar.csv:22", "ar.csv:3", "ar.csv:5", "ar.csv:6", "ar.csv:9",
                "customers.csv:3"), flagged.rejects().collectAsList().stream()
                .map(r -> r.getString(0) + ":" + r.getLong(1)).sorted().toList());
        // One flag per record and rule: P12's, found by the mapper and again across lines, is listed once.
        assertEquals(List.of(
                "ar.csv:15 payments P9 payment_date BEFORE_INVOICE",
                "ar.csv:18 invoices I5 due_date DUE_BEFORE_ISSUE",
                "ar.csv:18 payments P12 payment_date BEFORE_INVOICE",
                "ar.csv:19 payments P13 customer_id CUSTOMER_MISMATCH",
                "ar.csv:19 payments P13 payment_date BEFORE_INVOICE",
                "ar.csv:7 adjustments A1 adjustment_date BEFORE_INVOICE",
                "ar.csv:8 payments P4 customer_id CUSTOMER_MISMATCH"), flagged.flags().collectAsList().stream()
                .map(r -> r.getString(0) + ":" + r.getLong(1) + " " + r.getString(2) + " " + r.getString(3) + " "
                        + r.getString(4) + " " + r.getString(5)).sorted().toList());
        // The canonical rows keep what the export said (P4's and P13's customer K2) and name every rule broken.
        assertEquals(List.of("P1 K1 null", "P10 K1 null", "P11 K1 null", "P12 K1 BEFORE_INVOICE",
                "P13 K2 BEFORE_INVOICE;CUSTOMER_MISMATCH", "P4 K2 CUSTOMER_MISMATCH", "P6 K1 null",
                "P9 K1 BEFORE_INVOICE"), flagged.accepted().get(CanonicalTable.PAYMENTS).orderBy("payment_id")
                .collectAsList().stream().map(r -> r.getAs("payment_id") + " " + r.getAs("customer_id") + " "
                        + r.getAs(CanonicalTable.QUALITY_FLAGS)).toList());
        assertEquals(List.of("I1 null", "I4 null", "I5 DUE_BEFORE_ISSUE"), flagged.accepted()
                .get(CanonicalTable.INVOICES).orderBy("invoice_id").collectAsList().stream()
                .map(r -> r.getAs("invoice_id") + " " + r.getAs(CanonicalTable.QUALITY_FLAGS)).toList());
        assertEquals(List.of("A1 BEFORE_INVOICE"), flagged.accepted().get(CanonicalTable.ADJUSTMENTS)
                .collectAsList().stream().map(r -> r.getAs("adjustment_id") + " "
                        + r.getAs(CanonicalTable.QUALITY_FLAGS)).toList());
    }

    /**
     * Lines, not records: ar.csv holds invoices, payments, credit memos and disputes, and line 17 both an invoice
     * and a payment, counted once; the blank line 10 is read but holds no data. File, read, accepted, flagged,
     * rejected, ignored, blank.
     */
    @Test
    void theReconciliationCountsALineOnceWhateverTablesItsRecordsAreIn() {
        // Rejected: 12 as before, 22 and 23; ignored as repeats: 20 and 21.
        assertEquals(List.of("ar.csv 21 5 0 14 2 1", "customers.csv 2 1 0 1 0 0"),
                counts(Reconciliation.of(mapped, result)));
        // Lines 7, 8, 15, 18 and 19 flagged; line 23, a repeat of 18, ignored with 20 and 21.
        Reconciliation withFlags = Reconciliation.of(mapped, flagged);
        assertEquals(List.of("ar.csv 21 11 5 7 3 1", "customers.csv 2 1 0 1 0 0"), counts(withFlags));
        assertEquals(Map.of(RepeatedRows.CONDITION, 3L), withFlags.files().get(0).ignoredBy());
        assertEquals(3, withFlags.repeated());
        // The reject share leaves the repeats out: 7 of 18 data rows.
        assertEquals(7.0 / 18, withFlags.files().get(0).rejectedShare(), 1e-12);
    }

    @Test
    void aRepeatedRowKeepsItsFirstCopyOnce() {
        assertEquals(List.of("I1 ar.csv:2", "I4 ar.csv:15", "I5 ar.csv:18"), flagged.acceptedWithLines()
                .get(CanonicalTable.INVOICES).filter(col("_derived").equalTo(false)).orderBy("invoice_id")
                .collectAsList().stream().map(r -> r.getAs("invoice_id") + " " + r.getAs("source_file") + ":"
                        + r.getAs("line")).toList());
        assertEquals(List.of("ar.csv:20", "ar.csv:21", "ar.csv:23"), flagged.repeated().collectAsList().stream()
                .map(r -> r.getString(0) + ":" + r.getLong(1)).sorted().toList());
    }

    private static List<String> counts(Reconciliation reconciliation) {
        return reconciliation.files().stream().map(f -> f.file() + " " + f.read() + " " + f.accepted() + " "
                + f.flagged() + " " + f.rejected() + " " + f.ignored() + " " + f.blank()).sorted().toList();
    }

    /**
     * A line with two rejects of one stage gets the same one named whatever order the checks' rows arrive in: the
     * first by table, code, field and record. The earlier stage's comes first.
     */
    @Test
    void aLinesRejectIsTheSameWhateverTheOrderOfItsChecks() {
        List<Row> rows = List.of(
                reject("ar.csv", 5, "payments", "P2", "invoice_id", "REJECTED_INVOICE", 2),
                reject("ar.csv", 5, "payments", "P2", "currency", "CURRENCY_MISMATCH", 2),
                reject("ar.csv", 5, "invoices", "I2", "customer_id", "UNKNOWN_CUSTOMER", 3),
                reject("ar.csv", 6, "payments", "P3", "customer_id", "UNKNOWN_CUSTOMER", 2),
                reject("ar.csv", 6, "disputes", "D3", "invoice_id", "UNKNOWN_INVOICE", 2));
        StructType schema = ReferenceChecks.REJECTS_SCHEMA.add(ReferenceChecks.STAGE, DataTypes.IntegerType, false);
        List<Row> reversed = new ArrayList<>(rows);
        java.util.Collections.reverse(reversed);
        for (List<Row> order : List.of(rows, reversed)) {
            Dataset<Row> rejects = TestSpark.session().createDataFrame(order, schema).repartition(3);
            assertEquals(List.of("ar.csv:5 payments CURRENCY_MISMATCH", "ar.csv:6 disputes UNKNOWN_INVOICE"),
                    ReferenceChecks.onePerLine(rejects).collectAsList().stream().map(r -> r.getAs("source_file")
                            + ":" + r.getAs("line") + " " + r.getAs("table") + " " + r.getAs("reason_code"))
                            .sorted().toList());
        }
    }

    private static Row reject(String file, long line, String table, String record, String field, String code,
            int stage) {
        return RowFactory.create(file, line, table, record, field, code, code + " of " + record, "raw", stage);
    }

    private static List<String> keys(CanonicalTable table) {
        return result.accepted().get(table).orderBy(table.keyField()).collectAsList().stream()
                .map(r -> r.<String>getAs(table.keyField())).toList();
    }
}
