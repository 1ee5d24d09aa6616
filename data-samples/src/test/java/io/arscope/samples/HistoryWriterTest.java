package io.arscope.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.samples.HistoryWriter.ActivityTruth;
import io.arscope.samples.HistoryWriter.AdjustmentRow;
import io.arscope.samples.HistoryWriter.ContactRow;
import io.arscope.samples.HistoryWriter.CustomerRow;
import io.arscope.samples.HistoryWriter.DisputeRow;
import io.arscope.samples.HistoryWriter.InvoiceRow;
import io.arscope.samples.HistoryWriter.PaymentRow;
import io.arscope.samples.HistoryWriter.PlanInstalmentRow;
import io.arscope.samples.HistoryWriter.PromiseRow;
import io.arscope.samples.HistoryWriter.TruthRow;

/** The canonical CSV text of each kind of row, without a simulation behind it. */
class HistoryWriterTest {

    private static final LocalDate DAY = LocalDate.of(2025, 3, 7);

    @TempDir
    Path dir;

    private List<String> lines(String file) throws IOException {
        return Files.readAllLines(dir.resolve("out").resolve(file));
    }

    @Test
    void everyFileHasItsHeaderAndOneLinePerRowInCanonicalForm() throws IOException {
        HistoryGenerator.Summary summary;
        try (HistoryWriter out = new HistoryWriter(dir.resolve("out"), CurrencyPlan.SINGLE, false)) {
            out.write(new CustomerRow("C000001", "Cedar Foods Inc", "US", "North America", "Enterprise", 1_500_000_00L,
                    60, "ana.ruiz", LocalDate.of(2019, 12, 31)));
            out.write(new InvoiceRow("INV00000001", "C000001", DAY, DAY.plusDays(30), 100_05L, "Services", 30, true));
            out.write(new InvoiceRow("INV00000002", "C000001", DAY, DAY.plusDays(60), 7L, "Software", 60, false));
            out.write(new PaymentRow("PAY000000001", "INV00000001", "C000001", DAY.plusDays(31), 100_05L, "wire"));
            out.write(new AdjustmentRow("ADJ00000001", "INV00000002", "C000001", DAY.plusDays(1), 7L, "credit_memo",
                    "dispute: pricing"));
            out.write(new DisputeRow("DSP00000001", "INV00000002", DAY, null, "pricing"));
            out.write(new DisputeRow("DSP00000002", "INV00000001", DAY, DAY.plusDays(3), "quality"));
            out.write(new TruthRow("INV00000001", 0.0123, true, null));
            out.write(new TruthRow("INV00000002", 0.5, false, null));
            out.write(new TruthRow("INV00000003", 0.9999996, null, null));
            summary = out.summary();
        }
        assertEquals(new HistoryGenerator.Summary(1, 2, 1, 1, 2, 0, 0, 0), summary);
        assertEquals(List.of(
                "customer_id,name,country,region,segment,credit_limit,terms_days,collector,customer_since",
                "C000001,Cedar Foods Inc,US,North America,Enterprise,1500000.00,60,ana.ruiz,2019-12-31"),
                lines("customers.csv"));
        assertEquals(List.of(
                "invoice_id,customer_id,invoice_date,due_date,amount,currency,business_unit,terms_days,billing_channel",
                "INV00000001,C000001,2025-03-07,2025-04-06,100.05,USD,Services,30,paper",
                "INV00000002,C000001,2025-03-07,2025-05-06,0.07,USD,Software,60,electronic"), lines("invoices.csv"));
        assertEquals(List.of("payment_id,invoice_id,customer_id,payment_date,amount,method",
                "PAY000000001,INV00000001,C000001,2025-04-07,100.05,wire"), lines("payments.csv"));
        assertEquals(List.of("adjustment_id,invoice_id,customer_id,adjustment_date,amount,kind,reason",
                "ADJ00000001,INV00000002,C000001,2025-03-08,0.07,credit_memo,dispute: pricing"),
                lines("adjustments.csv"));
        assertEquals(List.of("dispute_id,invoice_id,opened_date,resolved_date,reason",
                "DSP00000001,INV00000002,2025-03-07,,pricing",
                "DSP00000002,INV00000001,2025-03-07,2025-03-10,quality"), lines("disputes.csv"));
        assertEquals(List.of("invoice_id,p_late,late", "INV00000001,0.012300,1", "INV00000002,0.500000,0",
                "INV00000003,1.000000,"), lines(HistoryGenerator.TRUTH_FILE));
        // Without activity there are no activity files, as before activity existed.
        try (var files = Files.list(dir.resolve("out"))) {
            assertEquals(List.of("adjustments.csv", "customers.csv", "disputes.csv", HistoryGenerator.TRUTH_FILE,
                    "invoices.csv", "payments.csv"), files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void activityRowsAndTheTruthOfTheirEffectInCanonicalForm() throws IOException {
        HistoryGenerator.Summary summary;
        try (HistoryWriter out = new HistoryWriter(dir.resolve("out"), new CurrencyPlan(List.of("USD", "EUR")),
                true)) {
            out.write(new ContactRow("CNT000000001", "C1", "INV00000001", DAY, "letter", null, "ana.ruiz"));
            out.write(new ContactRow("CNT000000002", "C1", "INV00000001", DAY.plusDays(3), "call", "promised",
                    "ana.ruiz"));
            out.write(new PromiseRow("PRM00000001", "C1", "INV00000001", DAY.plusDays(3), DAY.plusDays(10), 250_00L,
                    "ana.ruiz"));
            out.write(new PlanInstalmentRow("PLN00000001", 2, "C2", "INV00000002", DAY, DAY.plusMonths(2), 99_99L));
            out.write(new TruthRow("INV00000001", 0.25, true, new ActivityTruth(2, DAY.plusDays(40), 31, "kept",
                    null)));
            out.write(new TruthRow("INV00000002", 0.75, null, new ActivityTruth(0, DAY.plusDays(90), 0, null, 1)));
            summary = out.summary();
        }
        assertEquals(new HistoryGenerator.Summary(0, 0, 0, 0, 0, 2, 1, 1), summary);
        assertEquals(List.of("contact_id,customer_id,invoice_id,contact_date,channel,outcome,collector",
                "CNT000000001,C1,INV00000001,2025-03-07,letter,,ana.ruiz",
                "CNT000000002,C1,INV00000001,2025-03-10,call,promised,ana.ruiz"), lines("contacts.csv"));
        // "C1".hashCode() = 2126, even: USD; "C2" = 2127, odd: EUR.
        assertEquals(List.of("promise_id,customer_id,invoice_ids,promised_on,promised_date,amount,currency,collector",
                "PRM00000001,C1,INV00000001,2025-03-10,2025-03-17,250.00,USD,ana.ruiz"), lines("promises.csv"));
        assertEquals(List.of("plan_id,instalment,customer_id,invoice_ids,agreed_on,due_date,amount,currency",
                "PLN00000001,2,C2,INV00000002,2025-03-07,2025-05-07,99.99,EUR"), lines("plan_instalments.csv"));
        assertEquals(List.of("invoice_id,p_late,late,contacts,settled_without_activity,uplift_days,promise_outcome,"
                + "plan_instalments_met", "INV00000001,0.250000,1,2,2025-04-16,31,kept,",
                "INV00000002,0.750000,,0,2025-06-05,0,,1"), lines(HistoryGenerator.TRUTH_FILE));
    }
}
