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
 * The currency of payments and adjustments, through the generator's mapping with their {@code currency} column
 * mapped. K1 is billed in USD (I1), K2 in EUR (I2) and GBP (I3), K3 has no invoice.
 * <pre>
 * payments.csv:2     P1 of I1, no currency             accepted, USD: its invoice's
 * payments.csv:3     P2 of I2, eur                     accepted, EUR
 * payments.csv:4     P3 of I3, EUR                     CURRENCY_MISMATCH: I3 is in GBP
 * payments.csv:5     P4 on account, K1, none           accepted, USD: K1's one currency
 * payments.csv:6     P5 on account, K2, none           MISSING_FIELD: K2 is billed in EUR and GBP
 * payments.csv:7     P6 on account, K2, GBP            accepted, GBP
 * payments.csv:8     P7 on account, K3, none           MISSING_FIELD: K3 has no invoice, the ledger three currencies
 * payments.csv:9     P8 on account, K1, EURO           BAD_VALUE
 * adjustments.csv:2  A1 credit memo on account, K2, EUR    accepted, EUR
 * adjustments.csv:3  A2 credit memo of I1, none            accepted, USD
 * adjustments.csv:4  A3 credit memo on account, K3, USD    accepted, USD: given
 * </pre>
 */
class ItemCurrencyIngestTest {

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
                "K1,Kay,US,North America,Enterprise,,30,ann,",
                "K2,Kai,DE,Europe,Enterprise,,30,ann,",
                "K3,Kim,GB,Europe,Enterprise,,30,ann,", ""));
        Files.writeString(in.resolve("invoices.csv"), String.join("\n",
                "invoice_id,customer_id,invoice_date,due_date,amount,currency,business_unit,terms_days,billing_channel",
                "I1,K1,2025-01-10,2025-02-09,100.00,USD,,,",
                "I2,K2,2025-01-10,2025-02-09,200.00,EUR,,,",
                "I3,K2,2025-01-10,2025-02-09,300.00,GBP,,,", ""));
        Files.writeString(in.resolve("payments.csv"), String.join("\n",
                "payment_id,invoice_id,customer_id,payment_date,amount,method,currency",
                "P1,I1,K1,2025-01-20,40.00,wire,",
                "P2,I2,K2,2025-01-20,50.00,wire,eur",
                "P3,I3,K2,2025-01-20,60.00,wire,EUR",
                "P4,,K1,2025-01-21,25.00,wire,",
                "P5,,K2,2025-01-21,30.00,wire,",
                "P6,,K2,2025-01-21,35.00,wire,GBP",
                "P7,,K3,2025-01-22,45.00,wire,",
                "P8,,K1,2025-01-22,5.00,wire,EURO", ""));
        Files.writeString(in.resolve("adjustments.csv"), String.join("\n",
                "adjustment_id,invoice_id,customer_id,adjustment_date,amount,kind,reason,currency",
                "A1,,K2,2025-01-24,7.00,credit_memo,rebate,EUR",
                "A2,I1,K1,2025-01-25,8.00,credit_memo,rebate,",
                "A3,,K3,2025-01-26,9.00,credit_memo,rebate,USD", ""));
        Files.writeString(in.resolve("disputes.csv"), "dispute_id,invoice_id,opened_date,resolved_date,reason\n");
        String generator = Files.readString(Path.of(System.getProperty("arscope.repo.dir"),
                "data-samples/mappings/arscope-generator.yaml"));
        Path mapping = dir.resolve("with-currency.yaml");
        Files.writeString(mapping, generator.replace("          method: method\n",
                "          method: method\n          currency: currency\n").replace(
                "          kind: kind\n          reason: reason\n",
                "          kind: kind\n          reason: reason\n          currency: currency\n"));
        outcome = IngestJob.write(JobContext.of(spark, new IngestOptions(in.toString(), mapping,
                dir.resolve("out").toString(), LocalDate.of(2025, 3, 31), 1.0)));
    }

    @Test
    void everyAcceptedPaymentAndAdjustmentHasItsCurrency() {
        assertEquals(4L, outcome.records().get(CanonicalTable.PAYMENTS));
        assertEquals(3L, outcome.records().get(CanonicalTable.ADJUSTMENTS));
        assertEquals(List.of("P1 I1 K1 40.00 USD", "P2 I2 K2 50.00 EUR", "P4 null K1 25.00 USD",
                "P6 null K2 35.00 GBP"), rows("canonical/payments", "payment_id", "payment_id", "invoice_id",
                "customer_id", "amount", "currency"));
        assertEquals(List.of("A1 null K2 7.00 EUR", "A2 I1 K1 8.00 USD", "A3 null K3 9.00 USD"),
                rows("canonical/adjustments", "adjustment_id", "adjustment_id", "invoice_id", "customer_id",
                        "amount", "currency"));
    }

    @Test
    void aCurrencyThatContradictsTheInvoiceOrCannotBeToldIsRejected() {
        assertEquals(List.of(
                "payments.csv 4 currency CURRENCY_MISMATCH currency EUR is not invoice I3's currency GBP",
                "payments.csv 6 currency MISSING_FIELD currency is required for an on-account payment (no invoice_id) "
                        + "of customer K2, who is billed in several currencies: EUR, GBP",
                "payments.csv 8 currency MISSING_FIELD currency is required for an on-account payment (no invoice_id) "
                        + "of customer K3, who has no accepted invoice, while the accepted invoices are in EUR, GBP, "
                        + "USD",
                "payments.csv 9 currency BAD_VALUE currency 'EURO' is not a three-letter ISO 4217 code"),
                rows("rejects", "source_file, line", "source_file", "line", "field", "reason_code", "reason"));
    }

    private static List<String> rows(String table, String order, String... columns) {
        return ParquetRows.of(dir.resolve("out").resolve(table), order, columns);
    }
}
