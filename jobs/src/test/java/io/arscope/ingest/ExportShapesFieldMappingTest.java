package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.arscope.ingest.mapping.DebitCredit;
import io.arscope.ingest.mapping.Mapping;
import io.arscope.ingest.mapping.MappingException;
import io.arscope.ingest.mapping.SourceSpec;
import io.arscope.ingest.mapping.TargetSpec;
import io.arscope.model.CanonicalTable;

/**
 * The field sources and conditions that real ERP exports need, applied to values read off a line: ids made of
 * several columns or of the line number, the first non-empty of several columns, placeholders read as empty,
 * conditions combined with all, any and not, and a debit/credit side read from an indicator or from a sign.
 */
class ExportShapesFieldMappingTest {

    /** Shaped like an SAP FI-AR line-item export (BSID/BSAD): the side in SHKZG, amounts with a comma. */
    private static final String SAP = """
            sources:
              - name: sap
                file: items.csv
                dateFormats: [yyyyMMdd]
                decimalSeparator: ','
                groupingSeparator: '.'
                emptyValues: ['00000000']
                debitCredit: {column: SHKZG, debit: S, credit: H}
                produces:
                  invoices:
                    when: {all: [{debitCredit: debit}, {column: BLART, in: [DR, RV]}]}
                    fields:
                      invoice_id: {columns: [BUKRS, GJAHR, BELNR]}
                      customer_id: KUNNR
                      invoice_date: BLDAT
                      due_date: {firstOf: [ZFBDT, BLDAT]}
                      amount: DMBTR
                      currency: {value: EUR}
                  adjustments:
                    when: {all: [{debitCredit: credit}, {not: {column: BLART, equals: DZ}}]}
                    fields:
                      adjustment_id: {columns: [BUKRS, GJAHR, BELNR], separator: /, prefix: CM-}
                      invoice_id: REBZG
                      adjustment_date: BLDAT
                      amount: DMBTR
                      kind: {value: credit_memo}
                      reason: {lineNumber: true, prefix: 'line '}
            """;

    private static SourceSpec source(String yaml) throws MappingException {
        return Mapping.parse(yaml, "test").sources().get(0);
    }

    private static TargetSpec target(SourceSpec source, CanonicalTable table) {
        return source.produces().get(table.tableName());
    }

