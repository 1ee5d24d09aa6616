package io.arscope.ingest;

import java.io.Serializable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.arscope.ingest.mapping.SourceSpec;
import io.arscope.model.FieldType;

/**
 * Reads text from an export into typed values the way its mapping says: dates in any of several formats
 * (including epoch numbers printed as floats and spreadsheet serial days), amounts with either decimal mark,
 * optional grouping and a sign in front, behind ({@code 12.00-}) or as parentheses ({@code (12.00)}), and
 * flags. Strict: 31 February is not a date and 12.345 is not an amount; nothing is rounded or guessed. Numbers
 * are read through {@link BoundedDecimal}, so no text takes more than a glance, and an amount beyond
 * {@link ValueBounds#MAX_AMOUNT} is rejected as out of range.
 */
final class ValueParsers implements Serializable {

    private static final String MAX_AMOUNT_SHOWN = String.format(Locale.ROOT, "%,.2f", ValueBounds.MAX_AMOUNT);
    /** Rates are DECIMAL(18,10): eight whole digits, so every rate is below 10^8. */
    private static final BigDecimal RATE_LIMIT = BigDecimal.TEN.pow(18 - FieldType.RATE_SCALE);
    private static final String RATE_LIMIT_SHOWN = "99,999,999.9999999999";

    /** How a workbook's date cell reaches the mapping ({@link WorkbookSheet}): its day, whatever its format shows. */
    private static final DateReader CELL_DATE = new DateReader(WorkbookSheet.DATE_FORMAT);

    private final List<DateReader> sourceDates;
    private final boolean workbook;
    private final String decimalSeparator;
    private final String groupingSeparator;
    private final List<String> trueValues;
    private final List<String> falseValues;

    ValueParsers(SourceSpec source) {
        this.sourceDates = readers(source.dateFormats());
        this.workbook = source.isWorkbook();
        this.decimalSeparator = source.decimalSeparator();
        this.groupingSeparator = source.groupingSeparator();
        this.trueValues = source.trueValues().stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
        this.falseValues = source.falseValues().stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
    }

    static List<DateReader> readers(List<String> formats) {
        List<DateReader> readers = new ArrayList<>();
        for (String format : formats) {
            readers.add(new DateReader(format));
        }
        return readers;
    }

    List<DateReader> sourceDates() {
        return sourceDates;
    }

    LocalDate date(String field, String text, List<DateReader> formats) {
        if (workbook) {
            // A date cell holds a day, not text in the export's format; a date typed as text is read as in a file.
            LocalDate cell = CELL_DATE.read(text);
            if (cell != null) {
                return cell;
            }
        }
        for (DateReader reader : formats) {
            LocalDate date = reader.read(text);
            if (date != null) {
                return date;
            }
        }
        throw new FieldProblem(RejectReason.BAD_DATE, field, field + " '" + text + "' is not a date in "
                + formats.stream().map(r -> r.format).toList());
    }

    BigDecimal money(String field, String text) {
        return decimal(field, text, "an amount", FieldType.MONEY_SCALE, ValueBounds.MAX_AMOUNT, MAX_AMOUNT_SHOWN,
                false);
    }

    /**
     * An exchange rate below {@link #RATE_LIMIT}, rounded half-even to {@link FieldType#RATE_SCALE} places: ERPs write
     * a rate as the float they hold (Odoo's 0.9246417013407304), whose places past the tenth are the float's, not
     * the rate's; an amount with a place too many is refused, since a cent cannot be guessed.
     */
    BigDecimal rate(String field, String text) {
        return decimal(field, text, "a rate", FieldType.RATE_SCALE, RATE_LIMIT.subtract(BigDecimal.ONE.movePointLeft(
                FieldType.RATE_SCALE)), RATE_LIMIT_SHOWN, true);
    }

