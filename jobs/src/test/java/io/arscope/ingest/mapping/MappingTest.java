package io.arscope.ingest.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.arscope.ingest.QualityPolicy;
import io.arscope.ingest.RejectReason;
import io.arscope.model.CanonicalTable;

class MappingTest {

    private static Path shipped(String name) {
        return Path.of(System.getProperty("arscope.repo.dir"), "data-samples/mappings", name);
    }

    @Test
    void theShippedMappingsLoad() throws MappingException {
        Mapping generator = Mapping.load(shipped("arscope-generator.yaml"));
        // A one-currency history needs no exchange rates.
        assertEquals(Set.of(CanonicalTable.CUSTOMERS, CanonicalTable.INVOICES, CanonicalTable.PAYMENTS,
                CanonicalTable.ADJUSTMENTS, CanonicalTable.DISPUTES, CanonicalTable.CONTACTS, CanonicalTable.PROMISES,
                CanonicalTable.PLAN_INSTALMENTS), generator.producedTables());
        assertEquals(Set.of(CanonicalTable.values()), Mapping.load(shipped("arscope-generator-currencies.yaml"))
                .producedTables());
        assertTrue(generator.hasCustomerSource());
        Mapping ibm = Mapping.load(shipped("ibm-accounts-receivable.yaml"));
        assertEquals(Set.of(CanonicalTable.CUSTOMERS, CanonicalTable.INVOICES, CanonicalTable.PAYMENTS,
                CanonicalTable.DISPUTES), ibm.producedTables());
        // IBM's customers are read off invoice rows, so an invoice cannot name an unknown one.
        assertFalse(ibm.hasCustomerSource());
    }

    /**
     * IBM's and QuickBooks' exports name no currency and their mappings set USD; the others read it from a column.
     * Two sources of invoices set the currency only when both set the same one by a constant.
     */
    @Test
    void theInvoiceCurrencyIsTheMappingsWhenEverySourceSetsTheSameConstant() throws MappingException {
        assertEquals(java.util.Optional.of("USD"), Mapping.load(shipped("ibm-accounts-receivable.yaml"))
                .invoiceCurrencySet());
        assertEquals(java.util.Optional.of("USD"), Mapping.load(shipped("quickbooks-transaction-list.yaml"))
                .invoiceCurrencySet());
        for (String read : List.of("arscope-generator.yaml", "netsuite-transactions.yaml", "sap-fi-ar.yaml")) {
            assertEquals(java.util.Optional.empty(), Mapping.load(shipped(read)).invoiceCurrencySet(), read);
        }
        String two = """
                sources:
                  - name: a
                    file: a.csv
                    produces:
                      invoices:
                        fields: {invoice_id: id, customer_id: c, invoice_date: d, due_date: d, amount: x, currency: %s}
                  - name: b
                    file: b.csv
                    produces:
                      invoices:
                        fields: {invoice_id: id, customer_id: c, invoice_date: d, due_date: d, amount: x, currency: %s}
                """;
        assertEquals(java.util.Optional.of("EUR"), Mapping.parse(two.formatted("{value: EUR}", "{value: EUR}"),
                "two.yaml").invoiceCurrencySet());
        assertEquals(java.util.Optional.empty(), Mapping.parse(two.formatted("{value: EUR}", "{value: USD}"),
                "two.yaml").invoiceCurrencySet());
        assertEquals(java.util.Optional.empty(), Mapping.parse(two.formatted("{value: EUR}", "cur"),
                "two.yaml").invoiceCurrencySet());
    }

