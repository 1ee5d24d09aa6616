package io.arscope.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.ExitCode;
import io.arscope.metrics.MetricsTables;
import io.arscope.testing.ExportRun;

/**
 * data-samples/exports/quickbooks/transaction-list-by-customer.csv, a QuickBooks Online "Transaction List by
 * Customer" report as exported to CSV (title lines, a line per customer, "Total for" lines, a grand total and a
 * footer), through data-samples/mappings/quickbooks-transaction-list.yaml. Expected values worked by hand from the
 * file: 12 invoices, 8 payments and 2 credit memos of 4 customers, the last two on account.
 */
// Runs ingest and metrics end to end through the command line: the integration tier.
@Tag("integration")
class QuickBooksIngestTest {

    private static final String FILE = "transaction-list-by-customer.csv";

    @TempDir
    static Path dir;
    private static ExportRun run;

    @BeforeAll
    static void ingestTheReport() {
        run = ExportRun.of(ExportRun.repo().resolve("data-samples/exports/quickbooks"),
                ExportRun.shippedMapping("quickbooks-transaction-list.yaml"), LocalDate.of(2024, 3, 31), dir);
    }

    /**
     * 40 lines: 4 skipped title lines, the header, 2 blank lines, so 33 rows: 22 transactions accepted, 4 customer
     * lines and the footer, 4 "Total for" lines and TOTAL, and voided invoice 1009 ignored.
     */
    @Test
    void everyRowIsAcceptedOrIgnoredByTheConditionItMeets() throws Exception {
        assertEquals(ExitCode.OK, run.ingest.code(), run.ingest.err());
        Map<String, Map<String, Long>> counts = run.reconciliation(FILE);
        assertEquals(Map.of("read", 33L, "accepted", 22L, "rejected", 0L, "ignored", 11L, "flagged", 0L),
                counts.get("ALL"));
        assertEquals(Map.of("ignored", 5L), counts.get("IGNORED: Transaction Type is empty and Amount is empty"));
        assertEquals(Map.of("ignored", 5L), counts.get("IGNORED: Transaction Type is empty and Amount is not empty"));
        assertEquals(Map.of("ignored", 1L), counts.get("IGNORED: Status is 'Voided'"));
        assertEquals(4, counts.size());
        assertEquals(4, run.canonical("customers").count());
        assertEquals(12, run.canonical("invoices").count());
        assertEquals(8, run.canonical("payments").count());
        assertEquals(2, run.canonical("adjustments").count());
    }

    /**
     * The report names no currency and the mapping sets USD: the ingest's manifest records that the mapping set it,
     * and the metrics run's carries it on to the CFO report.
     */
    @Test
    void theCurrencyTheMappingSetIsRecordedAsTheMappings() throws Exception {
        assertEquals("USD", MetricsTables.runOutputs(io.arscope.testing.TestSpark.session(),
                dir.resolve("metrics").toString()).invoiceCurrencySetByMapping());
        assertTrue(Files.readString(dir.resolve("ingest/ingest-run.json")).contains(
                "\"invoice_currency_set_by_mapping\" : \"USD\""));
    }

    @Test
    void invoicesReadAsTheReportWritesThem() {
        // ,03/15/2024,Invoice,1016,Bayside Landscaping,Net 30,04/14/2024,"12,600.00","7,600.00",Open
        Row invoice = run.canonical("invoices").filter(col("invoice_id").equalTo("1016")).first();
        assertEquals("Bayside Landscaping", invoice.getAs("customer_id"));
        assertEquals(LocalDate.of(2024, 3, 15), invoice.getAs("invoice_date"));
        assertEquals(LocalDate.of(2024, 4, 14), invoice.getAs("due_date"));
        assertEquals(new BigDecimal("12600.00"), invoice.getAs("amount"));
        assertEquals("USD", invoice.getAs("currency"));
        assertEquals(30, (Integer) invoice.getAs("terms_days"));
        assertEquals(0, (Integer) run.canonical("invoices").filter(col("invoice_id").equalTo("1005")).first()
                .getAs("terms_days"), "Due on receipt");
        assertEquals(List.of("Bayside Landscaping", "Crestview Apartments, LLC", "Dunmore & Sons", "Elm Street Café"),
                run.canonical("customers").orderBy("customer_id").collectAsList().stream()
                        .map(r -> r.<String>getAs("customer_id")).toList());
    }