    /** A decimal of at most {@code scale} places and {@code max} either way, with the source's separators. */
    private BigDecimal decimal(String field, String text, String what, int scale, BigDecimal max, String maxShown,
            boolean rounded) {
        // French and Swiss exports group thousands with a no-break space (U+00A0, or the narrow U+202F).
        String plain = text.replace(" ", "").replace("\u00A0", "").replace("\u202F", "");
        // Accounting exports write a negative amount as 1.234,56- (SAP) or (12.00) (QuickBooks, Excel).
        boolean accountingNegative = plain.length() > 2 && plain.startsWith("(") && plain.endsWith(")");
        boolean trailingMinus = !accountingNegative && plain.length() > 1 && plain.endsWith("-");
        if (accountingNegative || trailingMinus) {
            plain = plain.substring(accountingNegative ? 1 : 0, plain.length() - 1);
            if (plain.startsWith("-") || plain.startsWith("+")) {
                throw new FieldProblem(RejectReason.BAD_AMOUNT, field, field + " '" + text + "' is not an amount");
            }
            plain = "-" + plain;
        }
        if (!groupingSeparator.isEmpty()) {
            plain = ungrouped(field, text, plain);
        }
        if (decimalSeparator.equals(",")) {
            if (plain.indexOf('.') >= 0) {
                // Under a decimal comma a '.' the mapping does not name as grouping is a German or French export's
                // thousands mark: read as a decimal point, 1.500 would become 1.50, a thousandth of it, accepted.
                throw new FieldProblem(RejectReason.BAD_AMOUNT, field, field + " '" + text + "' has a '.', which "
                        + "its source does not use: its decimal mark is ','" + (groupingSeparator.isEmpty()
                                ? " and it names no thousands separator (groupingSeparator: '.' reads 1.500 as 1500)"
                                : " and its thousands separator '" + groupingSeparator + "'"));
            }
            plain = plain.replace(',', '.');
        }
        BoundedDecimal.Reading reading = BoundedDecimal.read(plain);
        String tooManyPlaces = field + " '" + text + "' has more than " + scale + " decimal places";
        String outOfRange = field + " '" + text + "' is beyond " + maxShown + ", the largest " + what.substring(
                what.indexOf(' ') + 1) + " accepted";
        BigDecimal amount = switch (reading.kind()) {
            case NUMBER -> reading.value();
            case NOT_A_NUMBER -> throw new FieldProblem(RejectReason.BAD_AMOUNT, field,
                    field + " '" + text + "' is not " + what);
            case TOO_LONG -> throw new FieldProblem(RejectReason.BAD_AMOUNT, field, field + " '" + text
                    + "' is longer than " + BoundedDecimal.MAX_LENGTH + " characters, which no amount is");
            case TOO_LARGE -> throw new FieldProblem(RejectReason.AMOUNT_OUT_OF_RANGE, field, outOfRange);
            case TOO_SMALL -> throw new FieldProblem(RejectReason.BAD_AMOUNT, field, tooManyPlaces);
        };
        if (amount.abs().compareTo(max) > 0) {
            throw new FieldProblem(RejectReason.AMOUNT_OUT_OF_RANGE, field, outOfRange);
        }
        BigDecimal exact = amount.scale() > scale ? amount.stripTrailingZeros() : amount;
        if (exact.scale() > scale && rounded) {
            return exact.setScale(scale, java.math.RoundingMode.HALF_EVEN);
        }
        if (exact.scale() > scale) {
            throw new FieldProblem(RejectReason.BAD_AMOUNT, field, tooManyPlaces);
        }
        return exact.setScale(scale);
    }

    /**
     * {@code plain} without its grouping separators, which may only stand between groups of three digits left of the
     * decimal mark: removed wherever they stood, "2500.00" read under a decimal comma would become 250000 and
     * "12,50" under a decimal point 1250, accepted without a word.
     */
    private String ungrouped(String field, String text, String plain) {
        int mark = plain.indexOf(decimalSeparator);
        String whole = mark < 0 ? plain : plain.substring(0, mark);
        String fraction = mark < 0 ? "" : plain.substring(mark);
        if (fraction.contains(groupingSeparator) || whole.contains(groupingSeparator) && !grouped(whole)) {
            throw new FieldProblem(RejectReason.BAD_AMOUNT, field, field + " '" + text + "' is not an amount with '"
                    + groupingSeparator + "' between groups of three digits and '" + decimalSeparator
                    + "' before the decimals, as its source says");
        }
        return whole.replace(groupingSeparator, "") + fraction;
    }

