package io.arscope.worklist;

import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

/** What to check before a last-resort step, worked by hand on the as-of day 2025-03-31. */
class EscalationCheckTest {

    private static final LocalDate AS_OF = d("2025-03-31");

    @Test
    void namesOtherDisputesAPaymentInTheLastThirtyDaysAndAPendingPromise() {
        assertEquals("; check before escalating: 2 other invoices in dispute; it paid on 2025-03-31 (today)",
                EscalationCheck.note(2, AS_OF, null, AS_OF));
        assertEquals("; check before escalating: it paid on 2025-03-30 (1 day ago)",
                EscalationCheck.note(0, d("2025-03-30"), null, AS_OF));
        // 29 days ago is within the 30 days, the as-of day included; 30 days ago is not.
        assertEquals("; check before escalating: 1 other invoice in dispute; it paid on 2025-03-02 (29 days ago)",
                EscalationCheck.note(1, d("2025-03-02"), null, AS_OF));
        assertEquals("", EscalationCheck.note(0, d("2025-03-01"), null, AS_OF));
        assertEquals("", EscalationCheck.note(0, null, null, AS_OF));
        assertEquals("; check before escalating: it promised to pay USD 3,741.64 by 2025-04-01",
                EscalationCheck.note(0, d("2025-01-02"), "USD 3,741.64 by 2025-04-01", AS_OF));
    }

    @Test
    void theDefaultStrategysLastResortStepsAreLegalReviewAndTheFinalNotice() {
        assertEquals(List.of("legal_review", "final_notice"), DunningStrategy.DEFAULT.steps().stream()
                .filter(EscalationCheck::lastResort).map(DunningStrategy.Step::code).toList());
    }
}
