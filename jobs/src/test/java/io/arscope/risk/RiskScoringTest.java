package io.arscope.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.arscope.job.ExitCode;
import io.arscope.job.OutputCheckException;

class RiskScoringTest {

    /**
     * A score of 0.4 and 12.5 days passes as it is; a NaN from the days-late model or an infinite probability fails
     * the scores' output check naming the invoice (exit 6), where Math.max(0, NaN) had let NaN through to the
     * worklist.
     */
    @Test
    void aScoreThatIsNotANumberStopsTheRunNamingTheInvoice() {
        RiskModel.Score fine = new RiskModel.Score(0.4, 12.5, "medium", List.of(), List.of());
        assertSame(fine, RiskScoring.finite("INV-1", fine));
        OutputCheckException nan = assertThrows(OutputCheckException.class,
                () -> RiskScoring.finite("INV-2", new RiskModel.Score(0.4, Double.NaN, "medium", List.of(), List.of())));
        assertEquals("output check failed: scores: the model's probability_late and expected_days_late are numbers "
                + "(retrain it with arscope train), invoice INV-2 has 0.4 and NaN", nan.getMessage());
        assertEquals(ExitCode.OUTPUT_CHECK_FAILED, ExitCode.of(new RuntimeException("task failed", nan)));
        assertThrows(OutputCheckException.class, () -> RiskScoring.finite("INV-3",
                new RiskModel.Score(Double.POSITIVE_INFINITY, 3, "high", List.of(), List.of())));
    }
}
