package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.arscope.ingest.mapping.Mapping;
import io.arscope.ingest.mapping.MappingException;
import io.arscope.ingest.mapping.SourceSpec;
import io.arscope.ingest.mapping.TargetSpec;
import io.arscope.model.CanonicalTable;

/** A mapping's field rules applied to values already read off a line, before the row rules judge the records. */
class FieldMappingTest {

    private static final String PRODUCES = """
                dateFormats: [M/d/yyyy]
                trueValues: ['Y']
                falseValues: ['N']
                produces:
                  invoices:
                    fields: {invoice_id: Inv, customer_id: {column: Cust, prefix: 'K-'}, invoice_date: Issued,
                             due_date: {column: Due, dateFormats: [yyyyMMdd]}, amount: Amt, currency: {value: usd},
                             billing_channel: {column: Chan, values: {E: electronic}}}
                  disputes:
                    when: {column: Flag, flag: true}
                    fields: {dispute_id: Case, invoice_id: Inv, opened_date: Issued}
                  customers:
                    derived: true
                    when: {column: Kind, equals: C}
                    fields: {customer_id: {column: Cust, prefix: 'K-'}}
                  payments:
                    when: {column: Paid, present: true}
                    fields: {payment_id: Inv, invoice_id: Inv, payment_date: Paid, amount: Amt}
            """;

    private static SourceSpec source(String origin) throws MappingException {
        return Mapping.parse("sources:\n  - name: ar\n" + origin + PRODUCES, "test").sources().get(0);
    }

    private static SourceSpec file() throws MappingException {
        return source("    file: ar.csv\n");
    }

    private static TargetSpec target(SourceSpec source, CanonicalTable table) {
        return source.produces().get(table.tableName());
    }

    /** A row read off line 7, as its values are given. */
    private static FieldMapping.SourceRow values(String... columnsAndValues) {
        return new FieldMapping.SourceRow(map(columnsAndValues), 7);
    }

