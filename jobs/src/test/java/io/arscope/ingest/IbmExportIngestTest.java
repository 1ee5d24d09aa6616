package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.JobContext;
import io.arscope.model.CanonicalTable;
import io.arscope.risk.RiskConfig;
import io.arscope.risk.RiskTrainer;
import io.arscope.risk.TrainJob;
import io.arscope.risk.TrainOptions;
import io.arscope.testing.TestSpark;

/**
 * Integration test on real data: IBM's public accounts-receivable sample from ../shared/datasets, through
 * data-samples/mappings/ibm-accounts-receivable.yaml. Expected values were read off the CSV by hand (awk).
 * Skipped, saying so, where ../shared is not present.
 */
@Tag("integration")
class IbmExportIngestTest {

    @TempDir
    static Path out;
    private static SparkSession spark;
    private static IngestJob.Outcome outcome;

    @BeforeAll
    static void ingest() throws Exception {
        Path shared = Path.of(System.getProperty("arscope.shared.dir", "../shared"), "datasets");
        assumeTrue(Files.exists(shared.resolve("ibm-accounts-receivable.csv")),
                "skipped: " + shared + "/ibm-accounts-receivable.csv is not present");
        spark = TestSpark.session();
        Path mapping = Path.of(System.getProperty("arscope.repo.dir"),
                "data-samples/mappings/ibm-accounts-receivable.yaml");
        outcome = IngestJob.write(JobContext.of(spark, new IngestOptions(shared.toString(), mapping, out.toString(),
                LocalDate.of(2014, 1, 31), 0.0)));
    }

    /**
     * Issue 19's bar on real data: the model trained on the ingest above, on the time split (the newest 370 invoices
     * tested), reaches test ROC AUC 0.919 against 0.847 for the customer's past late share; the same data and seed
     * give the same model, so the figures are exact to the digits risk-model.md quotes. Feature version 4, without
     * the invoice's own dispute, gave 0.865.
     */
    @Test
    void theModelRanksLatePaymentsBetterThanThePastLateShareOnNewerInvoices(@TempDir Path model) throws Exception {
        RiskTrainer.Result trained = TrainJob.train(JobContext.of(spark, new TrainOptions(out.toString(), model,
                LocalDate.of(2014, 1, 31), RiskConfig.DEFAULT, null)));
        assertEquals(List.of(370, "0.919", "0.847"), List.of(trained.test().rows(),
                String.format(java.util.Locale.ROOT, "%.3f", trained.test().rocAuc()),
                String.format(java.util.Locale.ROOT, "%.3f", trained.baseline().rocAuc())));
    }

    @Test
    void everyRowIsAccountedForAndNoneIsRejected() {
        Reconciliation.FileCounts file = outcome.reconciliation().files().get(0);
        assertEquals(List.of("ibm-accounts-receivable.csv", 2466L, 2466L, 0L, 0L),
                List.of(file.file(), file.read(), file.accepted(), file.flagged(), file.rejected()));
        // No oddity either: every canonical row is clean, and the data-quality table is empty.
        for (CanonicalTable t : CanonicalTable.values()) {
            assertEquals(0, table(t.tableName()).filter(CanonicalTable.QUALITY_FLAGS + " is not null").count(), t.name());
        }
        assertEquals(List.of(), outcome.quality());
        assertEquals(1, outcome.reconciliation().files().size());
        assertEquals(100L, outcome.records().get(CanonicalTable.CUSTOMERS));
        assertEquals(2466L, outcome.records().get(CanonicalTable.INVOICES));
        assertEquals(2466L, outcome.records().get(CanonicalTable.PAYMENTS));
        assertEquals(0L, outcome.records().get(CanonicalTable.ADJUSTMENTS));
        assertEquals(561L, outcome.records().get(CanonicalTable.DISPUTES));
    }

    @Test
    void totalsMatchTheSourceFile() {
        Dataset<Row> invoices = table("invoices");
        assertEquals(new BigDecimal("147703.18"), invoices.agg(org.apache.spark.sql.functions.sum("amount"))
                .first().getDecimal(0));
        assertEquals(1203, invoices.filter("billing_channel = 'electronic'").count());
        assertEquals(27, invoices.filter("customer_id = '0379-NEVHP'").count());
        assertEquals(new BigDecimal("147703.18"), table("payments").agg(org.apache.spark.sql.functions.sum("amount"))
                .first().getDecimal(0));
    }

    @Test
    void theFirstRowReadsAsItsSourceLineSays() {
        // 391,0379-NEVHP,4/6/2013,0000611365,1/2/2013,2/1/2013,55.94,No,1/15/2013,Paper,13,0
        Row invoice = table("invoices").filter("invoice_id = '0000611365'").first();
        assertEquals("0379-NEVHP", invoice.getAs("customer_id"));
        assertEquals(LocalDate.of(2013, 1, 2), invoice.getAs("invoice_date"));
        assertEquals(LocalDate.of(2013, 2, 1), invoice.getAs("due_date"));
        assertEquals(new BigDecimal("55.94"), invoice.getAs("amount"));
        assertEquals("USD", invoice.getAs("currency"));
        assertEquals(30, (Integer) invoice.getAs("terms_days"));
        assertEquals("paper", invoice.getAs("billing_channel"));
        Row payment = table("payments").filter("invoice_id = '0000611365'").first();
        assertEquals("SETTLE-0000611365", payment.getAs("payment_id"));
        assertEquals(LocalDate.of(2013, 1, 15), payment.getAs("payment_date"));
        assertEquals(new BigDecimal("55.94"), payment.getAs("amount"));
        assertEquals(0, table("disputes").filter("invoice_id = '0000611365'").count());
        assertEquals("391", table("customers").filter("customer_id = '0379-NEVHP'").first().getAs("country"));
    }

    @Test
    void aDisputedRowGivesADisputeOpenUntilSettlement() {
        // 406,8976-AMJEO,3/3/2012,0007900770,1/26/2013,2/25/2013,61.74,Yes,3/3/2013,Electronic,36,6
        Row dispute = table("disputes").filter("invoice_id = '0007900770'").first();
        assertEquals("DSP-0007900770", dispute.getAs("dispute_id"));
        assertEquals(LocalDate.of(2013, 1, 26), dispute.getAs("opened_date"));
        assertEquals(LocalDate.of(2013, 3, 3), dispute.getAs("resolved_date"));
        assertEquals("electronic", table("invoices").filter("invoice_id = '0007900770'").first()
                .getAs("billing_channel"));
    }

    private static Dataset<Row> table(String name) {
        return spark.read().parquet(out.resolve("canonical").resolve(name).toString());
    }
}
