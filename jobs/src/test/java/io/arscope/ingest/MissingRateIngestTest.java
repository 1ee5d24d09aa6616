package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.JobContext;
import io.arscope.model.CanonicalTable;
import io.arscope.testing.ParquetRows;
import io.arscope.testing.TestSpark;

/**
 * MISSING_RATE at ingest, through the generator's currencies mapping. The rates give EUR from 2025-01-01 and GBP
 * from 2025-02-01; USD has none (it is the reporting currency, or missing: ingest cannot tell, so USD is never
 * flagged). K1 is billed in USD, K2 in EUR, K3 in GBP.
 * <pre>
 * invoices.csv:2     I1 USD 2025-01-05                      clean: USD has no rates at all
 * invoices.csv:3     I2 EUR 2024-12-20                      MISSING_RATE: before EUR's first rate
 * invoices.csv:4     I3 EUR 2025-01-10                      clean
 * invoices.csv:5     I4 GBP 2025-01-15                      MISSING_RATE
 * invoices.csv:6     I5 GBP 2025-02-03                      clean
 * payments.csv:2     P1 of I2 on 2025-01-05 (EUR)           clean, though its invoice is flagged
 * payments.csv:3     P2 of I4 on 2025-01-20 (GBP)           MISSING_RATE
 * payments.csv:4     P3 on account, K3, 2025-01-25 (GBP)    MISSING_RATE
 * payments.csv:5     P4 of I5 on 2025-02-10 (GBP)           clean
 * adjustments.csv:2  A1 credit memo of I4 on 2025-01-31    MISSING_RATE
 * </pre>
 * By default the five are accepted and flagged; with {@code quality: {MISSING_RATE: reject}} they are rejected,
 * and P1 with its invoice I2.
 */
// Several ingest or metrics runs on files: the integration tier keeps the fast tier under four minutes.
@Tag("integration")
class MissingRateIngestTest {

    @TempDir
    static Path dir;
    private static IngestJob.Outcome flagged;
    private static IngestJob.Outcome rejected;

