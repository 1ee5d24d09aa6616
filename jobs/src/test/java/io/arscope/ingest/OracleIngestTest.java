package io.arscope.ingest;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * data-samples/exports/oracle, an Oracle EBS Receivables extract as SQL Developer writes it (CRLF, DD-MON-YY
 * upper case in the payment schedules, DD-MON-YYYY in the applications, Oracle numbers, credits negative), through
 * data-samples/mappings/oracle-receivables.yaml as of 2025-06-30. Worked by hand:
 * <pre>
 * 301  Acme 1,000 issued 10 Mar, due 9 Apr; paid 5 May by RCPT-1                       settled
 * 302  Acme 600, installment 1 of trx 10002 issued 15 Apr, due 15 May; paid 5 May       settled
 * 303  Acme 400, installment 2, due 14 Jun; RCPT-3's 250 applied on 2 Jul (after)       400 open, 16 days
 * 304  Smith 2,500 issued 2 May, due 1 Jun; RCPT-2 applied 3 Jun, reversed 12 Jun       2,500 open, 29 days
 * 305  Smith debit memo 300 issued 20 May, due 19 Jun; credit memo 10005 applies 100     200 open, 11 days
 * 311  Acme 800 issued 25 Jun, due 25 Jul                                               800 open, current
 * RCPT-1 1,700 on 5 May: 1,000 and 600 applied, 100 unapplied, put on account 12 May (ACC, -1)
 * RCPT-3 250 on 30 Jun, unapplied on the as-of day; credit memo 10006 of 150 on 20 Jun, unapplied
 * </pre>
 * March: sales 1,000, AR 1,000 current. April: sales 1,000, AR 2,000 (301 past due). May: sales 2,800,
 * collections 1,600, credit memos 100, AR 3,100 all current, on account 100. June: sales 800; collections 2,500 -
 * 2,500 = 0; AR 3,900, 800 current and 3,100 1-30; on account 100 + 250 + 150 = 500; net 3,400. Countback DSO for
 * June: June's 800 (30 days), May's 2,800 (31), then 300 of April's 1,000 (9): 70 days. Before negative payments
 * were read as reversals, the reversal was rejected and 304 read settled: June's AR was 1,400.
 */
@Tag("integration")
class OracleIngestTest {

    @TempDir
    static Path dir;
    private static ExportRun run;

    @BeforeAll
    static void ingestTheExport() {
        run = ExportRun.of(ExportRun.repo().resolve("data-samples/exports/oracle"),
                ExportRun.shippedMapping("oracle-receivables.yaml"), LocalDate.of(2025, 6, 30), dir, "USD");
    }

    /**
     * The receipts' own rows (3) and a credit memo fully applied are ignored; the 7 negative applications are
     * reversals (flagged PAYMENT_REVERSAL), the two of 2 July dated after the as-of day.
     */
    @Test
    void everyRowIsAcceptedOrIgnoredAndTheReversalsAreFlagged() throws Exception {
        assertEquals(ExitCode.OK, run.ingest.code(), run.ingest.err());
        assertTrue(run.ingest.out().contains("ingest: 30 rows read, 26 accepted (8 flagged), 0 rejected (0.00%), "
                + "4 ignored by the mapping"), run.ingest.out());
        assertEquals(Map.of("read", 11L, "accepted", 7L, "flagged", 0L, "rejected", 0L, "ignored", 4L),
                run.reconciliation("ar_payment_schedules.csv").get("ALL"));
        assertEquals(Map.of("read", 17L, "accepted", 17L, "flagged", 8L, "rejected", 0L, "ignored", 0L),
                run.reconciliation("ar_receivable_applications.csv").get("ALL"));
        assertEquals(List.of("RA-9002", "RA-9004", "RA-9006", "RA-9012", "RA-9014", "RA-9016", "RA-9022"),
                run.canonical("payments").filter(col("quality_flags").contains("PAYMENT_REVERSAL"))
                        .orderBy("payment_id").collectAsList().stream().map(r -> r.<String>getAs("payment_id"))
                        .toList());
        // Oracle's -1 (on account) is no installment: RA-9007 names none.
        assertEquals(1, run.canonical("payments").filter(col("payment_id").equalTo("RA-9007")
                .and(col("invoice_id").isNull())).count());
    }

    @Test
    void monthsAsWorkedOut() {
        assertEquals(ExitCode.OK, run.metrics.code(), run.metrics.err());
        List<String> months = List.of("2025-03", "2025-04", "2025-05", "2025-06").stream().map(m -> {
            Row r = run.month(m);
            return m + " " + MetricsTables.CREDIT_SALES.of(r) + " " + MetricsTables.COLLECTIONS.of(r) + " "
                    + MetricsTables.CREDIT_MEMOS.of(r) + " " + MetricsTables.ENDING_AR.of(r) + " "
                    + MetricsTables.CURRENT_AR.of(r) + " " + MetricsTables.ON_ACCOUNT.of(r) + " "
                    + MetricsTables.NET_ENDING_AR.of(r);
        }).toList();
        assertEquals(List.of("2025-03 1000.00 0.00 0.00 1000.00 1000.00 0.00 1000.00",
                "2025-04 1000.00 0.00 0.00 2000.00 1000.00 0.00 2000.00",
                "2025-05 2800.00 1600.00 100.00 3100.00 3100.00 100.00 3000.00",
                "2025-06 800.00 0.00 0.00 3900.00 800.00 500.00 3400.00"), months);
        Row june = run.month("2025-06");
        assertEquals(List.of(new BigDecimal("800.00"), new BigDecimal("3100.00"), new BigDecimal("0.00"),
                new BigDecimal("0.00"), new BigDecimal("0.00")), ExportRun.aging(june));
        assertEquals(70.0, MetricsTables.DSO_COUNTBACK.of(june), 1e-9);
    }
}
