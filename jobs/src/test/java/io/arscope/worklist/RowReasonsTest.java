package io.arscope.worklist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A customer row's reasons, said of the customer from its top invoice's. */
class RowReasonsTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 10, 31);

    /**
     * Cedar Motors on the sample: its top invoice's first reason is that another of its invoices is 9 days past due.
     * Of the customer, that is its own overdue balance, said once.
     */
    @Test
    void theOtherInvoicesOfTheTopInvoiceAreTheCustomersOwnOverdueBalance() {
        RowReasons.Scored top = RowReasons.Scored.of("hist_open_oldest_days_past_due,amount_vs_usual,hist_overdue_share",
                "has another invoice 9 days past due", "invoice is 1.8 times its usual amount",
                "100% of its balance on other invoices is overdue");
        assertEquals(List.of("USD 782.83 of its USD 2,387.47 open is overdue (33%)",
                "INV00004889: invoice is 1.8 times its usual amount"),
                RowReasons.ofCustomer(top, "INV00004889", new BigDecimal("2387.47"), new BigDecimal("782.83"), "USD",
                        false, AS_OF.minusDays(3), AS_OF));
        // The customer's dispute-queue row holds its disputed invoices alone, and says so.
        assertEquals(List.of("USD 782.83 of the USD 2,387.47 it disputes is overdue (33%)",
                "INV00004889: invoice is 1.8 times its usual amount"),
                RowReasons.ofCustomer(top, "INV00004889", new BigDecimal("2387.47"), new BigDecimal("782.83"), "USD",
                        true, AS_OF.minusDays(3), AS_OF));
    }

    @Test
    void withNothingOverdueTheOtherOpenInvoicesGiveNoCustomerReason() {
        RowReasons.Scored top = RowReasons.Scored.of("hist_open_invoices,hist_open_age_days",
                "has 2 other invoices open", "its other open invoices are 34 days old on average");
        assertEquals(List.of("no single factor stands out"), RowReasons.ofCustomer(top, "INV1",
                new BigDecimal("500.00"), BigDecimal.ZERO, "USD", false, AS_OF, AS_OF));
    }
}