    @Test
    void everyProblemIsReportedAtOnceWithWhereItIs() {
        MappingException e = assertThrows(MappingException.class, () -> Mapping.parse("""
                sources:
                  - name: ar
                    file: ar.csv
                    delimiter: ';;'
                    dateFormats: [yyyy-MM-dd, not-a-format-QQQQQQ]
                    produces:
                      invoices:
                        fields: {invoice_id: Inv, customer_id: Cust, invoice_date: Date, amount: Amt,
                                 currency: {value: EUR, column: Cur}, colour: Colour}
                      receipts:
                        fields: {x: y}
                """, "bad.yaml"));
        String message = e.getMessage();
        assertTrue(message.startsWith("mapping bad.yaml has 6 problem(s):"), message);
        assertTrue(message.contains("source 'ar': delimiter must be one character, was ';;'"), message);
        assertTrue(message.contains("source 'ar' -> invoices: required field 'due_date' is not mapped"), message);
        assertTrue(message.contains("source 'ar' -> invoices.currency: give exactly one of 'column', 'value', 'columns', 'firstOf' and 'lineNumber'"),
                message);
        assertTrue(message.contains("'colour' is not a field of invoices"), message);
        assertTrue(message.contains("receipts"), message);
        assertTrue(message.contains("not-a-format-QQQQQQ"), message);
    }

    @Test
    void databaseSourcesAreCheckedToo() {
        MappingException e = assertThrows(MappingException.class, () -> Mapping.parse("""
                database: {url: 'jdbc:postgresql://db:5432/erp', user: reader}
                sources:
                  - file: a.csv
                    table: ar.a
                    produces: {customers: {fields: {customer_id: id}}}
                  - table: ar.invoices
                    fetchSize: 0
                    partitioning: {column: id, partitions: 0, lowerBound: 1}
                    produces: {customers: {fields: {customer_id: id}}}
                  - query: SELECT id FROM ar.c
                    key: [id]
                    produces: {customers: {fields: {customer_id: id}}}
                  - file: c.csv
                    key: [id]
                    produces: {customers: {fields: {customer_id: id}}}
                """, "db.yaml"));
        String message = e.getMessage();
        assertTrue(message.startsWith("mapping db.yaml has 8 problem(s):"), message);
        assertTrue(message.contains("source 'a.csv': give exactly one of 'file', 'table' and 'query'"), message);
        assertTrue(message.contains("source 'ar.invoices': 'key' must list the columns that identify a row"), message);
        assertTrue(message.contains("source 'ar.invoices': fetchSize must be at least 1, was 0"), message);
        assertTrue(message.contains("source 'ar.invoices': partitioning.partitions must be at least 1"), message);
        assertTrue(message.contains("source 'ar.invoices': give both partitioning bounds or neither"), message);
        assertTrue(message.contains("source 3: a 'query' source needs a 'name'"), message);
        assertTrue(message.contains("source 'c.csv': 'key', 'fetchSize' and 'partitioning' apply to a 'table' or "
                + "'query' only"), message);
    }

    /** A workbook source reads a sheet; text-file keys do not apply to it, nor a sheet to a CSV file. */
    @Test
    void workbookSourcesAreCheckedToo() throws MappingException {
        MappingException e = assertThrows(MappingException.class, () -> Mapping.parse("""
                sources:
                  - file: a.xlsx
                    format: xlsx
                    encoding: windows-1252
                    produces: {customers: {fields: {customer_id: id}}}
                  - file: b.csv
                    sheet: Detail
                    produces: {customers: {fields: {customer_id: id}}}
                  - file: c.ods
                    format: ods
                    produces: {customers: {fields: {customer_id: id}}}
                """, "wb.yaml"));
        String message = e.getMessage();
        assertTrue(message.startsWith("mapping wb.yaml has 3 problem(s):"), message);
        assertTrue(message.contains("source 'a.xlsx': 'encoding' and 'quotes' apply to text files, not to an xlsx "
                + "workbook"), message);
        assertTrue(message.contains("source 'b.csv': 'sheet' applies to an xlsx workbook only"), message);
        assertTrue(message.contains("source 'c.ods': format must be csv, jsonl or xlsx, was 'ods'"), message);
        SourceSpec sheet = Mapping.parse("""
                sources:
                  - file: a.xlsx
                    format: xlsx
                    sheet: Detail
                    produces: {customers: {fields: {customer_id: id}}}
                """, "ok.yaml").sources().get(0);
        assertTrue(sheet.isWorkbook());
        assertEquals("Detail", sheet.sheet());
    }

