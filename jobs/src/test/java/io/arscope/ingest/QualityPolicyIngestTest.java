package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.JobContext;
import io.arscope.job.JobOutcome;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.model.CanonicalTable;
import io.arscope.testing.TestSpark;

/**
 * The data-quality policy end to end, on an export in the generator's format with three oddities:
 * <pre>
 * invoices.csv:2  I1 of C1, issued 10 Mar, due 1 Mar                          due before issue
 * invoices.csv:3  I2 of C1, issued 10 Apr
 * invoices.csv:4  I3 of C1, issued 1 Mar
 * payments.csv:2  P1 of I2 on 25 Mar                                          before its invoice (another file)
 * payments.csv:3  P2 of I3 on 20 Mar
 * payments.csv:4  P3 of I1 by C9 on 5 Mar                                     before its invoice, another customer
 * </pre>
 * Ingested with the default policy (the oddities flag) and with a mapping whose {@code quality:} key rejects two.
 */
// Several ingest or metrics runs on files: the integration tier keeps the fast tier under four minutes.
@Tag("integration")
class QualityPolicyIngestTest {

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static JobOutcome flagged;
    private static IngestJob.Outcome strict;

    @BeforeAll
    static void ingestTwice() throws Exception {
        spark = TestSpark.session();
        Path export = Files.createDirectories(dir.resolve("export"));
        Files.writeString(export.resolve("customers.csv"), """
                customer_id,name,country,region,segment,credit_limit,terms_days,collector,customer_since
                C1,Acme,US,North America,Enterprise,10000.00,30,ann,2020-01-01
                """);
        Files.writeString(export.resolve("invoices.csv"), """
                invoice_id,customer_id,invoice_date,due_date,amount,currency,business_unit,terms_days,billing_channel
                I1,C1,2025-03-10,2025-03-01,1000.00,USD,Goods,,paper
                I2,C1,2025-04-10,2025-05-10,500.00,USD,Goods,30,paper
                I3,C1,2025-03-01,2025-03-31,200.00,USD,Goods,30,paper
                """);
        Files.writeString(export.resolve("payments.csv"), """
                payment_id,invoice_id,customer_id,payment_date,amount,method
                P1,I2,C1,2025-03-25,500.00,wire
                P2,I3,C1,2025-03-20,200.00,wire
                P3,I1,C9,2025-03-05,300.00,wire
                """);
        Files.writeString(export.resolve("adjustments.csv"),
                "adjustment_id,invoice_id,customer_id,adjustment_date,amount,kind,reason\n");
        Files.writeString(export.resolve("disputes.csv"), "dispute_id,invoice_id,opened_date,resolved_date,reason\n");
        String generator = Files.readString(IngestJobTest.generatorMapping());
        Files.writeString(dir.resolve("strict.yaml"), "quality: {BEFORE_INVOICE: reject, DUE_BEFORE_ISSUE: reject}\n"
                + generator);
        // No reject allowed at all: flagged rows are accepted, so they do not count towards the threshold.
        flagged = new IngestJob().run(JobContext.of(spark, new IngestOptions(export.toString(),
                IngestJobTest.generatorMapping(), dir.resolve("flagged").toString(), LocalDate.of(2025, 6, 30), 0.0)));
        strict = IngestJob.write(JobContext.of(spark, new IngestOptions(export.toString(), dir.resolve("strict.yaml"),
                dir.resolve("strict").toString(), LocalDate.of(2025, 6, 30), 0.0)));
    }

    @Test
    void byDefaultTheOdditiesAreAcceptedFlaggedAndTheRunPasses() throws Exception {
        assertEquals(JobOutcome.Status.OK, flagged.status());
        assertEquals("ingest: 7 rows read, 7 accepted (3 flagged), 0 rejected (0.00%)", flagged.summary());
        assertEquals("""
                source_file,reason_code,read,accepted,flagged,rejected,ignored
                customers.csv,ALL,1,1,0,0,0
                invoices.csv,ALL,3,3,1,0,0
                invoices.csv,DUE_BEFORE_ISSUE,,,1,,
                payments.csv,ALL,3,3,2,0,0
                payments.csv,BEFORE_INVOICE,,,2,,
                payments.csv,CUSTOMER_MISMATCH,,,1,,
                """, Files.readString(dir.resolve("flagged").resolve(IngestTables.RECONCILIATION_CSV)));
        assertEquals("""
                code,action,table,rows,examples
                DUE_BEFORE_ISSUE,flag,invoices,1,invoices.csv:2
                BEFORE_INVOICE,flag,payments,2,payments.csv:2; payments.csv:4
                CUSTOMER_MISMATCH,flag,payments,1,payments.csv:4
                """, Files.readString(dir.resolve("flagged").resolve("data_quality.csv")));
        assertTrue(flagged.details().contains(
                "BEFORE_INVOICE       flag    payments              2  payments.csv:2; payments.csv:4"),
                flagged.details().toString());
    }

