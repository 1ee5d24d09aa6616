package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

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
        // Month names in any case: Oracle writes 07-MAR-24, Xero 07 Mar 2024.
        assertEquals(d, date("dd-MMM-yy", "07-MAR-24"));
        assertEquals(d, date("dd-MMM-yyyy", "07-Mar-2024"));
        assertEquals(d, date("dd MMM yyyy", "07 mar 2024"));
        assertEquals(LocalDate.of(2025, 1, 27), date("dd-MMM-yy", "27-JAN-25"));
        assertEquals(null, date("dd-MMM-yy", "27-JNA-25"));
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
    void readsRatesToTenPlacesRoundingAFloatsFurtherPlaces() throws Exception {
        ValueParsers p = parsers("");
        assertEquals(new BigDecimal("0.0066946123"), p.rate("rate", "0.0066946123"));
        assertEquals(new BigDecimal("1.0850000000"), p.rate("rate", "1.085"));
        assertEquals(new BigDecimal("99999999.9999999999"), p.rate("rate", "99999999.9999999999"));
        // Odoo writes the float it holds: 0.9246417013|407304 rounds down, 0.00669461235 half-even to ...124,
        // 0.00669461245 to ...124 as well, 0.00669461246 up to ...125.
        assertEquals(new BigDecimal("0.9246417013"), p.rate("rate", "0.9246417013407304"));
        assertEquals(new BigDecimal("0.0066946124"), p.rate("rate", "0.00669461235"));
        assertEquals(new BigDecimal("0.0066946124"), p.rate("rate", "0.00669461245"));
        assertEquals(new BigDecimal("0.0066946125"), p.rate("rate", "0.00669461246"));
        // An amount is not rounded: a cent cannot be guessed.
        FieldProblem places = assertThrows(FieldProblem.class, () -> p.money("amount", "12.345"));
        assertEquals(RejectReason.BAD_AMOUNT, places.reason);
        assertEquals("amount '12.345' has more than 2 decimal places", places.getMessage());
        FieldProblem large = assertThrows(FieldProblem.class, () -> p.rate("rate", "100000000"));
        assertEquals(RejectReason.AMOUNT_OUT_OF_RANGE, large.reason);
        assertEquals("rate '100000000' is beyond 99,999,999.9999999999, the largest rate accepted",
                large.getMessage());
        assertEquals("rate 'abc' is not a rate", assertThrows(FieldProblem.class, () -> p.rate("rate", "abc"))
                .getMessage());
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
        assertEquals(new BigDecimal("1234567.89"), comma.money("amount", "1\u00A0234\u202F567,89"));
    }

    /**
     * A grouping separator stands only between groups of three digits left of the decimal mark: an SE16N download
     * written under a user's US number format ("2500.00") read with SAP's decimal comma was 250000.00, and "12,50"
     * under a decimal point 1250.00, both accepted without a flag.
     */
    @Test
    void aGroupingSeparatorOutOfPlaceIsNoAmountNeverAHundredTimesIt() throws MappingException {
        ValueParsers comma = parsers("    decimalSeparator: ','\n    groupingSeparator: '.'\n");
        ValueParsers dot = parsers("    groupingSeparator: ','\n");
        for (String misread : List.of("2500.00", "12.50", "1.000.00", "1.23,45", "1234.567,00", ".500,00",
                "1..000,00", "1.000,00.5")) {
            assertEquals("BAD_AMOUNT: amount '" + misread + "' is not an amount with '.' between groups of three "
                    + "digits and ',' before the decimals, as its source says",
                    problem(() -> comma.money("amount", misread)), misread);
        }
        for (String misread : List.of("12,50", "1,2345.00", "1,23", "12.50,00")) {
            assertEquals("BAD_AMOUNT: amount '" + misread + "' is not an amount with ',' between groups of three "
                    + "digits and '.' before the decimals, as its source says",
                    problem(() -> dot.money("amount", misread)), misread);
        }
        assertEquals(new BigDecimal("-1234567.00"), comma.money("amount", "1.234.567-"));
        assertEquals(new BigDecimal("-1000.00"), comma.money("amount", "-1.000"));
        assertEquals(new BigDecimal("1000.00"), dot.money("amount", "1,000"));
        assertEquals(new BigDecimal("-1000.50"), dot.money("amount", "(1,000.50)"));
        assertEquals(new BigDecimal("2500.00"), dot.money("amount", "2500.00"));
    }

    /**
     * A German export's "1.500" under a decimal comma with no grouping separator named (or a French one's, grouped
     * by spaces) was read as 1.50, a thousandth of the amount, and accepted; so were 12.000 and 6.000.
     */
    @Test
    void aPointUnderADecimalCommaIsNoAmountNeverAThousandthOfIt() throws MappingException {
        ValueParsers german = parsers("    decimalSeparator: ','\n");
        ValueParsers french = parsers("    decimalSeparator: ','\n    groupingSeparator: ' '\n");
        for (String misread : List.of("1.500", "12.000", "6.000", "1.5", "1.234,56")) {
            assertEquals("BAD_AMOUNT: amount '" + misread + "' has a '.', which its source does not use: its decimal "
                    + "mark is ',' and it names no thousands separator (groupingSeparator: '.' reads 1.500 as 1500)",
                    problem(() -> german.money("amount", misread)), misread);
        }
        assertEquals("BAD_AMOUNT: amount '1.500,00' has a '.', which its source does not use: its decimal mark is ',' "
                + "and its thousands separator ' '", problem(() -> french.money("amount", "1.500,00")));
        assertEquals(new BigDecimal("1500.00"), german.money("amount", "1500"));
        assertEquals(new BigDecimal("1500.25"), german.money("amount", "1500,25"));
        assertEquals(new BigDecimal("-1500.25"), french.money("amount", "1 500,25-"));
        assertEquals(new BigDecimal("0.1234567890"), german.rate("rate", "0,123456789"));
    }

    @Test
    void readsTheNegativesOfAccountingExportsBehindOrInParentheses() throws MappingException {
        ValueParsers comma = parsers("    decimalSeparator: ','\n    groupingSeparator: '.'\n");
        assertEquals(new BigDecimal("-1234.56"), comma.money("amount", "1.234,56-"));
        assertEquals(new BigDecimal("-0.50"), comma.money("amount", "0,5 -"));
        ValueParsers dot = parsers("    groupingSeparator: ','\n");
        assertEquals(new BigDecimal("-12.00"), dot.money("amount", "(12.00)"));
        assertEquals(new BigDecimal("-1200.00"), dot.money("amount", "( 1,200.00 )"));
        assertEquals(new BigDecimal("12.00"), dot.money("amount", "12.00"));
        // One sign only, and nothing else made of the marks.
        for (String twoSigns : List.of("(-12.00)", "-12.00-", "(12.00)-", "+12-", "12--", "-", "()", "(12.00", "12.00)")) {
            assertEquals("BAD_AMOUNT: amount '" + twoSigns + "' is not an amount", problem(() -> dot.money("amount",
                    twoSigns)), twoSigns);
        }
    }

    @Test
    void readsSpreadsheetSerialDaysFromMarch1900() {
        assertEquals(LocalDate.of(2023, 11, 1), date("excel_serial", "45231"));
        // A fraction is the time of day.
        assertEquals(LocalDate.of(2023, 11, 1), date("excel_serial", "45231.75"));
        assertEquals(LocalDate.of(2023, 11, 1), date("excel_serial", "4.5231E4"));
        assertEquals(LocalDate.of(1900, 3, 1), date("excel_serial", "61"));
        assertEquals(LocalDate.of(9999, 12, 31), date("excel_serial", "2958465"));
        // Excel's serial 60 is 29 February 1900, a day that never was; before it Excel is a day off the calendar.
        assertNull(date("excel_serial", "60"));
        assertNull(date("excel_serial", "-1"));
        assertNull(date("excel_serial", "2958466"));
        assertNull(date("excel_serial", "1E999999999"));
        assertNull(date("excel_serial", "2023-11-01"));
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
    }

    private static String problem(Executable parse) {
        FieldProblem p = assertThrows(FieldProblem.class, parse);
        return p.reason + ": " + p.getMessage();
    }

    @Test
    void amountsAreBoundedToAboutATrillionEitherWay() throws MappingException {
        ValueParsers p = parsers("");
        assertEquals(new BigDecimal("999999999999.99"), p.money("amount", "999999999999.99"));
        assertEquals(new BigDecimal("-999999999999.99"), p.money("amount", "-999999999999.99"));
        assertEquals(new BigDecimal("1500.00"), p.money("amount", "1.5E3"));
        assertEquals("AMOUNT_OUT_OF_RANGE: amount '1000000000000.00' is beyond 999,999,999,999.99, the largest amount "
                + "accepted", problem(() -> p.money("amount", "1000000000000.00")));
        assertEquals("AMOUNT_OUT_OF_RANGE: amount '-9e15' is beyond 999,999,999,999.99, the largest amount accepted",
                problem(() -> p.money("amount", "-9e15")));
        assertEquals("AMOUNT_OUT_OF_RANGE: amount '1234567890123456789012345678901234567890' is beyond "
                + "999,999,999,999.99, the largest amount accepted",
                problem(() -> p.money("amount", "1234567890123456789012345678901234567890")));
        assertEquals("BAD_AMOUNT: amount '12345678901234567890123456789012345678901' is longer than 40 characters, "
                + "which no amount is", problem(() -> p.money("amount", "12345678901234567890123456789012345678901")));
    }

    @Test
    void hostileNumbersAreRejectedAtOnceNotComputed() throws MappingException {
        ValueParsers p = parsers("");
        long start = System.nanoTime();
        // 1E999999999 once ended the whole run (ArithmeticException); 1E10000000 cost 3 s of CPU per reading.
        assertEquals("AMOUNT_OUT_OF_RANGE: amount '1E999999999' is beyond 999,999,999,999.99, the largest amount "
                + "accepted", problem(() -> p.money("amount", "1E999999999")));
        for (int i = 0; i < 100; i++) {
            assertEquals("AMOUNT_OUT_OF_RANGE: amount '1E10000000' is beyond 999,999,999,999.99, the largest amount "
                    + "accepted", problem(() -> p.money("amount", "1E10000000")));
        }
        assertEquals("BAD_AMOUNT: amount '1e-400' has more than 2 decimal places",
                problem(() -> p.money("amount", "1e-400")));
        assertEquals("BAD_AMOUNT: amount '1E-999999999' has more than 2 decimal places",
                problem(() -> p.money("amount", "1E-999999999")));
        assertEquals("AMOUNT_OUT_OF_RANGE: amount '1E99999999999' is beyond 999,999,999,999.99, the largest amount "
                + "accepted", problem(() -> p.money("amount", "1E99999999999")));
        assertEquals(new BigDecimal("0.00"), p.money("amount", "0E999999999"));
        assertEquals(new BigDecimal("0.00"), p.money("amount", "-0"));
        String megabyte = "9".repeat(1_000_000);
        assertEquals(RejectReason.BAD_AMOUNT, assertThrows(FieldProblem.class, () -> p.money("amount", megabyte))
                .reason);
        for (String notANumber : List.of("NaN", "Infinity", "-Infinity", "0x1F", "1e", ".", "+", "1.2.3",
                "\u0661\u0662", "\uFF11\uFF12")) {
            assertEquals(RejectReason.BAD_AMOUNT, assertThrows(FieldProblem.class,
                    () -> p.money("amount", notANumber)).reason, notANumber);
        }
        for (String huge : List.of("1E999999999", "1E10000000", megabyte, "4e1000")) {
            assertEquals(RejectReason.BAD_NUMBER, assertThrows(FieldProblem.class, () -> p.days("terms_days", huge))
                    .reason, huge.substring(0, 5));
            for (String epoch : List.of("epoch_seconds", "epoch_millis", "epoch_micros")) {
                assertNull(date(epoch, huge), epoch);
            }
        }
        // Each of the above is a glance; the slowest old reading alone took seconds.
        assertTrue(System.nanoTime() - start < 2_000_000_000L, (System.nanoTime() - start) / 1e6 + " ms");
    }

    @Test
    void anEpochTooLargeForALongDoesNotWrapAroundIntoADay() {
        // 2^64 + 1700000000 seconds, made a long, wrapped around to 1700000000: it was read as 2023-11-14.
        assertNull(date("epoch_seconds", "18446744075409551616"));
        assertNull(date("epoch_seconds", "1E30"));
        assertNull(date("epoch_seconds", "253402300800"));
        assertEquals(LocalDate.of(9999, 12, 31), date("epoch_seconds", "253402300799"));
        assertEquals(LocalDate.of(1, 1, 1), date("epoch_seconds", "-62135596800"));
    }

    @Test
    void readsWholeDaysAndFlags() throws MappingException {
        ValueParsers p = parsers("    trueValues: ['Yes', 'Y']\n    falseValues: ['No']\n");
        assertEquals(30, p.days("terms_days", "30"));
        assertEquals(30, p.days("terms_days", "30.0"));
        assertEquals(30, p.days("terms_days", "3E1"));
        assertEquals(RejectReason.BAD_NUMBER, assertThrows(FieldProblem.class,
                () -> p.days("terms_days", "3000000000")).reason);
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