    private static Map<String, String> map(String... columnsAndValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            values.put(columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return values;
    }

    private static List<String> shown(List<FieldProblem> problems) {
        return problems.stream().map(p -> p.reason + " " + p.field + ": " + p.getMessage()).toList();
    }

    @Test
    void theNamedColumnsAreTheFieldSourcesThenTheConditionOfEachTargetOnce() throws MappingException {
        assertEquals(List.of("Inv", "Cust", "Issued", "Due", "Amt", "Chan", "Case", "Flag", "Kind", "Paid"),
                new FieldMapping(file()).namedColumns());
    }

    @Test
    void aRecordHoldsEveryCanonicalFieldTypedThenWhetherItIsDerived() throws MappingException {
        SourceSpec source = file();
        FieldMapping mapping = new FieldMapping(source);
        List<FieldProblem> problems = new ArrayList<>();
        Object[] invoice = mapping.record(CanonicalTable.INVOICES, target(source, CanonicalTable.INVOICES),
                values("Inv", "A-1", "Cust", "17", "Issued", "3/7/2025", "Due", "20250406", "Amt", "100.5", "Chan", "E"),
                problems);
        assertEquals(List.of(), shown(problems));
        assertEquals(Arrays.asList("A-1", "K-17", LocalDate.of(2025, 3, 7), LocalDate.of(2025, 4, 6),
                new BigDecimal("100.50"), "usd", null, null, "electronic", false), Arrays.asList(invoice));
        Object[] customer = mapping.record(CanonicalTable.CUSTOMERS, target(source, CanonicalTable.CUSTOMERS),
                values("Cust", "17"), problems);
        assertEquals(Arrays.asList("K-17", null, null, null, null, null, null, null, null, true),
                Arrays.asList(customer));
    }

    @Test
    void everyFieldThatCannotBeReadIsListedAndLeftEmpty() throws MappingException {
        SourceSpec source = file();
        List<FieldProblem> problems = new ArrayList<>();
        Object[] invoice = new FieldMapping(source).record(CanonicalTable.INVOICES,
                target(source, CanonicalTable.INVOICES),
                values("Inv", "A-1", "Issued", "2025-03-07", "Due", "4/6/2025", "Amt", "1.005", "Chan", "Fax"), problems);
        assertEquals(List.of(
                "MISSING_FIELD customer_id: customer_id is required but empty (column Cust)",
                "BAD_DATE invoice_date: invoice_date '2025-03-07' is not a date in [M/d/yyyy] (column Issued)",
                "BAD_DATE due_date: due_date '4/6/2025' is not a date in [yyyyMMdd] (column Due)",
                "BAD_AMOUNT amount: amount '1.005' has more than 2 decimal places (column Amt)",
                "BAD_VALUE billing_channel: billing_channel 'Fax' is not one of [E] (column Chan)"), shown(problems));
        assertEquals(Arrays.asList("A-1", null, null, null, null, "usd", null, null, null, false),
                Arrays.asList(invoice));
    }

    @Test
    void aDatabaseSourceAlsoReadsIsoDatesWhateverItsFormats() throws MappingException {
        SourceSpec source = source("    table: ar.invoices\n    key: [Inv]\n");
        List<FieldProblem> problems = new ArrayList<>();
        Object[] dispute = new FieldMapping(source).record(CanonicalTable.DISPUTES,
                target(source, CanonicalTable.DISPUTES), values("Case", "D-1", "Inv", "A-1", "Issued", "2025-03-07"),
                problems);
        assertEquals(List.of(), shown(problems));
        assertEquals(LocalDate.of(2025, 3, 7), dispute[CanonicalTable.DISPUTES.indexOf("opened_date")]);
    }

    @Test
    void eachTargetIsProducedWhenItsConditionHolds() throws MappingException {
        SourceSpec source = file();
        FieldMapping mapping = new FieldMapping(source);
        TargetSpec invoices = target(source, CanonicalTable.INVOICES);
        TargetSpec disputes = target(source, CanonicalTable.DISPUTES);
        TargetSpec customers = target(source, CanonicalTable.CUSTOMERS);
        TargetSpec payments = target(source, CanonicalTable.PAYMENTS);
        assertTrue(mapping.produces(invoices, values()));
        assertTrue(mapping.produces(disputes, values("Flag", "y")));
        assertFalse(mapping.produces(disputes, values("Flag", "N")));
        assertTrue(mapping.produces(customers, values("Kind", "C")));
        assertFalse(mapping.produces(customers, values("Kind", "c")));
        assertFalse(mapping.produces(customers, values()));
        assertTrue(mapping.produces(payments, values("Paid", "5/2/2025")));
        assertFalse(mapping.produces(payments, values()));
    }

    @Test
    void aFlagConditionThatCannotBeReadIsAProblem() throws MappingException {
        SourceSpec source = file();
        FieldMapping mapping = new FieldMapping(source);
        TargetSpec disputes = target(source, CanonicalTable.DISPUTES);
        FieldProblem empty = assertThrows(FieldProblem.class, () -> mapping.produces(disputes, values()));
        assertEquals("MISSING_FIELD Flag: Flag is required (a flag) but empty", shown(List.of(empty)).get(0));
        FieldProblem unknown = assertThrows(FieldProblem.class, () -> mapping.produces(disputes, values("Flag", "maybe")));
        assertEquals("BAD_VALUE Flag: Flag 'maybe' is neither true [y] nor false [n]", shown(List.of(unknown)).get(0));
    }
    @Test
    void aColumnsPartIsReadByExtractAndAStartsWithConditionTestsATextsStart() throws MappingException {
        // Odoo's credit notes name the invoice they reverse inside a reference; one that reverses none is on account.
        SourceSpec source = Mapping.parse("""
                sources:
                  - name: odoo-credit-notes
                    file: credit-notes.csv
                    dateFormats: [dd/MM/yyyy]
                    ignore: {column: Number, startsWith: 'Total'}
                    produces:
                      adjustments:
                        when: {column: Reference, startsWith: 'Reversal of: '}
                        fields: {adjustment_id: Number, invoice_id: {column: Reference, extract: 'Reversal of: ([^,]+)'},
                                 customer_id: Partner, adjustment_date: Date, amount: Amount, kind: {value: credit_memo}}
                """, "test").sources().get(0);
        FieldMapping mapping = new FieldMapping(source);
        TargetSpec adjustments = target(source, CanonicalTable.ADJUSTMENTS);
        List<FieldProblem> problems = new ArrayList<>();
        Object[] reversal = mapping.record(CanonicalTable.ADJUSTMENTS, adjustments, values("Number", "RINV/2025/00007",
                "Reference", "Reversal of: INV/2025/00012, damaged goods", "Partner", "Azure Interior", "Date",
                "14/03/2025", "Amount", "120.00"), problems);
        assertEquals(List.of(), shown(problems));
        assertEquals("INV/2025/00012", reversal[CanonicalTable.ADJUSTMENTS.indexOf("invoice_id")]);
        assertTrue(mapping.produces(adjustments, values("Reference", "Reversal of: INV/2025/00012")));
        assertFalse(mapping.produces(adjustments, values("Reference", "Refund of deposit")));
        assertFalse(mapping.produces(adjustments, values("Reference", "reversal of: INV/2025/00012")));
        assertFalse(mapping.produces(adjustments, values()));
        // No match is no value: the credit is on account, not an invoice named 'Refund of deposit'.
        Object[] unmatched = mapping.record(CanonicalTable.ADJUSTMENTS, adjustments, values("Number", "RINV/2025/00008",
                "Reference", "Refund of deposit", "Partner", "Azure Interior", "Date", "15/03/2025", "Amount", "50.00"),
                problems);
        assertEquals(List.of(), shown(problems));
        assertEquals(null, unmatched[CanonicalTable.ADJUSTMENTS.indexOf("invoice_id")]);
        assertEquals("Number starts with 'Total'", source.ignore().describe());
        assertEquals("Number starts with 'Total'", mapping.ignoredBy(values("Number", "Total for Azure Interior")));
        assertEquals(null, mapping.ignoredBy(values("Number", "RINV/2025/00007")));
    }

    @Test
    void anExtractMustBeARegularExpressionOfAtMostOneGroupReadFromOneColumn() {
        MappingException e = assertThrows(MappingException.class, () -> Mapping.parse("""
                sources:
                  - name: notes
                    file: notes.csv
                    produces:
                      adjustments:
                        fields: {adjustment_id: {column: Ref, extract: '(A)-(B)'}, invoice_id: {column: Ref, extract: '(x'},
                                 customer_id: {value: K, extract: 'K'}, adjustment_date: Date, amount: Amount,
                                 kind: {value: credit_memo}}
                """, "test"));
        assertTrue(e.getMessage().contains("'extract' '(A)-(B)' has 2 groups; give one group, the part to keep (write "
                + "other parentheses as (?:...))"), e.getMessage());
        assertTrue(e.getMessage().contains("'extract' '(x' is not a regular expression: Unclosed group"),
                e.getMessage());
        assertTrue(e.getMessage().contains("'extract' applies to 'column' only"), e.getMessage());
    }
    @Test
    void anEmptyCellTakesTheFieldsIfEmptyValueAndNoTestOrTranslationOfAnEmptyTextIsAccepted() throws Exception {
        // Business Central leaves the currency of an amount in its local currency empty.
        SourceSpec source = Mapping.parse("""
                sources:
                  - name: bc
                    file: ledger.csv
                    dateFormats: [dd.MM.yyyy]
                    produces:
                      invoices:
                        fields: {invoice_id: Document No., customer_id: Customer No., invoice_date: Posting Date,
                                 due_date: Due Date, amount: Amount, currency: {column: Currency Code, ifEmpty: EUR}}
                """, "test").sources().get(0);
        FieldMapping mapping = new FieldMapping(source);
        List<FieldProblem> problems = new ArrayList<>();
        Object[] local = mapping.record(CanonicalTable.INVOICES, target(source, CanonicalTable.INVOICES), values(
                "Document No.", "103001", "Customer No.", "10000", "Posting Date", "03.01.2025", "Due Date",
                "02.02.2025", "Amount", "1234.56"), problems);
        Object[] dollars = mapping.record(CanonicalTable.INVOICES, target(source, CanonicalTable.INVOICES), values(
                "Document No.", "103002", "Customer No.", "10350", "Posting Date", "03.01.2025", "Due Date",
                "02.02.2025", "Amount", "99.00", "Currency Code", "USD"), problems);
        assertEquals(List.of(), shown(problems));
        assertEquals("EUR", local[CanonicalTable.INVOICES.indexOf("currency")]);
        assertEquals("USD", dollars[CanonicalTable.INVOICES.indexOf("currency")]);

        MappingException e = assertThrows(MappingException.class, () -> Mapping.parse("""
                sources:
                  - name: bc
                    file: ledger.csv
                    ignore: {column: Document Type, in: [Payment, '']}
                    produces:
                      invoices:
                        when: {column: Open, equals: ''}
                        fields: {invoice_id: Document No., customer_id: Customer No., invoice_date: Posting Date,
                                 due_date: Due Date, amount: Amount, currency: {column: Currency Code, values: {'': EUR}},
                                 billing_channel: {value: paper, ifEmpty: email}}
                """, "test"));
        assertTrue(e.getMessage().contains("'ignore' tests for '', which no cell holds: an empty cell is missing; test "
                + "it with {column: Document Type, present: false}"), e.getMessage());
        assertTrue(e.getMessage().contains("'when' tests for '', which no cell holds"), e.getMessage());
        assertTrue(e.getMessage().contains("invoices.currency: 'values' translates '', but an empty cell has no value "
                + "to translate; for the value of an empty cell, give 'ifEmpty'"), e.getMessage());
        assertTrue(e.getMessage().contains("invoices.billing_channel: 'ifEmpty' needs a text, and a field read from a "
                + "column to stand in for"), e.getMessage());
    }
}
