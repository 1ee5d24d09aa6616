package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import io.arscope.ingest.mapping.Mapping;
import io.arscope.ingest.mapping.MappingException;
import io.arscope.ingest.mapping.SourceSpec;
import io.arscope.model.CanonicalTable;

/** One line of an export mapped to canonical records, or to the problems that stop it, without Spark. */
class RecordMapperTest {

    private static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);
    private static final List<String> COLUMNS = List.of("Inv", "Cust", "Issued", "Due", "Amt", "Paid", "Flag");

    private static SourceSpec source(String format) throws MappingException {
        return Mapping.parse("""
                sources:
                  - name: ar
                    file: ar.csv
                    format: %s
                    dateFormats: [M/d/yyyy]
                    trueValues: ['Y']
                    falseValues: ['N']
                    produces:
                      invoices:
                        when: {column: Inv, present: true}
                        fields: {invoice_id: Inv, customer_id: Cust, invoice_date: Issued, due_date: Due, amount: Amt,
                                 currency: {value: usd}}
                      payments:
                        when: {column: Paid, present: true}
                        fields: {payment_id: {column: Inv, prefix: 'P-'}, invoice_id: Inv, payment_date: Paid,
                                 amount: Amt}
                      disputes:
                        when: {column: Flag, flag: true}
                        fields: {dispute_id: Inv, invoice_id: Inv, opened_date: Issued}
                """.formatted(format), "test").sources().get(0);
    }

    private static Row map(String line) throws MappingException {
        return new RecordMapper(source("csv"), "ar.csv", COLUMNS, AS_OF, ValueBounds.DEFAULT).map(line, 7);
    }

    private static Row record(Row mapped, CanonicalTable table) {
        return mapped.getStruct(4 + table.ordinal());
    }

    private static List<String> problems(Row mapped) {
        return listed(mapped, MappedRows.PROBLEMS);
    }

    private static List<String> listed(Row mapped, String column) {
        List<Row> problems = mapped.getList(MappedRows.SCHEMA.fieldIndex(column));
        return problems.stream().map(p -> p.getString(3) + " " + p.getString(2) + ": " + p.getString(4)).toList();
    }

    @Test
    void oneLineGivesAnInvoiceItsSettlementAndItsDispute() throws MappingException {
        Row mapped = map("A-1,K1,3/7/2025,4/6/2025,100.5,5/2/2025,Y");
        assertEquals(List.of(), problems(mapped));
        assertEquals("ar.csv", mapped.getString(0));
        assertEquals(7L, mapped.getLong(1));
        Row invoice = record(mapped, CanonicalTable.INVOICES);
        assertEquals(List.of("A-1", "K1", LocalDate.of(2025, 3, 7), LocalDate.of(2025, 4, 6), new BigDecimal("100.50"),
                "USD"), List.of(invoice.get(0), invoice.get(1), invoice.get(2), invoice.get(3), invoice.get(4),
                        invoice.get(5)));
        assertEquals(30, invoice.getInt(CanonicalTable.INVOICES.indexOf("terms_days")));
        Row payment = record(mapped, CanonicalTable.PAYMENTS);
        assertEquals("P-A-1", payment.getString(0));
        assertEquals(LocalDate.of(2025, 5, 2), payment.get(CanonicalTable.PAYMENTS.indexOf("payment_date")));
        assertEquals("A-1", record(mapped, CanonicalTable.DISPUTES).getString(1));
        assertNull(record(mapped, CanonicalTable.CUSTOMERS));
    }

    @Test
    void conditionsThatDoNotHoldProduceNothingForThatTable() throws MappingException {
        Row mapped = map("A-1,K1,3/7/2025,4/6/2025,100.5,,N");
        assertEquals(List.of(), problems(mapped));
        assertNull(record(mapped, CanonicalTable.PAYMENTS));
        assertNull(record(mapped, CanonicalTable.DISPUTES));
    }

    @Test
    void everyProblemOfTheLineIsListedAndNoRecordSurvives() throws MappingException {
        Row mapped = map("A-1,,2/30/2025,4/6/2025,-3,5/2/2025,maybe");
        assertEquals(List.of(
                "MISSING_FIELD customer_id: customer_id is required but empty (column Cust)",
                "BAD_DATE invoice_date: invoice_date '2/30/2025' is not a date in [M/d/yyyy] (column Issued)",
                "BAD_VALUE Flag: Flag 'maybe' is neither true [y] nor false [n]",
                // The payment's negative amount is a reversal: an oddity, listed after the line's faults.
                "PAYMENT_REVERSAL amount: amount -3.00 is negative: a payment reversed (cash taken back) (column Amt)"),
                problems(mapped));
        assertNull(record(mapped, CanonicalTable.INVOICES));
        assertNull(record(mapped, CanonicalTable.PAYMENTS));
    }

    @Test
    void aSettlementBeforeItsOwnInvoiceOnTheSameLineIsAnOddityTheLineKeepsItsRecordsWith() throws MappingException {
        Row mapped = map("A-1,K1,3/7/2025,4/6/2025,100,3/1/2025,N");
        assertEquals(List.of(), problems(mapped));
        assertEquals(List.of("BEFORE_INVOICE payment_date: payment_date 2025-03-01 is before invoice A-1's "
                + "invoice_date 2025-03-07"), listed(mapped, MappedRows.FLAGS));
        assertEquals("A-1", record(mapped, CanonicalTable.PAYMENTS).getString(1));
        // Due before issue as well: both oddities, each naming its own record.
        Row twice = map("A-1,K1,3/7/2025,3/1/2025,100,3/1/2025,N");
        assertEquals(List.of("DUE_BEFORE_ISSUE due_date: due_date 2025-03-01 is before invoice_date 2025-03-07 (column Due)",
                "BEFORE_INVOICE payment_date: payment_date 2025-03-01 is before invoice A-1's invoice_date 2025-03-07"),
                listed(twice, MappedRows.FLAGS));
    }

    @Test
    void aRejectedLineListsItsOdditiesAfterItsFaultsAndKeepsNoFlags() throws MappingException {
        Row mapped = map("A-1,K1,3/7/2025,3/1/2025,100,3/x/2025,N");
        assertEquals(List.of("BAD_DATE payment_date: payment_date '3/x/2025' is not a date in [M/d/yyyy] (column Paid)",
                "DUE_BEFORE_ISSUE due_date: due_date 2025-03-01 is before invoice_date 2025-03-07 (column Due)"), problems(mapped));
        assertEquals(List.of(), listed(mapped, MappedRows.FLAGS));
        assertNull(record(mapped, CanonicalTable.INVOICES));
    }

    @Test
    void aLineOfTheWrongShapeOrMatchingNothingIsRejectedAsSuch() throws MappingException {
        assertEquals("MALFORMED_ROW", problems(map("A-1,K1,3/7/2025")).get(0).split(" ")[0]);
        assertEquals("NO_RECORD", problems(map(",K1,3/7/2025,4/6/2025,100,,N")).get(0).split(" ")[0]);
        Row blank = map("   ");
        assertEquals(true, blank.getBoolean(3));
        assertEquals(List.of(), problems(blank));
    }

    @Test
    void jsonLinesReadTheSameFields() throws MappingException {
        RecordMapper mapper = new RecordMapper(source("jsonl"), "ar.jsonl", List.of(), AS_OF, ValueBounds.DEFAULT);
        Row mapped = mapper.map("{\"Inv\": \"A-2\", \"Cust\": \"K2\", \"Issued\": \"1/5/2025\", \"Due\": \"2/4/2025\", "
                + "\"Amt\": 20, \"Flag\": \"N\"}", 1);
        assertEquals(List.of(), problems(mapped));
        assertEquals(new BigDecimal("20.00"), record(mapped, CanonicalTable.INVOICES).getDecimal(4));
        assertEquals("MALFORMED_ROW", problems(mapper.map("[1, 2]", 2)).get(0).split(" ")[0]);
        assertEquals("MALFORMED_ROW", problems(mapper.map("{\"Inv\": ", 3)).get(0).split(" ")[0]);
    }

    private static final List<String> LEDGER_COLUMNS = List.of("Doc", "Cust", "Date", "Amt", "DC", "Ref", "Kind");

    /** A ledger with a debit/credit column, total lines to ignore and line numbers as payment ids. */
    private static RecordMapper ledger() throws MappingException {
        SourceSpec source = Mapping.parse("""
                sources:
                  - name: ledger
                    file: gl.csv
                    dateFormats: [yyyyMMdd]
                    emptyValues: ['00000000']
                    debitCredit: {column: DC, debit: S, credit: H}
                    ignore: {any: [{column: Kind, equals: TOTAL}, {column: Doc, present: false}]}
                    produces:
                      invoices:
                        when: {debitCredit: debit}
                        fields: {invoice_id: Doc, customer_id: Cust, invoice_date: Date, due_date: Date, amount: Amt,
                                 currency: {value: EUR}}
                      payments:
                        when: {all: [{debitCredit: credit}, {column: Kind, in: [DZ, ZP]}]}
                        fields: {payment_id: {lineNumber: true, prefix: 'L'}, invoice_id: Ref, payment_date: Date,
                                 amount: Amt}
                """, "test").sources().get(0);
        return new RecordMapper(source, "gl.csv", LEDGER_COLUMNS, AS_OF, ValueBounds.DEFAULT);
    }

    private static String ignored(Row mapped) {
        return mapped.getString(MappedRows.SCHEMA.fieldIndex(MappedRows.IGNORED));
    }

    @Test
    void theSideChoosesTheTableAndTheAmountIsItsMagnitude() throws MappingException {
        Row invoice = ledger().map("D1,K1,20250301,100.00,S,,RV", 4);
        assertEquals(List.of(), problems(invoice));
        assertEquals(new BigDecimal("100.00"), record(invoice, CanonicalTable.INVOICES).getDecimal(4));
        assertNull(record(invoice, CanonicalTable.PAYMENTS));
        Row payment = ledger().map("D2,K1,20250310,-40.00,H,D1,DZ", 9);
        assertEquals(List.of(), problems(payment));
        assertNull(record(payment, CanonicalTable.INVOICES));
        Row paid = record(payment, CanonicalTable.PAYMENTS);
        assertEquals(List.of("L9", "D1", LocalDate.of(2025, 3, 10), new BigDecimal("40.00")), List.of(paid.get(0),
                paid.get(1), paid.get(3), paid.get(4)));
        assertNull(ignored(payment));
    }

    @Test
    void aDebitWithANegativeAmountOrNoSideIsRejectedSayingSo() throws MappingException {
        assertEquals(List.of("DEBIT_CREDIT_CONFLICT amount: amount -100.00 is negative, which is a credit, but DC 'S' "
                + "says debit"), problems(ledger().map("D1,K1,20250301,-100.00,S,,RV", 4)));
        assertEquals("invoices", ledger().map("D1,K1,20250301,-100.00,S,,RV", 4).getList(
                MappedRows.SCHEMA.fieldIndex(MappedRows.PROBLEMS)).stream().map(p -> ((Row) p).getString(0))
                .findFirst().orElseThrow());
        assertEquals(List.of("MISSING_FIELD DC: DC is empty, so the row is neither debit nor credit"),
                problems(ledger().map("D1,K1,20250301,100.00,,,RV", 5)));
        assertEquals(List.of("BAD_VALUE DC: DC 'X' is neither debit 'S' nor credit 'H'"),
                problems(ledger().map("D1,K1,20250301,100.00,X,,RV", 6)));
        // A credit that is no payment kind meets no condition: rejected, never dropped, naming what the conditions
        // read and what the row holds there.
        assertEquals(List.of("NO_RECORD Kind: the row meets no condition of the mapping, so it produces no record: "
                + "Kind is 'AB' and the mapping reads its amount as a credit"), problems(ledger().map("D3,K1,20250301,5.00,H,D1,AB", 7)));
    }

    @Test
    void aLayoutRowIsIgnoredByTheAlternativeItMeetsBeforeItsSideIsRead() throws MappingException {
        Row total = ledger().map("D9,,00000000,140.00,,,TOTAL", 20);
        assertEquals("Kind is 'TOTAL'", ignored(total));
        assertEquals(List.of(), problems(total));
        for (CanonicalTable table : CanonicalTable.values()) {
            assertNull(record(total, table), table.tableName());
        }
        assertEquals("Doc is empty", ignored(ledger().map(",K1,,,,,", 21)));
        assertEquals(false, ledger().map(",K1,,,,,", 21).getBoolean(3));
    }

    /**
     * A stray quote in a text field of line 186 (SAP's downloads never quote) swallows the lines after it to the end
     * of the file: one reject per line, each naming its own, so that they count as rejected (and can stop the run)
     * rather than vanish into the raw text of one; a blank line among them stays blank. A record of one line whose
     * quote is left open stays one reject.
     */
    @Test
    void aQuoteLeftOpenRejectsEveryLineItSwallowedEachByItsOwnNumber() throws MappingException {
        RecordMapper mapper = new RecordMapper(source("csv"), "ar.csv", COLUMNS, AS_OF, ValueBounds.DEFAULT);
        byte[] bytes = "A-1,K1,1/5/2025,2/4/2025,10.00,,\"damaged\r\nA-2,K2,1/5/2025,2/4/2025,20.00,,N\n\nA-3,K3\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<Row> rows = mapper.rows(new RecordFramer.Record(bytes, 186, true));
        assertEquals(List.of(186L, 187L, 188L, 189L), rows.stream().map(r -> r.getLong(1)).toList());
        assertEquals(List.of("A-1,K1,1/5/2025,2/4/2025,10.00,,\"damaged", "A-2,K2,1/5/2025,2/4/2025,20.00,,N", "",
                "A-3,K3"), rows.stream().map(r -> r.getString(2)).toList());
        assertEquals(List.of("MALFORMED_ROW null: a quote opened in the row is never closed, so the row ran on to the "
                + "end of the file; the lines after it, to line 189, are rejected with it"), problems(rows.get(0)));
        assertEquals(List.of("MALFORMED_ROW null: inside the quote left open on line 186, so never read as a row of "
                + "its own"), problems(rows.get(1)));
        assertTrue(rows.get(2).getBoolean(3), "the blank line stays blank");
        assertEquals(List.of("MALFORMED_ROW null: inside the quote left open on line 186, so never read as a row of "
                + "its own"), problems(rows.get(3)));
        List<Row> one = mapper.rows(new RecordFramer.Record("A-9,K9,\"x".getBytes(
                java.nio.charset.StandardCharsets.UTF_8), 9, true));
        assertEquals(1, one.size());
        assertEquals(List.of("MALFORMED_ROW null: a quote opened in the row is never closed, so the row runs on to "
                + "the end of the file (line 9)"), problems(one.get(0)));
    }

    /**
     * Layout that is no data: a spreadsheet's formatted empty row (",,,,,," or quoted empties) is a blank line, and a
     * page header repeated inside the file is ignored by the mapping, counted as such; neither is a reject of a
     * row missing its fields, which could stop the run over the reject share. A row with one value is a row.
     */
    @Test
    void anEmptyRowIsBlankAndARepeatedHeaderIsIgnoredLayout() throws MappingException {
        for (String empty : List.of(",,,,,,", " , ,\"\",,,,")) {
            Row mapped = map(empty);
            assertTrue(mapped.getBoolean(3), empty);
            assertEquals(List.of(), problems(mapped), empty);
        }
        Row header = map("Inv,Cust,Issued,Due,Amt,Paid,Flag");
        assertEquals(RecordMapper.REPEATED_HEADER, header.getString(MappedRows.SCHEMA.fieldIndex(MappedRows.IGNORED)));
        assertEquals(List.of(), problems(header));
        assertEquals("MISSING_FIELD", problems(map(",K1,,,,,")).get(0).split(" ")[0]);
    }
}