    @Test
    void aFileThatIsNotYamlSaysSo() {
        MappingException e = assertThrows(MappingException.class, () -> Mapping.parse("sources: [\n", "broken.yaml"));
        assertTrue(e.getMessage().startsWith("mapping broken.yaml is not valid:"), e.getMessage());
    }

    private static String customersFrom(String file) {
        return "sources:\n  - name: c\n    file: '" + file + "'\n"
                + "    produces: {customers: {fields: {customer_id: id}}}\n";
    }

    @Test
    void aFileMustStayInsideTheInputFolder() throws MappingException {
        for (String inside : new String[] {"a.csv", "./a.csv", "exports/ar-*.csv", "exports/../a.csv",
            "a/b/../../c.csv", "exports//a.csv", "..a.csv", "a..csv"}) {
            assertEquals(inside, Mapping.parse(customersFrom(inside), "in.yaml").sources().get(0).file());
        }
        String leaves = "leaves the input folder; give a path inside it (--input)";
        String absolute = "is an absolute path; give it relative to the input folder (--input)";
        String location = "names a location of its own; give a path relative to the input folder (--input)";
        for (String[] outside : new String[][] {
            {"../a.csv", leaves}, {"exports/../../a.csv", leaves}, {"./../*.csv", leaves}, {"..", leaves},
            {"/etc/passwd", absolute}, {"\\\\server\\share\\a.csv", absolute},
            {"hdfs://nn/exports/a.csv", location}, {"file:/etc/passwd", location}, {"C:/exports/a.csv", location},
            {".", "names the input folder itself, not a file in it"},
            {"exports/..", "names the input folder itself, not a file in it"}}) {
            MappingException e = assertThrows(MappingException.class, () -> Mapping.parse(customersFrom(outside[0]),
                    "out.yaml"));
            assertEquals("mapping out.yaml has 1 problem(s):\n  - source 'c': file '" + outside[0] + "' " + outside[1],
                    e.getMessage());
        }
    }

    /**
     * A column headed "No" (an invoice number's heading in many exports) given unquoted is YAML's false: the mapping
     * was refused with Jackson's "no boolean/Boolean-argument constructor/factory method", naming no field.
     */
    @Test
    void aColumnNamedNoUnquotedIsToldToBeQuoted() {
        MappingException e = assertThrows(MappingException.class, () -> Mapping.parse("""
                sources:
                  - name: i
                    file: i.csv
                    produces:
                      invoices:
                        fields: {invoice_id: No, customer_id: Customer}
                """, "no.yaml"));
        assertEquals("mapping no.yaml is not valid: a value at sources > entry 1 > produces > invoices > fields > "
                + "invoice_id (line 6) reads as true or false (YAML takes an unquoted yes, no, on, off, true or false "
                + "so); quote it if it is a name: 'No'", e.getMessage());
    }

    @Test
    void aKeyGivenTwiceIsRefusedWhereverItIs() {
        MappingException e = assertThrows(MappingException.class, () -> Mapping.parse("""
                sources:
                  - name: c
                    file: c.csv
                    produces:
                      customers:
                        fields: {customer_id: id, name: name, name: full_name}
                """, "twice.yaml"));
        assertEquals("mapping twice.yaml is not valid: key 'name' is given twice in one map (line 6); give each key "
                + "once", e.getMessage());
    }

