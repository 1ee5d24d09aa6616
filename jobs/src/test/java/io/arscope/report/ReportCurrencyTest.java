package io.arscope.report;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.arscope.job.ExitCode;
import io.arscope.job.InputException;

/** The report shows the metrics' currency and adds no forecast or worklist of another beside it. */
class ReportCurrencyTest {

    @Test
    void aForecastInAnotherCurrencyIsRefusedNamingBoth() {
        InputException e = assertThrows(InputException.class, () -> ReportInputs.sameCurrency("USD", "out/metrics",
                "EUR", "out/forecast", "forecast"));
        assertEquals(ExitCode.INPUT, ExitCode.of(e));
        assertEquals("out/forecast: the forecast's amounts are in EUR but the metrics' in USD (out/metrics); run "
                + "forecast with --reporting-currency USD so that the report adds like with like", e.getMessage());
    }

    @Test
    void theSameCurrencyOrOutputsFromBeforeTheColumnAreTaken() {
        assertDoesNotThrow(() -> ReportInputs.sameCurrency("USD", "m", "USD", "w", "worklist"));
        assertDoesNotThrow(() -> ReportInputs.sameCurrency("USD", "m", null, "w", "worklist"));
        assertDoesNotThrow(() -> ReportInputs.sameCurrency(null, "m", "EUR", "w", "worklist"));
    }
}
