package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.JobContext;
import io.arscope.testing.TestSpark;

/**
 * The rejects and the reconciliation of an export whose file name and lines start like spreadsheet formulas:
 * their CSVs hold those values behind a single quote, and the Parquet tables hold them as they came.
 */
class RejectsCsvTest {

    @Test
    void cellsThatStartAFormulaAreMadeInertInRejectsAndReconciliation(@TempDir Path export) throws Exception {
        SparkSession spark = TestSpark.session();
        Files.writeString(export.resolve("@ar.csv"), String.join("\n",
                "invoice_id,customer_id,invoice_date,due_date,amount,currency",
                "=1+1,K1,2025-01-01,2025-01-31,-12.50,EUR",
                "=2+2,K1,2025-01-01,2025-01-31,10.00,EUR", ""));
        Files.writeString(export.resolve("mapping.yaml"), String.join("\n",
                "sources:",
                "  - name: ar",
                "    file: '@ar.csv'",
                "    produces:",
                "      invoices:",
                "        fields: {invoice_id: invoice_id, customer_id: customer_id, invoice_date: invoice_date,",
                "                 due_date: due_date, amount: amount, currency: currency}", ""));
        Path out = export.resolve("out");
        IngestJob.write(JobContext.of(spark, new IngestOptions(export.toString(), export.resolve("mapping.yaml"),
                out.toString(), LocalDate.of(2025, 6, 30), 1.0)));

        assertEquals("source_file,line,table,record_id,field,reason_code,reason,raw\n"
                + "\"'@ar.csv\",2,invoices,\"'=1+1\",amount,NON_POSITIVE_AMOUNT,amount -12.50 must be greater than zero,"
                + "\"'=1+1,K1,2025-01-01,2025-01-31,-12.50,EUR\"\n",
                Files.readString(out.resolve(IngestTables.REJECTS_CSV)));
        assertEquals("source_file,reason_code,read,accepted,flagged,rejected,ignored\n"
                + "\"'@ar.csv\",ALL,2,1,0,1,0\n"
                + "\"'@ar.csv\",NON_POSITIVE_AMOUNT,,,,1,\n",
                Files.readString(out.resolve(IngestTables.RECONCILIATION_CSV)));

        Row reject = spark.read().parquet(out.resolve(IngestTables.REJECTS).toString()).first();
        assertEquals(List.of("@ar.csv", "=1+1", "=1+1,K1,2025-01-01,2025-01-31,-12.50,EUR"),
                List.of(reject.getAs(MappedRows.SOURCE_FILE), reject.getAs("record_id"), reject.getAs(MappedRows.RAW)));
        assertEquals(List.of("=2+2"), spark.read().parquet(out.resolve("canonical/invoices").toString())
                .select("invoice_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    }
}
