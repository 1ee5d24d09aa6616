package io.arscope.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
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
 * data-samples/exports/netsuite/transactions.csv, a NetSuite transaction saved search (one row per transaction or
 * application, d/M/yyyy dates, GBP), through data-samples/mappings/netsuite-transactions.yaml. Expected values
 * worked by hand from the file's 21 rows: 11 invoices of 4 customers, 7 payment applications (payment 6005 pays
 * INV10005 and INV10008, the day before INV10008 was issued), a credit memo, a write-off journal, and a payment of
 * an invoice older than the search (rejected).
 */
// Runs ingest and metrics end to end through the command line: the integration tier.
@Tag("integration")
class NetSuiteIngestTest {

    private static final String FILE = "transactions.csv";

    @TempDir
    static Path dir;
    private static ExportRun run;

    @BeforeAll
    static void ingestTheSearch() {
        run = ExportRun.of(ExportRun.repo().resolve("data-samples/exports/netsuite"),
                ExportRun.shippedMapping("netsuite-transactions.yaml"), LocalDate.of(2024, 3, 31), dir);
    }

    @Test
    void everyRowIsAcceptedFlaggedOrRejected() throws Exception {
        assertEquals(ExitCode.OK, run.ingest.code(), run.ingest.err());
        Map<String, Map<String, Long>> counts = run.reconciliation(FILE);
        assertEquals(Map.of("read", 21L, "accepted", 20L, "rejected", 1L, "ignored", 0L, "flagged", 2L),
                counts.get("ALL"));
        assertEquals(Map.of("rejected", 1L), counts.get("UNKNOWN_INVOICE"));
        assertEquals(Map.of("flagged", 1L), counts.get("DUE_BEFORE_ISSUE"));
        assertEquals(Map.of("flagged", 1L), counts.get("BEFORE_INVOICE"));
        assertEquals(4, counts.size());
        Row reject = run.rejects().first();
        assertEquals(3L, (Long) reject.getAs("line"));
        assertEquals("6007 / Invoice #INV09987", reject.getAs("record_id"));
        assertEquals(4, run.canonical("customers").count());
        assertEquals(11, run.canonical("invoices").count());
        assertEquals(7, run.canonical("payments").count());
        assertEquals(2, run.canonical("adjustments").count());
    }

    /** A payment is a row per invoice it pays: its id joins the payment's Internal ID and that invoice. */
    @Test
    void aPaymentOfTwoInvoicesIsTwoPayments() {
        List<Row> payments = run.canonical("payments").filter(col("payment_id").startsWith("6005 "))
                .orderBy("payment_id").collectAsList();
        assertEquals(List.of("6005 / Invoice #INV10005", "6005 / Invoice #INV10008"),
                payments.stream().map(r -> r.<String>getAs("payment_id")).toList());
        assertEquals(List.of("Invoice #INV10005", "Invoice #INV10008"),
                payments.stream().map(r -> r.<String>getAs("invoice_id")).toList());
        assertEquals(List.of(new BigDecimal("2500.00"), new BigDecimal("615.00")),
                payments.stream().map(r -> r.<BigDecimal>getAs("amount")).toList());
        assertEquals(LocalDate.of(2024, 3, 13), payments.get(0).getAs("payment_date"), "13/3/2024 is 13 March");
        assertNull(payments.get(0).getAs("quality_flags"));
        assertEquals("BEFORE_INVOICE", payments.get(1).getAs("quality_flags"), "paid the day before INV10008");
    }

    @Test
    void invoicesCreditsAndWriteOffsReadAsTheSearchWritesThem() {
        Row invoice = run.canonical("invoices").filter(col("invoice_id").equalTo("Invoice #INV10009")).first();
        assertEquals("CUST-0125 Thames Print & Media", invoice.getAs("customer_id"));
        assertEquals(LocalDate.of(2024, 3, 20), invoice.getAs("invoice_date"));
        assertEquals(LocalDate.of(2024, 2, 5), invoice.getAs("due_date"));
        assertEquals(new BigDecimal("1780.00"), invoice.getAs("amount"));
        assertEquals("GBP", invoice.getAs("currency"));
        assertEquals("DUE_BEFORE_ISSUE", invoice.getAs("quality_flags"));
        Row journal = run.canonical("adjustments").filter(col("adjustment_id").equalTo("8001 / Invoice #INV10006"))
                .first();
        assertEquals("write_off", journal.getAs("kind"));
        assertEquals(new BigDecimal("40.00"), journal.getAs("amount"));
        assertEquals("JE4001", journal.getAs("reason"));
        assertEquals("credit_memo", run.canonical("adjustments").filter(col("adjustment_id")
                .equalTo("7001 / Invoice #INV10005")).first().getAs("kind"));
    }

    /**
     * Month-end AR: January 8,410.00 (three invoices, nothing paid yet); February 6,185.50 (INV10003 1,150.00,
     * INV10004 1,320.00, INV10005 2,775.50, INV10006 940.00); March 9,165.50, the sum of the search's Amount
     * Remaining. Credit sales 8,410.00, 5,335.50, 8,355.00. Countback DSO for March: 9,165.50 - 8,355.00 = 810.50
     * left, 31 + 810.50 / 5,335.50 x 29 = 35.4053; for February: 850.00 left, 29 + 850 / 8,410 x 31 = 32.1332.
     * Aging at the end of March: current INV10007, INV10010, INV10011 = 5,960.00; 1-30 INV10005 (21 days) and
     * INV10009, due before its issue and so aged from 20 March (11 days) = 2,055.50; 31-60 INV10003 (42 days).
     */
    @Test
    void monthEndFiguresAsWorkedByHand() {
        assertEquals(ExitCode.OK, run.metrics.code(), run.metrics.err());
        Map<String, List<String>> arAndSales = Map.of("2024-01", List.of("8410.00", "8410.00"),
                "2024-02", List.of("6185.50", "5335.50"), "2024-03", List.of("9165.50", "8355.00"));
        arAndSales.forEach((month, figures) -> {
            Row row = run.month(month);
            assertEquals(figures, List.of(MetricsTables.ENDING_AR.of(row).toPlainString(),
                    MetricsTables.CREDIT_SALES.of(row).toPlainString()), month);
        });
        Row march = run.month("2024-03");
        assertEquals(31 + 810.50 / 5335.50 * 29, MetricsTables.DSO_COUNTBACK.of(march), 1e-9);
        assertEquals(29 + 850.0 / 8410 * 31, MetricsTables.DSO_COUNTBACK.of(run.month("2024-02")), 1e-9);
        assertEquals(List.of(new BigDecimal("5960.00"), new BigDecimal("2055.50"), new BigDecimal("1150.00"),
                new BigDecimal("0.00"), new BigDecimal("0.00")), ExportRun.aging(march));
        assertEquals(new BigDecimal("40.00"), MetricsTables.WRITE_OFFS.of(march));
        assertEquals(new BigDecimal("300.00"), MetricsTables.CREDIT_MEMOS.of(run.month("2024-02")));
    }
}