    private static Map<String, String> values(String... columnsAndValues) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            values.put(columnsAndValues[i], columnsAndValues[i + 1]);
        }
        return values;
    }

    private static List<String> shown(List<FieldProblem> problems) {
        return problems.stream().map(p -> p.reason + " " + p.field + ": " + p.getMessage()).toList();
    }

    private static String shown(FieldProblem p) {
        return shown(List.of(p)).get(0);
    }

    /** An SAP debit line of document 0090000123, with the given columns replaced. */
    private static Map<String, String> sapLine(String... replaced) {
        Map<String, String> line = values("BUKRS", "1000", "GJAHR", "2024", "BELNR", "0090000123", "KUNNR", "K1",
                "BLDAT", "20240315", "ZFBDT", "20240301", "DMBTR", "1.234,56", "SHKZG", "S", "BLART", "DR");
        line.putAll(values(replaced));
        return line;
    }

    private static List<Object> invoice(SourceSpec source, Map<String, String> values, List<FieldProblem> problems) {
        FieldMapping mapping = new FieldMapping(source);
        Object[] record = mapping.record(CanonicalTable.INVOICES, target(source, CanonicalTable.INVOICES),
                mapping.row(values, 12), problems);
        return java.util.Arrays.asList(record).subList(0, 5);
    }

    @Test
    void anIdIsMadeOfSeveralColumnsJoinedAndEachEmptyPartIsNamed() throws MappingException {
        SourceSpec sap = source(SAP);
        List<FieldProblem> problems = new ArrayList<>();
        assertEquals(List.of("1000-2024-0090000123", "K1", LocalDate.of(2024, 3, 15), LocalDate.of(2024, 3, 1),
                new BigDecimal("1234.56")), invoice(sap, sapLine(), problems));
        assertEquals(List.of(), shown(problems));

        List<Object> noYear = invoice(sap, sapLine("GJAHR", null), problems);
        assertNull(noYear.get(0));
        assertEquals(List.of("MISSING_FIELD invoice_id: invoice_id is made of columns [BUKRS, GJAHR, BELNR], but "
                + "GJAHR is empty"), shown(problems));

        problems.clear();
        invoice(sap, sapLine("BUKRS", null, "GJAHR", null, "BELNR", null), problems);
        assertEquals(List.of("MISSING_FIELD invoice_id: invoice_id is required but empty (columns [BUKRS, GJAHR, "
                + "BELNR])"), shown(problems));
    }

    @Test
    void aSeparatorPrefixAndTheLineNumberMakeIdsAndTexts() throws MappingException {
        SourceSpec sap = source(SAP);
        FieldMapping mapping = new FieldMapping(sap);
        List<FieldProblem> problems = new ArrayList<>();
        Object[] memo = mapping.record(CanonicalTable.ADJUSTMENTS, target(sap, CanonicalTable.ADJUSTMENTS),
                mapping.row(sapLine("SHKZG", "H", "BLART", "DG", "REBZG", "1000-2024-0090000100"), 12), problems);
        assertEquals(List.of(), shown(problems));
        assertEquals(List.of("CM-1000/2024/0090000123", "1000-2024-0090000100", LocalDate.of(2024, 3, 15),
                new BigDecimal("1234.56"), "credit_memo", "line 12"), List.of(memo[0], memo[1], memo[3], memo[4],
                        memo[5], memo[6]));
    }

    @Test
    void firstOfTakesTheFirstNonEmptyColumnAndEmptyValuesAreEmpty() throws MappingException {
        SourceSpec sap = source(SAP);
        List<FieldProblem> problems = new ArrayList<>();
        // ZFBDT 00000000 is SAP's "no baseline date": empty, so the document date is the due date.
        assertEquals(LocalDate.of(2024, 3, 15), invoice(sap, sapLine("ZFBDT", "00000000"), problems).get(3));
        assertEquals(LocalDate.of(2024, 3, 15), invoice(sap, sapLine("ZFBDT", null), problems).get(3));
        assertEquals(List.of(), shown(problems));

        invoice(sap, sapLine("ZFBDT", "00000000", "BLDAT", "00000000"), problems);
        assertEquals(List.of("MISSING_FIELD invoice_date: invoice_date is required but empty (column BLDAT)",
                "MISSING_FIELD due_date: due_date is required but empty (first of [ZFBDT, BLDAT])"), shown(problems));

        // Without emptyValues the placeholder is a date that does not exist.
        problems.clear();
        invoice(source(SAP.replace("emptyValues: ['00000000']", "emptyValues: []")), sapLine("ZFBDT", "00000000"),
                problems);
        assertEquals(List.of("BAD_DATE due_date: due_date '00000000' is not a date in [yyyyMMdd] (first of [ZFBDT, BLDAT])"), shown(problems));
    }

    @Test
    void theIndicatorSetsTheSideAndTheAmountIsItsMagnitude() throws MappingException {
        SourceSpec sap = source(SAP);
        FieldMapping mapping = new FieldMapping(sap);
        TargetSpec invoices = target(sap, CanonicalTable.INVOICES);
        TargetSpec memos = target(sap, CanonicalTable.ADJUSTMENTS);
        FieldMapping.SourceRow debit = mapping.row(sapLine(), 2);
        assertEquals(DebitCredit.Side.DEBIT, mapping.side(debit));
        assertEquals(List.of(true, false), List.of(mapping.produces(invoices, debit), mapping.produces(memos, debit)));
        FieldMapping.SourceRow credit = mapping.row(sapLine("SHKZG", "H", "BLART", "DG"), 3);
        assertEquals(DebitCredit.Side.CREDIT, mapping.side(credit));
        assertEquals(List.of(false, true), List.of(mapping.produces(invoices, credit), mapping.produces(memos, credit)));

        // A credit written with its sign is the same credit; a negative amount on a debit row contradicts it.
        List<FieldProblem> problems = new ArrayList<>();
        Object[] signed = mapping.record(CanonicalTable.ADJUSTMENTS, memos,
                mapping.row(sapLine("SHKZG", "H", "DMBTR", "1.234,56-", "REBZG", "X"), 4), problems);
        assertEquals(new BigDecimal("1234.56"), signed[CanonicalTable.ADJUSTMENTS.indexOf("amount")]);
        assertEquals(List.of(), shown(problems));
        invoice(sap, sapLine("DMBTR", "1.234,56-"), problems);
        assertEquals(List.of("DEBIT_CREDIT_CONFLICT amount: amount -1234.56 is negative, which is a credit, but "
                + "SHKZG 'S' says debit"), shown(problems));

        assertEquals("BAD_VALUE SHKZG: SHKZG 'X' is neither debit 'S' nor credit 'H'",
                shown(assertThrows(FieldProblem.class, () -> mapping.side(mapping.row(sapLine("SHKZG", "X"), 5)))));
        assertEquals("MISSING_FIELD SHKZG: SHKZG is empty, so the row is neither debit nor credit",
                shown(assertThrows(FieldProblem.class, () -> mapping.side(mapping.row(sapLine("SHKZG", null), 6)))));
    }

    @Test
    void theSignOfAnAmountCanSetTheSideInstead() throws MappingException {
        SourceSpec signed = source(SAP.replace("{column: SHKZG, debit: S, credit: H}", "{signOf: DMBTR}"));
        FieldMapping mapping = new FieldMapping(signed);
        FieldMapping.SourceRow credit = mapping.row(sapLine("SHKZG", null, "BLART", "DG", "DMBTR", "1.234,56-",
                "REBZG", "X"), 2);
        assertEquals(DebitCredit.Side.CREDIT, mapping.side(credit));
        List<FieldProblem> problems = new ArrayList<>();
        Object[] memo = mapping.record(CanonicalTable.ADJUSTMENTS, target(signed, CanonicalTable.ADJUSTMENTS), credit,
                problems);
        assertEquals(new BigDecimal("1234.56"), memo[CanonicalTable.ADJUSTMENTS.indexOf("amount")]);
        assertEquals(List.of(), shown(problems));
        assertEquals(DebitCredit.Side.DEBIT, mapping.side(mapping.row(sapLine("DMBTR", "0,00"), 3)));
        assertEquals("BAD_AMOUNT DMBTR: DMBTR 'n/a' is not an amount",
                shown(assertThrows(FieldProblem.class, () -> mapping.side(mapping.row(sapLine("DMBTR", "n/a"), 4)))));
    }

    private static final String TRUTH = """
            sources:
              - file: t.csv
                trueValues: ['Y']
                falseValues: ['N']
                produces:
                  disputes:
                    when: %s
                    fields: {dispute_id: id, invoice_id: id, opened_date: d}
            """;

    /** Whether the condition holds for each row: A and B given as "Y"/"N", in the order YY, YN, NY, NN. */
    private static List<Boolean> truthTable(String condition) throws MappingException {
        SourceSpec source = source(TRUTH.formatted(condition));
        FieldMapping mapping = new FieldMapping(source);
        List<Boolean> table = new ArrayList<>();
        for (String[] ab : new String[][] {{"Y", "Y"}, {"Y", "N"}, {"N", "Y"}, {"N", "N"}}) {
            table.add(mapping.produces(target(source, CanonicalTable.DISPUTES),
                    mapping.row(values("A", ab[0], "B", ab[1]), 1)));
        }
        return table;
    }

    @Test
    void conditionsCombineWithAllAnyAndNot() throws MappingException {
        assertEquals(List.of(true, false, false, false), truthTable("{all: [{column: A, flag: true}, "
                + "{column: B, flag: true}]}"));
        assertEquals(List.of(true, true, true, false), truthTable("{any: [{column: A, flag: true}, "
                + "{column: B, flag: true}]}"));
        assertEquals(List.of(false, false, true, true), truthTable("{not: {column: A, flag: true}}"));
        assertEquals(List.of(false, true, true, true), truthTable("{not: {all: [{column: A, equals: Y}, "
                + "{column: B, equals: Y}]}}"));
        assertEquals(List.of(true, true, false, true), truthTable("{any: [{column: A, in: ['Y', 'Q']}, "
                + "{not: {column: B, in: ['Y']}}]}"));
        assertEquals(List.of(true, true, false, false), truthTable("{all: [{column: A, equals: Y}]}"));
    }

    @Test
    void aRowIsIgnoredByTheFirstAlternativeItMeets() throws MappingException {
        SourceSpec report = source("""
                sources:
                  - file: r.csv
                    ignore:
                      any:
                        - {column: Customer, equals: TOTAL}
                        - {all: [{column: Num, present: false}, {column: Amount, present: false}]}
                        - {all: [{column: Num, present: false}, {not: {column: Amount, present: false}}]}
                    produces:
                      disputes: {fields: {dispute_id: Num, invoice_id: Num, opened_date: Date}}
                """);
        FieldMapping mapping = new FieldMapping(report);
        assertEquals("Customer is 'TOTAL'", mapping.ignoredBy(mapping.row(values("Customer", "TOTAL",
                "Amount", "10"), 1)));
        assertEquals("Num is empty and Amount is empty", mapping.ignoredBy(mapping.row(values("Customer", "Acme"), 2)));
        assertEquals("Num is empty and not (Amount is empty)", mapping.ignoredBy(mapping.row(values("Customer",
                "Total for Acme", "Amount", "10"), 3)));
        assertNull(mapping.ignoredBy(mapping.row(values("Customer", "Acme", "Num", "1001", "Amount", "10"), 4)));
    }
}
