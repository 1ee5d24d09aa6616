package io.arscope.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
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
import io.arscope.testing.ReceivablesOracle;
import io.arscope.testing.SapFiArExport;
import io.arscope.testing.SapFiArExport.Fate;

/**
 * Issue 16's acceptance on an SAP-shaped export: 105,864 customer line items in BSAD and BSID (50,000 invoices, a
 * fifth due and 15% cleared before their document date), through data-samples/mappings/sap-fi-ar.yaml with
 * {@code arscope ingest} at its default reject threshold, then {@code arscope metrics}. Every row is accepted,
 * flagged, ignored or rejected as the fixture's own tally says; month-end AR, credit sales, aging and countback DSO
 * equal an independent computation over the rows written ({@link ReceivablesOracle}) to the cent.
 */
@Tag("integration")
class SapFiArIngestTest {

    static final SapFiArExport.Options EXPORT = new SapFiArExport.Options(16, 50_000, LocalDate.of(2023, 1, 1),
            LocalDate.of(2024, 12, 31), SapFiArExport.DateStyle.YYYYMMDD, 150);
    private static final List<String> MONTHS = List.of("2023-06", "2023-12", "2024-02", "2024-06", "2024-11",
            "2024-12");

    @TempDir
    static Path dir;
    private static SapFiArExport.Expected expected;
    private static ExportRun run;

    @BeforeAll
    static void ingestTheExport() throws Exception {
        expected = SapFiArExport.write(EXPORT, dir.resolve("export"));
        run = ExportRun.of(dir.resolve("export"), ExportRun.shippedMapping("sap-fi-ar.yaml"), EXPORT.asOf(), dir);
    }

    @Test
    void theFixtureHasTheShapeTheIssueAsksFor() {
        assertTrue(expected.rows() >= 100_000, "rows: " + expected.rows());
        assertEquals(105_864, expected.rows());
        assertEquals(50_000, expected.invoices);
        assertEquals(10_000, expected.dueBeforeIssue);
        assertEquals(7_500, expected.clearedBeforeIssue);
    }

    @Test
    void ingestExitsZeroAtTheDefaultThreshold() {
        assertEquals(ExitCode.OK, run.ingest.code(), run.ingest.err());
        assertTrue(run.ingest.out().contains("ingest: 105,864 rows read, 103,724 accepted (17,500 flagged), 150 "
                + "rejected (0.14%), 903 ignored by the mapping, 1,087 ignored as repeats of earlier rows"), run.ingest.out());
        assertEquals(ExitCode.OK, run.metrics.code(), run.metrics.err());
    }

    /** Per file: read = accepted + rejected + ignored, each as the fixture tallied it, by reason and condition. */
    @Test
    void everyRowIsAcceptedFlaggedIgnoredOrRejectedAndTheCountsReconcile() throws Exception {
        for (String file : List.of(SapFiArExport.BSAD, SapFiArExport.BSID)) {
            Map<String, Map<String, Long>> counts = run.reconciliation(file);
            long accepted = expected.count(file, Fate.INVOICE) + expected.count(file, Fate.PAYMENT)
                    + expected.count(file, Fate.ADJUSTMENT);
            Map<String, Long> all = counts.get("ALL");
            assertEquals(expected.rows(file), all.get("read"), file);
            assertEquals(accepted, all.get("accepted"), file);
            assertEquals(expected.count(file, Fate.UNKNOWN_INVOICE), all.get("rejected"), file);
            assertEquals(expected.count(file, Fate.IGNORED) + expected.count(file, Fate.REPEATED),
                    all.get("ignored"), file);
            assertEquals(all.get("read"), all.get("accepted") + all.get("rejected") + all.get("ignored"), file);
            assertEquals(expected.flags.get(file).values().stream().mapToLong(Long::longValue).sum(),
                    all.get("flagged"), file);
        }
        Map<String, Map<String, Long>> bsad = run.reconciliation(SapFiArExport.BSAD);
        // The overlap of the two extraction windows: each repeated row counted, none a reject.
        assertEquals(Map.of("ignored", 1_087L), bsad.get("IGNORED: " + RepeatedRows.CONDITION));
        assertEquals(Map.of("rejected", 150L), bsad.get("UNKNOWN_INVOICE"));
        assertEquals(Map.of("ignored", 903L), bsad.get("IGNORED: UMSKZ is 'F'"));
        assertEquals(List.of("ALL", "BEFORE_INVOICE", "DUE_BEFORE_ISSUE", "IGNORED: UMSKZ is 'F'",
                "IGNORED: " + RepeatedRows.CONDITION, "UNKNOWN_INVOICE"), List.copyOf(bsad.keySet()));
        assertEquals(List.of("ALL", "DUE_BEFORE_ISSUE"), List.copyOf(run.reconciliation(SapFiArExport.BSID).keySet()));
    }

    @Test
    void theCanonicalTablesHoldWhatTheExportHolds() {
        assertEquals(expected.invoices, run.canonical("invoices").count());
        assertEquals(expected.count(Fate.PAYMENT), run.canonical("payments").count());
        assertEquals(expected.count(Fate.ADJUSTMENT), run.canonical("adjustments").count());
        assertEquals(expected.customers, run.canonical("customers").count());
        assertEquals(1_666, expected.customers);
    }