    @Test
    void theCanonicalRowsKeepTheRawDatesAndNameEveryRuleBroken() {
        assertEquals(List.of("I1 2025-03-10 2025-03-01 -9 DUE_BEFORE_ISSUE", "I2 2025-04-10 2025-05-10 30 null",
                "I3 2025-03-01 2025-03-31 30 null"), rows(dir.resolve("flagged/canonical/invoices"), "invoice_id",
                "invoice_date", "due_date", "terms_days", CanonicalTable.QUALITY_FLAGS));
        assertEquals(List.of("P1 I2 C1 2025-03-25 BEFORE_INVOICE", "P2 I3 C1 2025-03-20 null",
                "P3 I1 C9 2025-03-05 BEFORE_INVOICE;CUSTOMER_MISMATCH"), rows(dir.resolve("flagged/canonical/payments"),
                "payment_id", "invoice_id", "customer_id", "payment_date", CanonicalTable.QUALITY_FLAGS));
        assertEquals(List.of("C1 null"), rows(dir.resolve("flagged/canonical/customers"), "customer_id",
                CanonicalTable.QUALITY_FLAGS));
    }

    @Test
    void theLedgerReadGivesTheOdditiesTheirMeaning() {
        ReceivablesLedger ledger = ReceivablesLedger.ofIngest(spark, dir.resolve("flagged").toString());
        // I1 is due on its issue date, with 0 days of terms; P1 and P3 count on their invoices' dates, and P3 for
        // its invoice's customer.
        assertEquals(List.of("I1 2025-03-10 0", "I2 2025-05-10 30", "I3 2025-03-31 30"), ledger.invoices()
                .orderBy("invoice_id").collectAsList().stream().map(r -> r.getAs("invoice_id") + " "
                        + r.getAs("due_date") + " " + r.getAs("terms_days")).toList());
        assertEquals(List.of("P1 C1 2025-04-10", "P2 C1 2025-03-20", "P3 C1 2025-03-10"), ledger.payments()
                .orderBy("payment_id").collectAsList().stream().map(r -> r.getAs("payment_id") + " "
                        + r.getAs("customer_id") + " " + r.getAs("payment_date")).toList());
        // As of 31 March, P1 (25 March) waits for I2 (10 April): neither is in the ledger yet.
        assertEquals(List.of("P2", "P3"), ledger.asOf(LocalDate.of(2025, 3, 31)).payments().orderBy("payment_id")
                .collectAsList().stream().map(r -> r.<String>getAs("payment_id")).toList());
    }

    @Test
    void aMappingThatRejectsTheOdditiesRejectsThemAndWhatHangsOnThem() throws Exception {
        assertEquals(List.of("customers.csv 1 1 0 0", "invoices.csv 3 2 0 1", "payments.csv 3 1 0 2"),
                strict.reconciliation().files().stream().map(f -> f.file() + " " + f.read() + " " + f.accepted() + " "
                        + f.flagged() + " " + f.rejected()).toList());
        assertEquals(List.of("invoices.csv:2 I1 DUE_BEFORE_ISSUE", "payments.csv:2 P1 BEFORE_INVOICE",
                "payments.csv:4 P3 REJECTED_INVOICE"), spark.read().parquet(dir.resolve("strict/rejects").toString())
                .orderBy(MappedRows.SOURCE_FILE, MappedRows.LINE).collectAsList().stream()
                .map(r -> r.getAs(MappedRows.SOURCE_FILE) + ":" + r.getAs(MappedRows.LINE) + " " + r.getAs("record_id")
                        + " " + r.getAs("reason_code")).toList());
        assertEquals("""
                code,action,table,rows,examples
                DUE_BEFORE_ISSUE,reject,invoices,1,invoices.csv:2
                BEFORE_INVOICE,reject,payments,1,payments.csv:2
                REJECTED_INVOICE,reject,payments,1,payments.csv:4
                """, Files.readString(dir.resolve("strict").resolve("data_quality.csv")));
        // Every rule's action is in the run manifest.
        String manifest = Files.readString(dir.resolve("strict").resolve(IngestTables.MANIFEST));
        assertTrue(manifest.contains("\"BEFORE_INVOICE\" : \"reject\"") && manifest.contains(
                "\"CUSTOMER_MISMATCH\" : \"flag\"") && manifest.contains("\"BAD_DATE\" : \"reject\""), manifest);
        assertFalse(strict.passed());
    }

    private static List<String> rows(Path table, String... columns) {
        return spark.read().parquet(table.toString()).orderBy(columns[0]).collectAsList().stream()
                .map(r -> String.join(" ", java.util.Arrays.stream(columns).map(c -> String.valueOf((Object) r.getAs(c)))
                        .toList())).toList();
    }
}
