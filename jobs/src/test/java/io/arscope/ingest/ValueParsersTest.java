package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.arscope.ingest.mapping.Mapping;
import io.arscope.ingest.mapping.MappingException;

class ValueParsersTest {

    private static ValueParsers parsers(String sourceOptions) throws MappingException {
        return new ValueParsers(Mapping.parse("sources:\n  - name: s\n    file: f.csv\n" + sourceOptions
                + "    produces:\n      disputes: {fields: {dispute_id: a, invoice_id: b, opened_date: c}}\n", "test")
                .sources().get(0));
    }

    private static LocalDate date(String format, String text) {
        return new ValueParsers.DateReader(format).read(text);
    }

    @Test
    void readsTheDateFormatsExportsUse() {
        LocalDate d = LocalDate.of(2024, 3, 7);
        assertEquals(d, date("yyyy-MM-dd", "2024-03-07"));
        assertEquals(d, date("M/d/yyyy", "3/7/2024"));
        assertEquals(d, date("M/d/yyyy", "03/07/2024"));
        assertEquals(d, date("yyyyMMdd", "20240307"));
        assertEquals(d, date("dd.MM.yyyy", "07.03.2024"));
    }

    @Test
    void readsEpochNumbersIncludingFloatsAsUtcDays() {
        // 1709769600 is 2024-03-07T00:00:00Z; 1709855999 the last second of that day.
        LocalDate d = LocalDate.of(2024, 3, 7);
        assertEquals(d, date("epoch_seconds", "1709769600"));
        assertEquals(d, date("epoch_seconds", "1709855999"));
        assertEquals(d, date("epoch_seconds", "1.7097696E9"));
        assertEquals(d, date("epoch_millis", "1709769600000.0"));
        assertEquals(d, date("epoch_micros", "1709769600000000"));
        assertEquals(LocalDate.of(1969, 12, 31), date("epoch_seconds", "-1"));
        assertEquals(null, date("epoch_seconds", "yesterday"));
    }

    @Test
    void rejectsDatesThatDoNotExistRatherThanRollingThemOver() {
        assertEquals(null, date("yyyy-MM-dd", "2023-02-29"));
        assertEquals(LocalDate.of(2024, 2, 29), date("yyyy-MM-dd", "2024-02-29"));
        assertEquals(null, date("M/d/yyyy", "13/1/2024"));
        assertEquals(null, date("yyyy-MM-dd", "2024-3-7"));
    }

    @Test
    void triesEachFormatInTurnAndNamesThemWhenNoneReads() throws MappingException {
        ValueParsers p = parsers("    dateFormats: [M/d/yyyy, yyyyMMdd]\n");
        assertEquals(LocalDate.of(2024, 3, 7), p.date("invoice_date", "20240307", p.sourceDates()));
        FieldProblem e = assertThrows(FieldProblem.class, () -> p.date("invoice_date", "7 March", p.sourceDates()));
        assertEquals(RejectReason.BAD_DATE, e.reason);
        assertEquals("invoice_date '7 March' is not a date in [M/d/yyyy, yyyyMMdd]", e.getMessage());
    }

    @Test
    void readsAmountsExactlyWithEitherDecimalMark() throws MappingException {
        ValueParsers dot = parsers("    groupingSeparator: ','\n");
        assertEquals(new BigDecimal("1234.50"), dot.money("amount", "1,234.5"));
        assertEquals(new BigDecimal("0.10"), dot.money("amount", "0.1"));
        assertEquals(new BigDecimal("12.30"), dot.money("amount", "12.300"));
        assertEquals(new BigDecimal("-5.00"), dot.money("amount", "-5"));
        ValueParsers comma = parsers("    decimalSeparator: ','\n    groupingSeparator: '.'\n");
        assertEquals(new BigDecimal("1234567.89"), comma.money("amount", "1.234.567,89"));
        assertEquals(new BigDecimal("99.00"), comma.money("amount", "99"));
    }

    @Test
    void refusesToRoundOrGuessAmounts() throws MappingException {
        ValueParsers p = parsers("");
        assertEquals(RejectReason.BAD_AMOUNT, assertThrows(FieldProblem.class, () -> p.money("amount", "12.345"))
                .reason);
        assertEquals(RejectReason.BAD_AMOUNT, assertThrows(FieldProblem.class, () -> p.money("amount", "12,50"))
                .reason);
        assertEquals(RejectReason.BAD_AMOUNT, assertThrows(FieldProblem.class, () -> p.money("amount", "n/a"))
                .reason);
        assertEquals(RejectReason.BAD_AMOUNT, assertThrows(FieldProblem.class,
                () -> p.money("amount", "12345678901234567.00")).reason);
    }

    @Test
    void readsWholeDaysAndFlags() throws MappingException {
        ValueParsers p = parsers("    trueValues: ['Yes', 'Y']\n    falseValues: ['No']\n");
        assertEquals(30, p.days("terms_days", "30"));
        assertEquals(30, p.days("terms_days", "30.0"));
        assertEquals(RejectReason.BAD_NUMBER, assertThrows(FieldProblem.class, () -> p.days("terms_days", "30.5"))
                .reason);
        assertTrue(p.flag("Disputed", "yes"));
        assertTrue(p.flag("Disputed", "Y"));
        assertFalse(p.flag("Disputed", "No"));
        FieldProblem e = assertThrows(FieldProblem.class, () -> p.flag("Disputed", "maybe"));
        assertEquals(RejectReason.BAD_VALUE, e.reason);
        assertEquals(List.of("Disputed"), List.of(e.field));
    }
}