    /** Payments name no invoice in the report: on account of their customer, as magnitudes, their line their id. */
    @Test
    void paymentsAndCreditMemosAreOnAccount() {
        assertEquals(List.of("line 10", "line 13", "line 17", "line 20", "line 22", "line 27", "line 33", "line 9"),
                run.canonical("payments").orderBy("payment_id").collectAsList().stream()
                        .map(r -> r.<String>getAs("payment_id")).toList());
        // ,03/25/2024,Payment,CHK 2231,"Crestview Apartments, LLC",,,(500.00),(500.00),Unapplied
        Row payment = run.canonical("payments").filter(col("payment_id").equalTo("line 22")).first();
        assertNull(payment.getAs("invoice_id"));
        assertEquals("Crestview Apartments, LLC", payment.getAs("customer_id"));
        assertEquals(LocalDate.of(2024, 3, 25), payment.getAs("payment_date"));
        assertEquals(new BigDecimal("500.00"), payment.getAs("amount"));
        assertEquals(new BigDecimal("14565.50"), run.canonical("payments").agg(org.apache.spark.sql.functions
                .sum("amount")).first().getDecimal(0));
        Row memo = run.canonical("adjustments").filter(col("adjustment_id").equalTo("1018")).first();
        assertNull(memo.getAs("invoice_id"));
        assertEquals("Elm Street Café", memo.getAs("customer_id"));
        assertEquals(new BigDecimal("60.00"), memo.getAs("amount"));
        assertEquals("credit_memo", memo.getAs("kind"));
    }

    /**
     * Gross AR is the invoices issued (none is reduced by an invoice-level payment); on account are the payments
     * and credit memos to date; net AR is their difference, and at the end of March it is the report's TOTAL open
     * balance, 20,670.25. January: 12,875.50 invoiced, 845.00 paid. February: 3,810.00 invoiced, 6,620.50 paid,
     * 320.00 credited. March: 18,930.25 invoiced, 7,100.00 paid, 60.00 credited.
     */
    @Test
    void endingArGrossOnAccountAndNetByMonth() {
        assertEquals(ExitCode.OK, run.metrics.code(), run.metrics.err());
        Map<String, List<String>> expected = Map.of(
                "2024-01", List.of("12875.50", "845.00", "12030.50"),
                "2024-02", List.of("16685.50", "7785.50", "8900.00"),
                "2024-03", List.of("35615.75", "14945.50", "20670.25"));
        expected.forEach((month, figures) -> {
            Row row = run.month(month);
            assertEquals(figures, List.of(MetricsTables.ENDING_AR.of(row).toPlainString(),
                    MetricsTables.ON_ACCOUNT.of(row).toPlainString(),
                    MetricsTables.NET_ENDING_AR.of(row).toPlainString()), month);
        });
    }

    /**
     * Payments are keyed by their line: in two reports of overlapping periods, line 10 of one and line 10 of the
     * other would be one id (a payment rejected as the duplicate of another) and the same payment on two lines two
     * payments. Two files for the source are refused before a row is read, naming them.
     */
    /**
     * The same report exported to Excel (transaction-list-by-customer.xlsx: the same rows at the same row numbers,
     * dates as date cells, amounts as numbers shown (1,250.00), Num as a number where it is one, the totals as SUM
     * formulas, no row for a blank line) read by the same mapping with {@code format: xlsx}: the same canonical
     * tables to the last value, payments keyed by the same rows, and the same reconciliation.
     */
    @Test
    void theReportExportedToExcelGivesTheSameLedger() throws Exception {
        Path mapping = xlsxMapping();
        ExportRun xlsx = ExportRun.ingest(ExportRun.repo().resolve("data-samples/exports/quickbooks"), mapping,
                LocalDate.of(2024, 3, 31), dir.resolve("xlsx"));
        assertEquals(ExitCode.OK, xlsx.ingest.code(), xlsx.ingest.err());
        for (String table : List.of("customers", "invoices", "payments", "adjustments")) {
            assertEquals(sorted(run.canonical(table)), sorted(xlsx.canonical(table)), table);
        }
        Map<String, Map<String, Long>> counts = xlsx.reconciliation(FILE.replace(".csv", ".xlsx")
                + " [Transaction List by Customer]");
        assertEquals(run.reconciliation(FILE), counts);
    }

