package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.JobContext;
import io.arscope.model.CanonicalTable;
import io.arscope.testing.ParquetRows;
import io.arscope.testing.TestSpark;

/**
 * Payments and adjustments that name no invoice, through the generator's mapping: on account when they name a known
 * customer, rejected with a reason when they name none, an unknown one, or are a write-off.
 * <pre>
 * payments.csv:2     P1 of I1 by K1                       accepted
 * payments.csv:3     P2, no invoice, K1                   accepted: cash on account
 * payments.csv:4     P3, no invoice, no customer          MISSING_FIELD customer_id
 * payments.csv:5     P4, no invoice, K9                   UNKNOWN_CUSTOMER
 * adjustments.csv:2  A1 credit memo, no invoice, K1       accepted: credit on account
 * adjustments.csv:3  A2 write-off, no invoice, K1         MISSING_FIELD invoice_id
 * adjustments.csv:4  A3 credit memo, no invoice, none     MISSING_FIELD customer_id
 * </pre>
 */
class OnAccountIngestTest {

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static IngestJob.Outcome outcome;

    @BeforeAll
    static void ingest() throws Exception {
        spark = TestSpark.session();
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("customers.csv"), String.join("\n",
                "customer_id,name,country,region,segment,credit_limit,terms_days,collector,customer_since",
                "K1,Kay,US,North America,Enterprise,,30,ann,", ""));
        Files.writeString(in.resolve("invoices.csv"), String.join("\n",
                "invoice_id,customer_id,invoice_date,due_date,amount,currency,business_unit,terms_days,billing_channel",
                "I1,K1,2025-01-10,2025-02-09,100.00,USD,,,", ""));
        Files.writeString(in.resolve("payments.csv"), String.join("\n",
                "payment_id,invoice_id,customer_id,payment_date,amount,method",
                "P1,I1,K1,2025-01-20,40.00,wire",
                "P2,,K1,2025-01-21,25.00,wire",
                "P3,,,2025-01-22,5.00,wire",
                "P4,,K9,2025-01-23,6.00,wire", ""));
        Files.writeString(in.resolve("adjustments.csv"), String.join("\n",
                "adjustment_id,invoice_id,customer_id,adjustment_date,amount,kind,reason",
                "A1,,K1,2025-01-24,7.00,credit_memo,rebate",
                "A2,,K1,2025-01-25,8.00,write_off,uncollectable",
                "A3,,,2025-01-26,9.00,credit_memo,rebate", ""));
        Files.writeString(in.resolve("disputes.csv"), "dispute_id,invoice_id,opened_date,resolved_date,reason\n");
        outcome = IngestJob.write(JobContext.of(spark, new IngestOptions(in.toString(),
                Path.of(System.getProperty("arscope.repo.dir"), "data-samples/mappings/arscope-generator.yaml"),
                dir.resolve("out").toString(), LocalDate.of(2025, 3, 31), 1.0)));
    }

    @Test
    void onAccountItemsOfAKnownCustomerAreKept() {
        assertEquals(2L, outcome.records().get(CanonicalTable.PAYMENTS));
        assertEquals(1L, outcome.records().get(CanonicalTable.ADJUSTMENTS));
        assertEquals(List.of("P1 I1 K1 40.00", "P2 null K1 25.00"), rows("canonical/payments", "payment_id",
                "payment_id", "invoice_id", "customer_id", "amount"));
        assertEquals(List.of("A1 null K1 7.00 credit_memo"), rows("canonical/adjustments", "adjustment_id",
                "adjustment_id", "invoice_id", "customer_id", "amount", "kind"));
    }

    @Test
    void theOthersAreRejectedWithTheirReason() {
        assertEquals(List.of(
                "adjustments.csv 3 invoice_id MISSING_FIELD invoice_id is required for a write_off: only a credit memo "
                        + "can be on account",
                "adjustments.csv 4 customer_id MISSING_FIELD customer_id is required when invoice_id is empty (an "
                        + "on-account credit memo)",
                "payments.csv 4 customer_id MISSING_FIELD customer_id is required when invoice_id is empty (an "
                        + "on-account payment)",
                "payments.csv 5 customer_id UNKNOWN_CUSTOMER customer_id K9 of an on-account payment (no invoice_id) "
                        + "is not among the accepted customers"),
                rows("rejects", "source_file, line", "source_file", "line", "field", "reason_code", "reason"));
    }

    private static List<String> rows(String table, String order, String... columns) {
        return ParquetRows.of(dir.resolve("out").resolve(table), order, columns);
    }
}
