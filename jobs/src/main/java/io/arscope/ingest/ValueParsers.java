package io.arscope.ingest;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.arscope.ingest.mapping.SourceSpec;
import io.arscope.model.FieldType;

/**
 * Reads text from an export into typed values the way its mapping says: dates in any of several formats
 * (including epoch numbers printed as floats), amounts with either decimal mark and optional grouping, and
 * flags. Strict: 31 February is not a date and 12.345 is not an amount; nothing is rounded or guessed.
 */
final class ValueParsers implements Serializable {

    private final List<DateReader> sourceDates;
    private final String decimalSeparator;
    private final String groupingSeparator;
    private final List<String> trueValues;
    private final List<String> falseValues;

    ValueParsers(SourceSpec source) {
        this.sourceDates = readers(source.dateFormats());
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
        String plain = text.replace(" ", "");
        if (!groupingSeparator.isEmpty()) {
            plain = plain.replace(groupingSeparator, "");
        }
        if (decimalSeparator.equals(",")) {
            plain = plain.replace(',', '.');
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(plain);
        } catch (NumberFormatException e) {
            throw new FieldProblem(RejectReason.BAD_AMOUNT, field, field + " '" + text + "' is not an amount");
        }
        BigDecimal exact = amount.scale() > FieldType.MONEY_SCALE ? amount.stripTrailingZeros() : amount;
        if (exact.scale() > FieldType.MONEY_SCALE) {
            throw new FieldProblem(RejectReason.BAD_AMOUNT, field,
                    field + " '" + text + "' has more than " + FieldType.MONEY_SCALE + " decimal places");
        }
        BigDecimal scaled = exact.setScale(FieldType.MONEY_SCALE);
        if (scaled.precision() > 18) {
            throw new FieldProblem(RejectReason.BAD_AMOUNT, field, field + " '" + text + "' is too large");
        }
        return scaled;
    }

    int days(String field, String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            try {
                return new BigDecimal(text).intValueExact();
            } catch (ArithmeticException | NumberFormatException notWhole) {
                throw new FieldProblem(RejectReason.BAD_NUMBER, field, field + " '" + text + "' is not a whole number");
            }
        }
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

    /** One date format; java.time patterns are read strictly, epoch formats accept floats like 1.6E9. */
    static final class DateReader implements Serializable {
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
                default -> pattern(text);
            };
        }

        private LocalDate pattern(String text) {
            if (formatter == null) {
                // 'uuuu' rather than 'yyyy': under STRICT resolution 'yyyy' needs an era and reads nothing.
                formatter = DateTimeFormatter.ofPattern(format.replace('y', 'u'), Locale.ROOT)
                        .withResolverStyle(ResolverStyle.STRICT);
            }
            try {
                return LocalDate.parse(text, formatter);
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        private static LocalDate epoch(String text, long perSecond) {
            BigDecimal value;
            try {
                value = new BigDecimal(text);
            } catch (NumberFormatException e) {
                return null;
            }
            BigDecimal seconds = value.divide(BigDecimal.valueOf(perSecond));
            long whole = seconds.setScale(0, java.math.RoundingMode.FLOOR).longValue();
            if (whole < -62_135_596_800L || whole > 253_402_300_799L) {
                return null;
            }
            return LocalDate.ofInstant(Instant.ofEpochSecond(whole), ZoneOffset.UTC);
        }
    }
}
