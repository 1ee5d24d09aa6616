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
 * Contacts, promises and plan instalments through the generator's mapping, as of 2025-03-31: each row accepted,
 * flagged or rejected with its reason, and the listed invoices put in canonical form.
 * <pre>
 * contacts.csv:2          T1 K1 about I1, call reached         accepted
 * contacts.csv:3          T2 K1, EMAIL (any case), no outcome  accepted as email
 * contacts.csv:4          T3 K1, fax                           BAD_VALUE channel
 * contacts.csv:5          T4 K9                                UNKNOWN_CUSTOMER
 * contacts.csv:6          T5 K1 about I2 (K2's)                accepted, flagged CUSTOMER_MISMATCH
 * contacts.csv:7          T6 K1 about I7 (no such invoice)     UNKNOWN_INVOICE
 * promises.csv:2          R1 K1 " I1 ; ;I1" by 2025-04-10      accepted: after the as-of day, ids "I1"
 * promises.csv:3          R2 K1 by a day before it was made    DATE_ORDER promised_date
 * promises.csv:4          R3 K1 lists I1 and I8                UNKNOWN_INVOICE invoice_ids
 * promises.csv:5          R4 K1 lists I2 (K2's)                accepted, flagged CUSTOMER_MISMATCH
 * plan_instalments.csv:2  L1#1 K2, due 2025-03-31              accepted
 * plan_instalments.csv:3  L1#2 K2, due 2025-04-30              accepted: due after the as-of day
 * plan_instalments.csv:4  L1#0                                 BAD_NUMBER instalment
 * plan_instalments.csv:5  L1#2 again                           DUPLICATE_ID
 * </pre>
 */
class ActivityIngestTest {

    @TempDir
    static Path dir;
    private static IngestJob.Outcome outcome;

    @BeforeAll
    static void ingest() throws Exception {
        SparkSession spark = TestSpark.session();
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("customers.csv"), String.join("\n",
                "customer_id,name,country,region,segment,credit_limit,terms_days,collector,customer_since",
                "K1,Kay,US,North America,Enterprise,,30,ann,", "K2,Lee,US,North America,Enterprise,,30,ann,", ""));
        Files.writeString(in.resolve("invoices.csv"), String.join("\n",
                "invoice_id,customer_id,invoice_date,due_date,amount,currency,business_unit,terms_days,billing_channel",
                "I1,K1,2025-01-10,2025-02-09,100.00,USD,,,", "I2,K2,2025-01-10,2025-02-09,100.00,USD,,,", ""));
        Files.writeString(in.resolve("payments.csv"), "payment_id,invoice_id,customer_id,payment_date,amount,method\n");
        Files.writeString(in.resolve("adjustments.csv"),
                "adjustment_id,invoice_id,customer_id,adjustment_date,amount,kind,reason\n");
        Files.writeString(in.resolve("disputes.csv"), "dispute_id,invoice_id,opened_date,resolved_date,reason\n");
        Files.writeString(in.resolve("contacts.csv"), String.join("\n",
                "contact_id,customer_id,invoice_id,contact_date,channel,outcome,collector",
                "T1,K1,I1,2025-03-01,call,reached,ann",
                "T2,K1,,2025-03-02,EMAIL,,ann",
                "T3,K1,,2025-03-03,fax,,ann",
                "T4,K9,,2025-03-04,call,,ann",
                "T5,K1,I2,2025-03-05,call,no_answer,ann",
                "T6,K1,I7,2025-03-06,call,no_answer,ann", ""));
        Files.writeString(in.resolve("promises.csv"), String.join("\n",
                "promise_id,customer_id,invoice_ids,promised_on,promised_date,amount,currency,collector",
                "R1,K1, I1 ; ;I1,2025-03-20,2025-04-10,60.00,,ann",
                "R2,K1,,2025-03-20,2025-03-19,60.00,,ann",
                "R3,K1,I1;I8,2025-03-20,2025-03-25,60.00,,ann",
                "R4,K1,I2,2025-03-20,2025-03-25,60.00,usd,ann", ""));
        Files.writeString(in.resolve("plan_instalments.csv"), String.join("\n",
                "plan_id,instalment,customer_id,invoice_ids,agreed_on,due_date,amount,currency",
                "L1,1,K2,I2,2025-03-01,2025-03-31,50.00,",
                "L1,2,K2,I2,2025-03-01,2025-04-30,50.00,",
                "L1,0,K2,I2,2025-03-01,2025-04-30,50.00,",
                "L1,2,K2,I2,2025-03-01,2025-05-31,50.00,", ""));
        outcome = IngestJob.write(JobContext.of(spark, new IngestOptions(in.toString(),
                Path.of(System.getProperty("arscope.repo.dir"), "data-samples/mappings/arscope-generator.yaml"),
                dir.resolve("out").toString(), LocalDate.of(2025, 3, 31), 1.0)));
    }

    @Test
    void acceptedActivityIsInItsCanonicalTables() {
        assertEquals(3L, outcome.records().get(CanonicalTable.CONTACTS));
        assertEquals(2L, outcome.records().get(CanonicalTable.PROMISES));
        assertEquals(2L, outcome.records().get(CanonicalTable.PLAN_INSTALMENTS));
        assertEquals(List.of("T1 I1 call reached null", "T2 null email null null",
                "T5 I2 call no_answer CUSTOMER_MISMATCH"), rows("canonical/contacts", "contact_id", "contact_id",
                "invoice_id", "channel", "outcome", "quality_flags"));
        assertEquals(List.of("R1 I1 2025-04-10 null null", "R4 I2 2025-03-25 USD CUSTOMER_MISMATCH"),
                rows("canonical/promises", "promise_id", "promise_id", "invoice_ids", "promised_date", "currency",
                        "quality_flags"));
        assertEquals(List.of("L1 1 2025-03-31 50.00", "L1 2 2025-04-30 50.00"), rows("canonical/plan_instalments",
                "instalment", "plan_id", "instalment", "due_date", "amount"));
    }

    @Test
    void theOthersAreRejectedWithTheirReason() {
        assertEquals(List.of(
                "contacts.csv 4 channel BAD_VALUE channel 'fax' is not one of [call, email, letter, portal, visit]",
                "contacts.csv 5 customer_id UNKNOWN_CUSTOMER customer_id K9 is not among the accepted customers",
                "contacts.csv 7 invoice_id UNKNOWN_INVOICE invoice_id I7 is in no input row",
                "plan_instalments.csv 4 instalment BAD_NUMBER instalment 0 must be 1 or more",
                "plan_instalments.csv 5 plan_id+instalment DUPLICATE_ID duplicate plan_id+instalment L1 2; first at "
                        + "plan_instalments.csv:3",
                "promises.csv 3 promised_date DATE_ORDER promised_date 2025-03-19 is before promised_on 2025-03-20",
                "promises.csv 4 invoice_ids UNKNOWN_INVOICE invoice I8 listed in invoice_ids is in no input row"),
                rows("rejects", "source_file, line", "source_file", "line", "field", "reason_code", "reason"));
    }

    @Test
    void theReconciliationCountsEveryActivityRow() {
        Reconciliation r = outcome.reconciliation();
        assertEquals(List.of("contacts.csv 6 3 1 3", "plan_instalments.csv 4 2 0 2", "promises.csv 4 2 1 2"),
                r.files().stream().filter(f -> List.of("contacts.csv", "promises.csv", "plan_instalments.csv")
                                .contains(f.file()))
                        .map(f -> f.file() + " " + f.read() + " " + f.accepted() + " " + f.flagged() + " "
                                + f.rejected()).sorted().toList());
    }

    private static List<String> rows(String table, String order, String... columns) {
        return ParquetRows.of(dir.resolve("out").resolve(table), order, columns);
    }
}