    @Test
    void theQualityKeySetsAnActionPerRuleAndTheRestKeepTheirDefaults() throws MappingException {
        Mapping mapping = Mapping.parse("""
                quality: {BEFORE_INVOICE: reject, CUSTOMER_MISMATCH: Flag, DATED_AFTER_AS_OF: reject}
                sources:
                  - file: c.csv
                    produces: {customers: {fields: {customer_id: id}}}
                """, "quality.yaml");
        QualityPolicy policy = mapping.qualityPolicy();
        assertEquals(List.of(QualityPolicy.Action.REJECT, QualityPolicy.Action.FLAG, QualityPolicy.Action.FLAG,
                QualityPolicy.Action.REJECT, QualityPolicy.Action.REJECT), List.of(
                policy.action(RejectReason.BEFORE_INVOICE), policy.action(RejectReason.CUSTOMER_MISMATCH),
                policy.action(RejectReason.DUE_BEFORE_ISSUE), policy.action(RejectReason.DATE_ORDER),
                policy.action(RejectReason.DATED_AFTER_AS_OF)));
        assertEquals(List.of("DUE_BEFORE_ISSUE", "CUSTOMER_MISMATCH", "MISSING_RATE", "PAYMENT_REVERSAL"),
                policy.codes(QualityPolicy.Action.FLAG));
        assertEquals(List.of("DUE_BEFORE_ISSUE", "DATED_AFTER_AS_OF", "BEFORE_INVOICE", "CUSTOMER_MISMATCH",
                "MISSING_RATE", "PAYMENT_REVERSAL"), QualityPolicy.DEFAULT.codes(QualityPolicy.Action.FLAG));
    }

    @Test
    void anUnknownRuleAWrongActionAndFlagOnAStructuralFaultAreEachNamed() {
        MappingException e = assertThrows(MappingException.class, () -> Mapping.parse("""
                quality: {BEFORE_INVOIC: flag, DUE_BEFORE_ISSUE: warn, BAD_DATE: flag, duplicate_id: reject,
                          NONSENSE: flag}
                sources:
                  - file: c.csv
                    produces: {customers: {fields: {customer_id: id}}}
                """, "quality.yaml"));
        assertEquals("""
                mapping quality.yaml has 5 problem(s):
                  - quality: 'BEFORE_INVOIC' is not a rule code; did you mean 'BEFORE_INVOICE'?
                  - quality.DUE_BEFORE_ISSUE: the action must be 'reject' or 'flag', was 'warn'
                  - quality.BAD_DATE: cannot be 'flag': it is a structural fault, so the record is not usable as it \
                stands; only [DUE_BEFORE_ISSUE, DATED_AFTER_AS_OF, BEFORE_INVOICE, CUSTOMER_MISMATCH, MISSING_RATE, \
                PAYMENT_REVERSAL] can be flagged
                  - quality: 'duplicate_id' is not a rule code; did you mean 'DUPLICATE_ID'?
                  - quality: 'NONSENSE' is not a rule code; expected one of [AMOUNT_OUT_OF_RANGE, BAD_AMOUNT, \
                BAD_DATE, BAD_ENCODING, BAD_NUMBER, BAD_VALUE, BEFORE_INVOICE, CURRENCY_MISMATCH, CUSTOMER_MISMATCH, \
                DATED_AFTER_AS_OF, DATE_ORDER, DATE_OUT_OF_RANGE, DEBIT_CREDIT_CONFLICT, DUE_BEFORE_ISSUE, \
                DUPLICATE_ID, MALFORMED_ROW, MISSING_FIELD, MISSING_RATE, NON_POSITIVE_AMOUNT, NO_RECORD, \
                PAYMENT_REVERSAL, REJECTED_INVOICE, UNKNOWN_CUSTOMER, UNKNOWN_INVOICE]""",
                e.getMessage());
    }