    /**
     * A workbook's rejects name the row as Excel numbers it and show its cells as a CSV line; a date typed as text
     * is read by the mapping's date formats, as in a CSV file.
     */
    @Test
    void aWorkbooksRejectNamesItsRow() throws Exception {
        Path export = Files.createDirectories(dir.resolve("edited"));
        // Opened from a stream: a workbook opened from its file is written back to it on closing.
        try (var in = Files.newInputStream(ExportRun.repo().resolve("data-samples/exports/quickbooks/"
                + FILE.replace(".csv", ".xlsx")));
                var wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(in);
                var out = Files.newOutputStream(export.resolve("edited.xlsx"))) {
            var sheet = wb.getSheetAt(0);
            // Row 7, invoice 1001: its date typed over as text in the mapping's M/d/yyyy; row 8's as a day that
            // is not one.
            sheet.getRow(6).getCell(1).setCellValue("1/8/2024");
            sheet.getRow(7).getCell(1).setCellValue("02/30/2024");
            wb.write(out);
        }
        ExportRun edited = ExportRun.ingest(export, xlsxMapping(), LocalDate.of(2024, 3, 31), dir.resolve("edited"
                + "-out"));
        assertEquals(ExitCode.OK, edited.ingest.code(), edited.ingest.err());
        Map<String, Map<String, Long>> counts = edited.reconciliation("edited.xlsx [Transaction List by Customer]");
        assertEquals(Map.of("read", 33L, "accepted", 21L, "rejected", 1L, "ignored", 11L, "flagged", 0L),
                counts.get("ALL"));
        Row reject = edited.rejects().first();
        assertEquals(8L, (Long) reject.getAs("line"));
        assertEquals(",02/30/2024,Invoice,1004,Bayside Landscaping,Net 30,2024-02-21,3480.5,0,Paid",
                reject.getAs("raw"));
    }

    /** An .xlsx file given to a CSV source stops the ingest before a row is read, saying what to change. */
    @Test
    void aWorkbookGivenToACsvSourceIsRefusedSayingWhatItIs() throws Exception {
        Path export = Files.createDirectories(dir.resolve("renamed"));
        Files.copy(ExportRun.repo().resolve("data-samples/exports/quickbooks/" + FILE.replace(".csv", ".xlsx")),
                export.resolve("report.csv"));
        ExportRun refused = ExportRun.ingest(export, ExportRun.shippedMapping("quickbooks-transaction-list.yaml"),
                LocalDate.of(2024, 3, 31), dir.resolve("renamed-out"));
        assertEquals(ExitCode.INPUT, refused.ingest.code(), refused.ingest.err());
        assertTrue(refused.ingest.err().contains("report.csv: the file is an Excel workbook (.xlsx) or another zip "
                + "archive, not CSV text; give the mapping's source 'quickbooks-transactions' format: xlsx to read an "
                + ".xlsx workbook, or save the sheet as CSV UTF-8"), refused.ingest.err());
    }

    /** The shipped mapping with the two changes mappings.md gives for the report exported to Excel. */
    private static Path xlsxMapping() throws Exception {
        String csv = Files.readString(ExportRun.shippedMapping("quickbooks-transaction-list.yaml"));
        String xlsx = csv.replace("    file: \"*.csv\"\n", "    file: \"*.xlsx\"\n    format: xlsx\n");
        assertFalse(xlsx.equals(csv));
        return Files.writeString(dir.resolve("quickbooks-transaction-list-xlsx.yaml"), xlsx);
    }

    private static List<String> sorted(org.apache.spark.sql.Dataset<Row> table) {
        return table.collectAsList().stream().map(Row::toString).sorted().toList();
    }

    @Test
    void twoReportsForASourceKeyedByLineNumbersAreRefused() throws Exception {
        Path two = Files.createDirectories(dir.resolve("two-reports"));
        Path report = ExportRun.repo().resolve("data-samples/exports/quickbooks/" + FILE);
        Files.copy(report, two.resolve("2024-01-to-02.csv"));
        Files.copy(report, two.resolve("2024-02-to-03.csv"));
        ExportRun.Command refused = ExportRun.arscope("ingest", "--input", two.toString(), "--mapping",
                ExportRun.shippedMapping("quickbooks-transaction-list.yaml").toString(), "--output",
                dir.resolve("two-out").toString(), "--as-of", "2024-03-31");
        assertEquals(ExitCode.INPUT, refused.code(), refused.err());
        assertTrue(refused.err().contains("source 'quickbooks-transactions': 2 files match *.csv in " + two
                + " ([2024-01-to-02.csv, 2024-02-to-03.csv]), but its [payments] ids are line numbers, which name a "
                + "row only within one file; export one report covering every date instead"), refused.err());
        assertFalse(Files.exists(dir.resolve("two-out")));
    }
}
