package io.arscope.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

class RiskScoringTest {

    /**
     * A score of 0.4 and 12.5 days passes as it is; a NaN from the days-late model or an infinite probability stops
     * the run naming the invoice, where Math.max(0, NaN) had let NaN through to the worklist.
     */
    @Test
    void aScoreThatIsNotANumberStopsTheRunNamingTheInvoice() {
        RiskModel.Score fine = new RiskModel.Score(0.4, 12.5, "medium", List.of());
        assertSame(fine, RiskScoring.finite("INV-1", fine));
        IllegalStateException nan = assertThrows(IllegalStateException.class,
                () -> RiskScoring.finite("INV-2", new RiskModel.Score(0.4, Double.NaN, "medium", List.of())));
        assertEquals("invoice INV-2: the model scored a probability of 0.4 and NaN expected days late; a model that "
                + "gives no number cannot rank the invoice: retrain it (arscope train)", nan.getMessage());
        assertThrows(IllegalStateException.class, () -> RiskScoring.finite("INV-3",
                new RiskModel.Score(Double.POSITIVE_INFINITY, 3, "high", List.of())));
    }
}
