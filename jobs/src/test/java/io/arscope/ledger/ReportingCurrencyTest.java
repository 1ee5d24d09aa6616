package io.arscope.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;

import io.arscope.model.CanonicalTable;

/** The rate a day uses and the one rounding, without Spark. */
class ReportingCurrencyTest {

    private static final StructType RATES = CanonicalTable.EXCHANGE_RATES.schema();

    private static ExchangeRates rates(Object[]... rows) {
        return ExchangeRates.of(java.util.Arrays.stream(rows).map(r -> (org.apache.spark.sql.Row)
                new GenericRowWithSchema(r, RATES)).toList());
    }

    @Test
    void aDayUsesTheLatestRateOnOrBeforeIt() {
        ExchangeRates r = rates(new Object[] {LocalDate.of(2025, 1, 1), "EUR", new BigDecimal("1.10")},
                new Object[] {LocalDate.of(2025, 2, 10), "EUR", new BigDecimal("1.20")});
        assertEquals(Optional.empty(), r.on("EUR", LocalDate.of(2024, 12, 31)));
        assertEquals(Optional.of(new BigDecimal("1.10")), r.on("EUR", LocalDate.of(2025, 2, 9)));
        assertEquals(Optional.of(new BigDecimal("1.20")), r.on("EUR", LocalDate.of(2025, 2, 10)));
        // No staleness limit: a year later the last rate still holds.
        assertEquals(Optional.of(new BigDecimal("1.20")), r.on("EUR", LocalDate.of(2026, 2, 10)));
        assertEquals(Optional.empty(), r.on("GBP", LocalDate.of(2025, 2, 10)));
        assertEquals(Optional.of(LocalDate.of(2025, 1, 1)), r.first("EUR"));
    }

    @Test
    void requestedCodesAreThreeCapitals() {
        ReportingCurrency.requireCode(null);
        ReportingCurrency.requireCode("USD");
        assertEquals("the reporting currency must be a three-letter ISO 4217 code in capitals such as USD, was 'usd'",
                assertThrows(IllegalArgumentException.class, () -> ReportingCurrency.requireCode("usd"))
                        .getMessage());
    }

    @Test
    void asStoredConvertsNothing() {
        ReportingCurrency stored = ReportingCurrency.asStored();
        assertEquals(new BigDecimal("333.33"), stored.convert(new BigDecimal("333.33"), "EUR", LocalDate.of(2025, 1,
                1)));
        // 100.00 less 30.00 and 0.01: 69.99.
        assertEquals(new BigDecimal("69.99"), stored.balance(new BigDecimal("100.00"), List.of(new BigDecimal(
                "30.00"), new BigDecimal("0.01")), "EUR", LocalDate.of(2025, 1, 1)));
    }
}