    @Test
    void anUnknownKeyNamesTheNearestKnownOne() {
        MappingException e = assertThrows(MappingException.class, () -> Mapping.parse("""
                sources:
                  - name: c
                    file: c.csv
                    date_formats: [d.M.yyyy]
                    produces: {customers: {fields: {customer_id: id}}}
                """, "typo.yaml"));
        assertEquals("mapping typo.yaml is not valid: unknown key 'date_formats' at sources > entry 1; did you mean "
                + "'dateFormats'?", e.getMessage());
        MappingException top = assertThrows(MappingException.class, () -> Mapping.parse("""
                source:
                  - name: c
                """, "top.yaml"));
        assertEquals("mapping top.yaml is not valid: unknown key 'source'; did you mean 'sources'?", top.getMessage());
        MappingException condition = assertThrows(MappingException.class, () -> Mapping.parse("""
                sources:
                  - file: c.csv
                    produces: {customers: {when: {column: x, equal: 'A'}, fields: {customer_id: id}}}
                """, "when.yaml"));
        assertEquals("mapping when.yaml is not valid: unknown key 'equal' at sources > entry 1 > produces > customers "
                + "> when; did you mean 'equals'?", condition.getMessage());
    }

    @Test
    void aFilesEncodingIsOneJavaKnowsThatWritesAsciiAsAscii() throws MappingException {
        MappingException e = assertThrows(MappingException.class, () -> Mapping.parse("""
                sources:
                  - file: a.csv
                    encoding: klingon-8
                    produces: {customers: {fields: {customer_id: id}}}
                  - file: b.csv
                    encoding: UTF-16
                    produces: {customers: {fields: {customer_id: id}}}
                  - table: ar.c
                    key: [id]
                    encoding: windows-1252
                    produces: {customers: {fields: {customer_id: id}}}
                """, "enc.yaml"));
        assertEquals("""
                mapping enc.yaml has 3 problem(s):
                  - source 'a.csv': encoding 'klingon-8' is not one Java knows (such as UTF-8, windows-1252, \
                ISO-8859-1)
                  - source 'b.csv': encoding 'UTF-16' does not write ASCII as ASCII (as UTF-16 does); convert the \
                file to UTF-8
                  - source 'ar.c': 'encoding' applies to files only; a database gives text, not bytes""",
                e.getMessage());
        SourceSpec latin = Mapping.parse("""
                sources:
                  - file: a.csv
                    encoding: windows-1252
                    produces: {customers: {fields: {customer_id: id}}}
                  - file: b.csv
                    produces: {customers: {fields: {customer_id: id}}}
                """, "ok.yaml").sources().get(0);
        assertEquals("windows-1252", latin.encodingOrDefault());
        assertEquals("UTF-8", Mapping.parse("sources: [{file: b.csv, produces: {customers: {fields: "
                + "{customer_id: id}}}}]", "ok.yaml").sources().get(0).encodingOrDefault());
    }