    /** Whether {@code whole}, a sign aside, is 1 to 3 digits followed by groups of exactly 3 behind separators. */
    private boolean grouped(String whole) {
        String digits = whole.startsWith("-") || whole.startsWith("+") ? whole.substring(1) : whole;
        String[] groups = digits.split(Pattern.quote(groupingSeparator), -1);
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            boolean sized = i == 0 ? g.length() >= 1 && g.length() <= 3 : g.length() == 3;
            if (!sized || !g.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    int days(String field, String text) {
        BoundedDecimal.Reading reading = BoundedDecimal.read(text);
        if (reading.kind() == BoundedDecimal.Kind.NUMBER) {
            try {
                return reading.value().intValueExact();
            } catch (ArithmeticException notWhole) {
                // A fraction, or beyond an int: rejected below as text that is no number is.
            }
        }
        throw new FieldProblem(RejectReason.BAD_NUMBER, field, field + " '" + text + "' is not a whole number");
    }

    boolean flag(String column, String text) {
        String value = text.toLowerCase(Locale.ROOT);
        if (trueValues.contains(value)) {
            return true;
        }
        if (falseValues.contains(value)) {
            return false;
        }
        throw new FieldProblem(RejectReason.BAD_VALUE, column, column + " '" + text + "' is neither true "
                + trueValues + " nor false " + falseValues);
    }

    /**
     * One date format; java.time patterns are read strictly, epoch formats and {@code excel_serial} accept floats
     * like 1.6E9.
     */
    static final class DateReader implements Serializable {
        /** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the days a date format can write. */
        private static final BigDecimal FIRST_SECOND = BigDecimal.valueOf(-62_135_596_800L);
        private static final BigDecimal LAST_SECOND = BigDecimal.valueOf(253_402_300_799L);
        private static final LocalDate EXCEL_DAY_ZERO = LocalDate.of(1899, 12, 30);
        /** 1900-03-01, the first day Excel numbers as the calendar does. */
        private static final BigDecimal FIRST_EXCEL_SERIAL = BigDecimal.valueOf(61);
        /** 10000-01-01, the first day no date format writes. */
        private static final BigDecimal LAST_EXCEL_SERIAL = BigDecimal.valueOf(2_958_466);

        final String format;
        private transient DateTimeFormatter formatter;

        DateReader(String format) {
            this.format = format;
        }

        LocalDate read(String text) {
            return switch (format) {
                case "epoch_seconds" -> epoch(text, 1L);
                case "epoch_millis" -> epoch(text, 1_000L);
                case "epoch_micros" -> epoch(text, 1_000_000L);
                case "excel_serial" -> excelSerial(text);
                default -> pattern(text);
            };
        }

        private LocalDate pattern(String text) {
            if (formatter == null) {
                // 'uuuu' rather than 'yyyy': under STRICT resolution 'yyyy' needs an era and reads nothing. Case
                // aside, as Oracle writes its month names upper case (27-JAN-25) and others title case.
                formatter = new DateTimeFormatterBuilder().parseCaseInsensitive()
                        .appendPattern(format.replace('y', 'u')).toFormatter(Locale.ROOT)
                        .withResolverStyle(ResolverStyle.STRICT);
            }
            try {
                return LocalDate.parse(text, formatter);
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        /**
         * Days since 1899-12-30, as a spreadsheet stores a date, a fraction being the time of day. Serials below 61
         * are refused: Excel counts a 29 February 1900 that never was, so its serials before March 1900 are a day
         * off from any calendar.
         */
        private static LocalDate excelSerial(String text) {
            BoundedDecimal.Reading reading = BoundedDecimal.read(text);
            if (reading.kind() != BoundedDecimal.Kind.NUMBER || reading.value().compareTo(FIRST_EXCEL_SERIAL) < 0
                    || reading.value().compareTo(LAST_EXCEL_SERIAL) >= 0) {
                return null;
            }
            return EXCEL_DAY_ZERO.plusDays(reading.value().setScale(0, RoundingMode.FLOOR).longValueExact());
        }

        private static LocalDate epoch(String text, long perSecond) {
            BoundedDecimal.Reading reading = BoundedDecimal.read(text);
            if (reading.kind() != BoundedDecimal.Kind.NUMBER) {
                return null;
            }
            BigDecimal seconds = reading.value().divide(BigDecimal.valueOf(perSecond));
            // Compared before it becomes a long: 1E30 seconds would wrap around into some day of the calendar.
            if (seconds.compareTo(FIRST_SECOND) < 0 || seconds.compareTo(LAST_SECOND) > 0) {
                return null;
            }
            long whole = seconds.setScale(0, RoundingMode.FLOOR).longValueExact();
            return LocalDate.ofInstant(Instant.ofEpochSecond(whole), ZoneOffset.UTC);
        }
    }
}
