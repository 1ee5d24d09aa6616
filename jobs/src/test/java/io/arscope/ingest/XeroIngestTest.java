package io.arscope.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.ExitCode;
import io.arscope.metrics.MetricsTables;
import io.arscope.testing.ExportRun;

/**
 * data-samples/exports/xero, a Xero-shaped export of a UK organisation taken on 7 July 2025, through
 * data-samples/mappings/xero-example.yaml as of 2025-06-30, reported in GBP: 40 contacts (30 GBP, 6 EUR, 4 USD),
 * 520 invoices on 1,144 line rows (UTF-8 with BOM, d/MM/yyyy), 12 voided, 8 draft, 4 submitted (awaiting approval)
 * and one of 0.00, none of which is a receivable; a payments report (title lines, dd MMM yyyy, 1,234.56, a Total
 * line) with part payments, overpayments and prepayments; credit notes allocated or left on account; a dispute;
 * monthly rates. The expected figures were worked out from the export by a program written apart from Arscope's code
 * (every open invoice's balance converted at the rate of 1 June 2025, summed per bucket; credit sales per month).
 */
@Tag("integration")
class XeroIngestTest {

    @TempDir
    static Path dir;
    private static ExportRun run;

    @BeforeAll
    static void ingestTheExport() {
        run = ExportRun.of(ExportRun.repo().resolve("data-samples/exports/xero"),
                ExportRun.shippedMapping("xero-example.yaml"), LocalDate.of(2025, 6, 30), dir, "GBP");
    }

    @Test
    void everyRowIsAcceptedIgnoredOrRejectedAndNoUnsentInvoiceCounts() throws Exception {
        assertEquals(ExitCode.OK, run.ingest.code(), run.ingest.err());
        assertTrue(run.ingest.out().contains("ingest: 1,706 rows read, 1,055 accepted (8 flagged), 0 rejected "
                + "(0.00%), 51 ignored by the mapping, 600 ignored as repeats of earlier rows"), run.ingest.out());
        // 1,144 line rows: 495 invoices' first lines, 600 further lines, 49 lines of the 25 invoices that are none.
        assertEquals(Map.of("read", 1144L, "accepted", 495L, "flagged", 4L, "rejected", 0L, "ignored", 649L),
                run.reconciliation("Sales-Invoices.csv").get("ALL"));
        assertEquals(495, run.canonical("invoices").count());
        List<String> none = List.of("INV-0003", "INV-0066", "INV-0067", "INV-0082", "INV-0093", "INV-0123",
                "INV-0132", "INV-0138", "INV-0152", "INV-0189", "INV-0220", "INV-0227", "INV-0230", "INV-0245",
                "INV-0272", "INV-0282", "INV-0292", "INV-0317", "INV-0353", "INV-0389", "INV-0434", "INV-0437",
                "INV-0487", "INV-0517", "INV-0024");
        assertEquals(0, run.canonical("invoices").filter(col("invoice_id").isin(none.toArray())).count());
    }

    @Test
    void creditSalesOfEveryMonthAsWorkedOut() {
        assertEquals(ExitCode.OK, run.metrics.code(), run.metrics.err());
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(Map.entry("2024-01", "110285.34"),
                Map.entry("2024-02", "146075.26"), Map.entry("2024-03", "157435.32"), Map.entry("2024-04", "93006.06"),
                Map.entry("2024-05", "129274.65"), Map.entry("2024-06", "79094.07"), Map.entry("2024-07", "111823.35"),
                Map.entry("2024-08", "79170.71"), Map.entry("2024-09", "77752.34"), Map.entry("2024-10", "144409.99"),
                Map.entry("2024-11", "132568.88"), Map.entry("2024-12", "145881.36"), Map.entry("2025-01", "136715.65"),
                Map.entry("2025-02", "137649.64"), Map.entry("2025-03", "209886.50"), Map.entry("2025-04", "101372.26"),
                Map.entry("2025-05", "153199.80"), Map.entry("2025-06", "130257.86")));
        Map<String, String> actual = new TreeMap<>();
        expected.keySet().forEach(m -> actual.put(m, MetricsTables.CREDIT_SALES.of(run.month(m)).toPlainString()));
        assertEquals(expected, actual);
    }

    /**
     * June 2025: 103 open invoices, 409,786.86 in GBP; on account 5,180.80 (overpayments, prepayments and credit
     * left unallocated), so net 404,606.06; INV-0461 of 1,986.00 disputed. Countback DSO: June's 130,257.86, May's
     * 153,199.80 and April's 101,372.26 of sales are inside the 409,786.86, leaving 24,956.94 of March's 209,886.50:
     * 30 + 31 + 30 + 24,956.94 / 209,886.50 x 31 = 94.6861 days.
     */
    @Test
    void juneAsWorkedOut() {
        Row june = run.month("2025-06");
        assertEquals(new BigDecimal("409786.86"), MetricsTables.ENDING_AR.of(june));
        assertEquals(List.of(new BigDecimal("114444.88"), new BigDecimal("83687.40"), new BigDecimal("51891.95"),
                new BigDecimal("41205.02"), new BigDecimal("118557.61")), ExportRun.aging(june));
        assertEquals(new BigDecimal("5180.80"), MetricsTables.ON_ACCOUNT.of(june));
        assertEquals(new BigDecimal("404606.06"), MetricsTables.NET_ENDING_AR.of(june));
        assertEquals(new BigDecimal("1986.00"), MetricsTables.DISPUTED_AR.of(june));
        assertEquals(30 + 31 + 30 + 24956.94 / 209886.50 * 31, MetricsTables.DSO_COUNTBACK.of(june), 1e-9);
    }
}