    @Test
    void theKeysOfReportShapedExportsAreCheckedWhereTheyAre() {
        MappingException e = assertThrows(MappingException.class, () -> Mapping.parse("""
                sources:
                  - name: sap
                    file: items.csv
                    skipLines: -1
                    debitCredit: {column: SHKZG, debit: S}
                    ignore: {column: Num}
                    produces:
                      invoices:
                        when: {all: [{debitCredit: debet}, {any: []}, {column: BLART, in: []}, {not: {flag: true}}]}
                        fields:
                          invoice_id: {columns: [BUKRS], column: BELNR}
                          customer_id: {firstOf: [KUNNR, '']}
                          invoice_date: {column: BLDAT, separator: '/'}
                          due_date: {lineNumber: false}
                          amount: {value: '1', lineNumber: true}
                          currency: {value: EUR}
                  - name: same
                    file: b.csv
                    debitCredit: {column: SHKZG, debit: S, credit: S}
                    produces:
                      customers:
                        when: {column: x, equals: A, debitCredit: debit}
                        fields: {customer_id: id}
                  - name: signed
                    file: c.csv
                    debitCredit: {signOf: DMBTR, column: SHKZG}
                    produces: {customers: {fields: {customer_id: id}}}
                  - name: plain
                    file: d.csv
                    ignore: {all: [{debitCredit: credit}]}
                    produces: {customers: {fields: {customer_id: id}}}
                  - name: db
                    table: ar.c
                    key: [id]
                    skipLines: 3
                    produces: {customers: {fields: {customer_id: id}}}
                """, "shapes.yaml"));
        assertEquals("""
                mapping shapes.yaml has 18 problem(s):
                  - source 'sap' -> invoices.invoice_id: give exactly one of 'column', 'value', 'columns', 'firstOf' \
                and 'lineNumber'
                  - source 'sap' -> invoices.invoice_id: 'columns' needs at least two columns (for one, use 'column')
                  - source 'sap' -> invoices.customer_id: 'firstOf' names an empty column
                  - source 'sap' -> invoices.invoice_date: 'separator' applies to 'columns' only
                  - source 'sap' -> invoices.due_date: give exactly one of 'column', 'value', 'columns', 'firstOf' \
                and 'lineNumber'
                  - source 'sap' -> invoices.amount: give exactly one of 'column', 'value', 'columns', 'firstOf' and \
                'lineNumber'
                  - source 'sap' -> invoices: 'when > all > entry 1': debitCredit must be 'debit' or 'credit', was \
                'debet'
                  - source 'sap' -> invoices: 'when > all > entry 2': 'any' needs at least one condition
                  - source 'sap' -> invoices: 'when > all > entry 3': 'in' needs at least one value
                  - source 'sap' -> invoices: 'when > all > entry 4 > not' needs a column and exactly one of present, \
                flag, equals, in, startsWith
                  - source 'sap': 'debitCredit' needs column, debit and credit (an indicator column), or signOf alone \
                (an amount column whose sign says it)
                  - source 'sap': skipLines must be 0 or more, was -1
                  - source 'sap': 'ignore' needs a column and exactly one of present, flag, equals, in, startsWith
                  - source 'same' -> customers: 'when' needs exactly one of a column test, debitCredit, all, any and not
                  - source 'same': debitCredit's debit and credit are both 'S'; they must differ
                  - source 'signed': 'debitCredit' needs column, debit and credit (an indicator column), or signOf \
                alone (an amount column whose sign says it)
                  - source 'plain': 'ignore > all > entry 1' tests debitCredit, but the source has no 'debitCredit' to \
                read it from
                  - source 'db': 'skipLines' applies to files only; a table has no title lines""", e.getMessage());
    }

    @Test
    void theKeysOfReportShapedExportsLoadWhenRight() throws MappingException {
        SourceSpec sap = Mapping.parse("""
                sources:
                  - name: sap
                    file: items.csv
                    skipLines: 2
                    emptyValues: ['00000000', '0001-01-01']
                    debitCredit: {column: SHKZG, debit: S, credit: H}
                    ignore: {any: [{column: BELNR, present: false}, {column: BLART, in: [XX]}]}
                    dateFormats: [yyyyMMdd, excel_serial]
                    produces:
                      invoices:
                        when: {all: [{debitCredit: debit}, {not: {column: BLART, equals: DZ}}]}
                        fields:
                          invoice_id: {columns: [BUKRS, GJAHR, BELNR], separator: '/'}
                          customer_id: KUNNR
                          invoice_date: BLDAT
                          due_date: {firstOf: [ZFBDT, BLDAT]}
                          amount: DMBTR
                          currency: {value: EUR}
                          business_unit: {lineNumber: true, prefix: 'L'}
                """, "ok.yaml").sources().get(0);
        assertEquals(2, sap.skipLines());
        assertEquals(List.of("00000000", "0001-01-01"), sap.emptyValues());
        assertEquals(new DebitCredit("SHKZG", "S", "H", null), sap.debitCredit());
        FieldSpec id = sap.produces().get("invoices").fields().get("invoice_id");
        assertEquals(List.of("BUKRS", "GJAHR", "BELNR"), id.sourceColumns());
        assertEquals("/", id.separatorOrDefault());
        assertEquals("-", sap.produces().get("invoices").fields().get("due_date").separatorOrDefault());
        assertEquals("BELNR is empty or BLART is one of ['XX']", sap.ignore().describe());
    }
}