    @BeforeAll
    static void ingest() throws Exception {
        SparkSession spark = TestSpark.session();
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("customers.csv"), String.join("\n",
                "customer_id,name,country,region,segment,credit_limit,terms_days,collector,customer_since",
                "K1,Kay,US,North America,Enterprise,,30,ann,",
                "K2,Kai,DE,Europe,Enterprise,,30,ann,",
                "K3,Kim,GB,Europe,Enterprise,,30,ann,", ""));
        Files.writeString(in.resolve("invoices.csv"), String.join("\n",
                "invoice_id,customer_id,invoice_date,due_date,amount,currency,business_unit,terms_days,billing_channel",
                "I1,K1,2025-01-05,2025-02-04,100.00,USD,,,",
                "I2,K2,2024-12-20,2025-01-19,200.00,EUR,,,",
                "I3,K2,2025-01-10,2025-02-09,300.00,EUR,,,",
                "I4,K3,2025-01-15,2025-02-14,400.00,GBP,,,",
                "I5,K3,2025-02-03,2025-03-05,500.00,GBP,,,", ""));
        Files.writeString(in.resolve("payments.csv"), String.join("\n",
                "payment_id,invoice_id,customer_id,payment_date,amount,method",
                "P1,I2,K2,2025-01-05,50.00,wire",
                "P2,I4,K3,2025-01-20,60.00,wire",
                "P3,,K3,2025-01-25,70.00,wire",
                "P4,I5,K3,2025-02-10,10.00,wire", ""));
        Files.writeString(in.resolve("adjustments.csv"), String.join("\n",
                "adjustment_id,invoice_id,customer_id,adjustment_date,amount,kind,reason",
                "A1,I4,K3,2025-01-31,5.00,credit_memo,rebate", ""));
        Files.writeString(in.resolve("disputes.csv"), "dispute_id,invoice_id,opened_date,resolved_date,reason\n");
        Files.writeString(in.resolve("exchange_rates.csv"), String.join("\n", "rate_date,currency,rate",
                "2025-01-01,EUR,1.10", "2025-02-01,GBP,1.25", ""));
        Path mapping = Path.of(System.getProperty("arscope.repo.dir"),
                "data-samples/mappings/arscope-generator-currencies.yaml");
        flagged = IngestJob.write(JobContext.of(spark, new IngestOptions(in.toString(), mapping,
                dir.resolve("flagged").toString(), LocalDate.of(2025, 3, 31), 1.0)));
        Path rejecting = dir.resolve("rejecting.yaml");
        Files.writeString(rejecting, "quality: {MISSING_RATE: reject}\n" + Files.readString(mapping));
        rejected = IngestJob.write(JobContext.of(spark, new IngestOptions(in.toString(), rejecting,
                dir.resolve("rejected").toString(), LocalDate.of(2025, 3, 31), 1.0)));
    }

    @Test
    void rowsDatedBeforeTheirCurrencysFirstRateAreAcceptedAndFlagged() {
        assertEquals(5L, flagged.records().get(CanonicalTable.INVOICES));
        assertEquals(4L, flagged.records().get(CanonicalTable.PAYMENTS));
        assertEquals(1L, flagged.records().get(CanonicalTable.ADJUSTMENTS));
        assertEquals(List.of("I1 USD null", "I2 EUR MISSING_RATE", "I3 EUR null", "I4 GBP MISSING_RATE",
                "I5 GBP null"), ParquetRows.of(dir.resolve("flagged/canonical/invoices"), "invoice_id", "invoice_id",
                "currency", "quality_flags"));
        assertEquals(List.of("P1 EUR null", "P2 GBP MISSING_RATE", "P3 GBP MISSING_RATE", "P4 GBP null"),
                ParquetRows.of(dir.resolve("flagged/canonical/payments"), "payment_id", "payment_id", "currency",
                        "quality_flags"));
        assertEquals(List.of("A1 GBP MISSING_RATE"), ParquetRows.of(dir.resolve("flagged/canonical/adjustments"),
                "adjustment_id", "adjustment_id", "currency", "quality_flags"));
        assertEquals(List.of(), ParquetRows.of(dir.resolve("flagged/rejects"), "line", "line"));
        assertEquals(List.of("MISSING_RATE flag adjustments 1", "MISSING_RATE flag invoices 2",
                "MISSING_RATE flag payments 2"), ParquetRows.of(dir.resolve("flagged/data_quality"), "table",
                "code", "action", "table", "rows"));
    }

    @Test
    void setToRejectTheyAreRejectedNamingTheCurrencyAndItsFirstRate() {
        assertEquals(3L, rejected.records().get(CanonicalTable.INVOICES));
        assertEquals(1L, rejected.records().get(CanonicalTable.PAYMENTS));
        assertEquals(0L, rejected.records().get(CanonicalTable.ADJUSTMENTS));
        assertEquals(List.of(
                "adjustments.csv 2 adjustment_date MISSING_RATE no GBP exchange rate on or before adjustment_date "
                        + "2025-01-31: the rates of GBP start on 2025-02-01",
                "invoices.csv 3 invoice_date MISSING_RATE no EUR exchange rate on or before invoice_date 2024-12-20: "
                        + "the rates of EUR start on 2025-01-01",
                "invoices.csv 5 invoice_date MISSING_RATE no GBP exchange rate on or before invoice_date 2025-01-15: "
                        + "the rates of GBP start on 2025-02-01",
                "payments.csv 2 invoice_id REJECTED_INVOICE invoice_id I2 was rejected (invoices.csv line 3: MISSING_RATE)",
                "payments.csv 3 payment_date MISSING_RATE no GBP exchange rate on or before payment_date 2025-01-20: "
                        + "the rates of GBP start on 2025-02-01",
                "payments.csv 4 payment_date MISSING_RATE no GBP exchange rate on or before payment_date 2025-01-25: "
                        + "the rates of GBP start on 2025-02-01"),
                ParquetRows.of(dir.resolve("rejected/rejects"), "source_file, line", "source_file", "line", "field",
                        "reason_code", "reason"));
    }
}