    /** Both oddities are flags on accepted records, counted exactly; no invoice is rejected for either. */
    @Test
    void theOdditiesAreFlaggedNotRejected() {
        assertEquals(expected.dueBeforeIssue, run.canonical("invoices").filter(col("quality_flags")
                .equalTo("DUE_BEFORE_ISSUE")).count());
        assertEquals(expected.invoices - expected.dueBeforeIssue, run.canonical("invoices")
                .filter(col("quality_flags").isNull()).count());
        assertEquals(expected.clearedBeforeIssue, run.canonical("payments").filter(col("quality_flags")
                .equalTo("BEFORE_INVOICE")).count());
        assertEquals(expected.count(Fate.PAYMENT) - expected.clearedBeforeIssue, run.canonical("payments")
                .filter(col("quality_flags").isNull()).count());
        assertEquals(0, run.canonical("adjustments").filter(col("quality_flags").isNotNull()).count());
        // The overlap's repeated rows are ignored, not rejected: no invoice row is.
        assertEquals(0, run.rejects().filter(col("table").equalTo("invoices")).count());
        assertEquals(0, run.rejects().filter(col("reason_code").isin("DUE_BEFORE_ISSUE", "BEFORE_INVOICE",
                "DATE_ORDER")).count());
    }

    @Test
    void monthEndArAgingAndCountbackDsoEqualTheIndependentComputation() throws Exception {
        ReceivablesOracle oracle = SapFiArExport.readBack(dir.resolve("export"), EXPORT.dates());
        for (String month : MONTHS) {
            YearMonth m = YearMonth.parse(month);
            Row row = run.month(month);
            assertEquals(oracle.endingAr(m.atEndOfMonth()), MetricsTables.ENDING_AR.of(row), month);
            assertEquals(oracle.creditSales(m), MetricsTables.CREDIT_SALES.of(row), month);
            assertEquals(oracle.aging(m.atEndOfMonth()), ExportRun.aging(row), month);
            assertEquals(oracle.countbackDso(m, oracle.firstMonth()), MetricsTables.DSO_COUNTBACK.of(row), 1e-9,
                    month);
        }
        // The figures are not trivially equal: invoices due before issue are many, and would age differently.
        assertTrue(oracle.endingAr(LocalDate.of(2024, 12, 31)).compareTo(new BigDecimal("10000000")) > 0);
    }

    /** One row of each kind, picked from the files, reads as its line says. */
    @Test
    void rowsReadAsTheirLinesSay() throws Exception {
        Map<String, List<Map<String, String>>> byKind = new HashMap<>();
        for (String file : List.of(SapFiArExport.BSAD, SapFiArExport.BSID)) {
            List<String> lines = Files.readAllLines(dir.resolve("export").resolve(file), StandardCharsets.US_ASCII);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(";", -1);
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < f.length; i++) {
                    row.put(SapFiArExport.COLUMNS.get(i), f[i]);
                }
                String kind = row.get("BSCHL") + (row.get("BLDAT").equals("00000000") ? "-migrated"
                        : row.get("BSCHL").equals("01") && row.get("FAEDT").compareTo(row.get("BLDAT")) < 0 ? "-early"
                        : "");
                byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(row);
            }
        }
        DateTimeFormatter sap = DateTimeFormatter.ofPattern("yyyyMMdd");

        Map<String, String> early = byKind.get("01-early").get(0);
        Row invoice = run.canonical("invoices").filter(col("invoice_id").equalTo(id(early, "GJAHR", "BELNR"))).first();
        assertEquals(early.get("KUNNR"), invoice.getAs("customer_id"));
        assertEquals(LocalDate.parse(early.get("BLDAT"), sap), invoice.getAs("invoice_date"));
        assertEquals(LocalDate.parse(early.get("FAEDT"), sap), invoice.getAs("due_date"), "kept as exported");
        assertEquals(new BigDecimal(early.get("DMBTR").replace(".", "").replace(',', '.')), invoice.getAs("amount"));
        assertEquals(early.get("BUKRS"), invoice.getAs("business_unit"));
        assertEquals("DUE_BEFORE_ISSUE", invoice.getAs("quality_flags"));

        Map<String, String> migrated = byKind.get("01-migrated").get(0);
        assertEquals(LocalDate.parse(migrated.get("BUDAT"), sap), run.canonical("invoices")
                .filter(col("invoice_id").equalTo(id(migrated, "GJAHR", "BELNR"))).first().getAs("invoice_date"),
                "no BLDAT: dated by BUDAT");

        Map<String, String> reversal = byKind.get("12").get(0);
        Row adjustment = run.canonical("adjustments").filter(col("adjustment_id")
                .equalTo(id(reversal, "GJAHR", "BELNR") + "-" + reversal.get("BUZEI"))).first();
        assertEquals(id(reversal, "REBZJ", "REBZG"), adjustment.getAs("invoice_id"));
        assertEquals("reversal of the invoice", adjustment.getAs("reason"));
        assertEquals("credit_memo", adjustment.getAs("kind"));

        // A payment document that pays several invoices: one canonical payment per line, each for its invoice.
        Map<String, List<Map<String, String>>> paymentDocuments = new HashMap<>();
        byKind.get("15").forEach(p -> paymentDocuments.computeIfAbsent(id(p, "GJAHR", "BELNR"), k -> new ArrayList<>())
                .add(p));
        List<Map<String, String>> several = paymentDocuments.values().stream().filter(lines -> lines.size() >= 3)
                .findFirst().orElseThrow();
        for (Map<String, String> line : several) {
            Row payment = run.canonical("payments").filter(col("payment_id")
                    .equalTo(id(line, "GJAHR", "BELNR") + "-" + line.get("BUZEI"))).first();
            assertEquals(id(line, "REBZJ", "REBZG"), payment.getAs("invoice_id"));
            assertEquals(LocalDate.parse(line.get("BUDAT"), sap), payment.getAs("payment_date"));
        }
    }

    private static String id(Map<String, String> row, String year, String number) {
        return row.get("BUKRS") + "-" + row.get(year) + "-" + row.get(number);
    }
}
