package io.arscope.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;
import io.arscope.worklist.ReminderDrafts;

/**
 * A UK ledger reported in GBP with a few customers billed in euros: the worklist's amounts are converted, so only the
 * customers billed in GBP alone, whose converted amounts are the amounts as billed, can be sent a reminder. G1 has
 * GBP invoices and a GBP payment; E1 a EUR invoice; M1 a GBP invoice and a EUR one; P1 a GBP invoice and a EUR
 * prepayment on account; C1 a GBP invoice and a credit note whose currency it takes from that invoice.
 */
class BilledOnlyInTest {

    @Test
    void onlyCustomersWhoseEveryRowIsInTheReportingCurrencyAreBilledOnlyInIt() {
        SparkSession spark = TestSpark.session();
        LedgerBuilder built = new LedgerBuilder().customer("G1", "SME").customer("E1", "SME").customer("M1", "SME")
                .customer("P1", "SME").customer("C1", "SME")
                .invoice("G-1", "G1", "2025-05-01", "2025-05-31", "100.00", "GBP")
                .invoice("G-2", "G1", "2025-06-01", "2025-06-30", "200.00", "GBP")
                .payment("G-1", "G1", "2025-05-20", "100.00", "GBP")
                .invoice("E-1", "E1", "2025-05-01", "2025-05-31", "300.00", "EUR")
                .invoice("M-1", "M1", "2025-05-01", "2025-05-31", "100.00", "GBP")
                .invoice("M-2", "M1", "2025-05-01", "2025-05-31", "100.00", "EUR")
                .invoice("P-1", "P1", "2025-05-01", "2025-05-31", "100.00", "GBP")
                .payment(null, "P1", "2025-05-02", "50.00", "EUR")
                .invoice("C-1", "C1", "2025-05-01", "2025-05-31", "100.00", "GBP")
                .adjustment("C-1", "C1", "2025-05-10", "10.00", "credit_memo", null)
                .rate("2025-01-01", "EUR", "0.85");
        assertEquals(List.of("C1", "G1"), ReportingCurrency.customersBilledOnlyIn(built.ledger(spark), "GBP")
                .orderBy("customer_id").collectAsList().stream().map(r -> r.getString(0)).toList());
    }

    @Test
    void theWorklistSaysWhoGotNoDraftAndWhy() {
        assertEquals("reminder drafts: 12 in drafts/, for the customers billed only in GBP; none for the 3 customers "
                + "billed in other currencies, whose amounts on the lists are converted to GBP, while a reminder "
                + "states what the customer owes in its invoices' currencies",
                ReminderDrafts.writtenWhenConverted(new ReminderDrafts.Drafted(12, 0, List.of()), "GBP", 3));
        assertEquals("reminder drafts: 0 in drafts/, for the customers billed only in GBP",
                ReminderDrafts.writtenWhenConverted(new ReminderDrafts.Drafted(0, 0, List.of()), "GBP", 0));
    }
}
