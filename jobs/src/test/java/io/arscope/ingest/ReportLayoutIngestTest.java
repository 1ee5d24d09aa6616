package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.JobContext;
import io.arscope.job.JobOutcome;
import io.arscope.testing.TestSpark;

/**
 * An invoice list as QuickBooks prints it: title lines above the header, a header line per customer, a
 * "Total for" line under each and a grand total. The layout lines are ignored and counted by the condition they
 * meet, the invoices are accepted, a bad line is still rejected, and read = accepted + rejected + ignored.
 */
class ReportLayoutIngestTest {

    private static final String REPORT = String.join("\n",
            "Acme Books Inc.",
            "Invoice List",
            "\"January 1 - December 31, 2024\"",
            "Customer,Date,Num,Due Date,Amount,Status",
            "Acme Corp,,,,,",
            "Acme Corp,01/15/2024,1001,02/14/2024,\"1,200.00\",Paid",
            "Acme Corp,02/01/2024,1002,03/02/2024,350.50,Open",
            "Total for Acme Corp,,,,\"1,550.50\",",
            "Bolt Ltd,,,,,",
            "Bolt Ltd,03/05/2024,1003,04/04/2024,\"2,000.00\",Open",
            "Bolt Ltd,13/45/2024,1004,04/04/2024,80.00,Open",
            "Total for Bolt Ltd,,,,\"2,080.00\",",
            "",
            "TOTAL,,,,\"3,630.50\",", "");

    private static final String MAPPING = """
            sources:
              - name: invoice-list
                file: invoices.csv
                skipLines: 3
                dateFormats: [MM/dd/yyyy]
                groupingSeparator: ','
                ignore:
                  any:
                    - {column: Customer, equals: TOTAL}
                    - {all: [{column: Num, present: false}, {column: Amount, present: false}]}
                    - {all: [{column: Num, present: false}, {column: Amount, present: true}]}
                produces:
                  invoices:
                    fields: {invoice_id: Num, customer_id: Customer, invoice_date: Date, due_date: Due Date,
                             amount: Amount, currency: {value: USD}}
                  customers:
                    derived: true
                    fields: {customer_id: Customer}
            """;

    @Test
    void layoutLinesAreIgnoredAndCountedAndInvoicesAccepted(@TempDir Path export) throws Exception {
        SparkSession spark = TestSpark.session();
        Files.writeString(export.resolve("invoices.csv"), REPORT);
        Files.writeString(export.resolve("mapping.yaml"), MAPPING);
        Path out = export.resolve("out");
        JobOutcome outcome = new IngestJob().run(JobContext.of(spark, new IngestOptions(export.toString(),
                export.resolve("mapping.yaml"), out.toString(), LocalDate.of(2024, 12, 31), 1.0)));

        assertEquals("ingest: 9 rows read, 3 accepted (0 flagged), 1 rejected (25.00%), 5 ignored by the mapping", outcome.summary());
        assertEquals("""
                source_file,reason_code,read,accepted,flagged,rejected,ignored
                invoices.csv,ALL,9,3,0,1,5
                invoices.csv,BAD_DATE,,,,1,
                invoices.csv,IGNORED: Customer is 'TOTAL',,,,,1
                invoices.csv,IGNORED: Num is empty and Amount is empty,,,,,2
                invoices.csv,IGNORED: Num is empty and Amount is not empty,,,,,2
                """, Files.readString(out.resolve(IngestTables.RECONCILIATION_CSV)));
        // The share of rejects is of the rows that hold data: 1 of 4, not 1 of 9.
        assertEquals(List.of(
                "file                                           read   accepted    flagged   rejected    share",
                "invoices.csv                                      9          3          0          1   25.00%",
                "    BAD_DATE (rejected)                           1",
                "    (ignored by the mapping)                      1  Customer is 'TOTAL'",
                "    (ignored by the mapping)                      2  Num is empty and Amount is empty",
                "    (ignored by the mapping)                      2  Num is empty and Amount is not empty",
                "    (blank lines, not rows)                       1",
                "total                                             9          3          0          1"),
                outcome.details().subList(0, 8));

        List<String> rejects = spark.read().parquet(out.resolve(IngestTables.REJECTS).toString())
                .select(MappedRows.LINE, "reason_code", "reason").collectAsList().stream()
                .map(r -> r.getLong(0) + " " + r.getString(1) + " " + r.getString(2)).toList();
        assertEquals(List.of("11 BAD_DATE invoice_date '13/45/2024' is not a date in [MM/dd/yyyy] (column Date)"), rejects);

        List<Row> invoices = spark.read().parquet(out.resolve("canonical/invoices").toString())
                .orderBy("invoice_id").select("invoice_id", "customer_id", "invoice_date", "due_date", "amount")
                .collectAsList();
        assertEquals(List.of(
                List.of("1001", "Acme Corp", LocalDate.of(2024, 1, 15), LocalDate.of(2024, 2, 14),
                        new BigDecimal("1200.00")),
                List.of("1002", "Acme Corp", LocalDate.of(2024, 2, 1), LocalDate.of(2024, 3, 2),
                        new BigDecimal("350.50")),
                List.of("1003", "Bolt Ltd", LocalDate.of(2024, 3, 5), LocalDate.of(2024, 4, 4),
                        new BigDecimal("2000.00"))),
                invoices.stream().map(r -> List.of(r.get(0), r.get(1), r.getAs("invoice_date"), r.getAs("due_date"),
                        r.get(4))).toList());
        assertEquals(List.of("Acme Corp", "Bolt Ltd"), spark.read().parquet(out.resolve("canonical/customers")
                .toString()).orderBy("customer_id").collectAsList().stream().map(r -> r.getString(0)).toList());

    }
}
