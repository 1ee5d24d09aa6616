package io.arscope.ingest;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decimal text read in bounded time, for amounts, whole numbers and epoch dates. {@code new BigDecimal} reads
 * {@code 1E999999999} in an instant, but the first thing done with it (rounding to cents, printing it plainly)
 * builds a number of a billion digits: seconds of CPU, or an {@link ArithmeticException} that would end the run.
 * So the text is measured before it is parsed: more than {@value #MAX_LENGTH} characters, or an exponent beyond
 * {@value #MAX_EXPONENT} either way, and it is not read at all. Only ASCII digits count, with an optional sign,
 * decimal point and exponent; {@code NaN}, {@code Infinity}, hexadecimal and other scripts' digits are not numbers.
 */
final class BoundedDecimal {

    /** Longer text is not read: no amount, day count or epoch time needs more characters. */
    static final int MAX_LENGTH = 40;
    /** Exponents beyond this either way are not applied: the value would be far beyond any bound. */
    static final int MAX_EXPONENT = 100;

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d*)(?:\\.(\\d*))?(?:[eE]([+-]?\\d+))?");

    /** What the text is as a number. */
    enum Kind {
        /** A number, read: {@link Reading#value()} holds it. */
        NUMBER,
        /** Not a number at all. */
        NOT_A_NUMBER,
        /** Longer than {@value #MAX_LENGTH} characters. */
        TOO_LONG,
        /** A non-zero number whose exponent is above {@value #MAX_EXPONENT}: huge. */
        TOO_LARGE,
        /** A non-zero number whose exponent is below -{@value #MAX_EXPONENT}: a tiny fraction. */
        TOO_SMALL
    }

    /** The kind of the text and, for a number, its value. */
    record Reading(Kind kind, BigDecimal value) {
    }

    private BoundedDecimal() {
    }

    static Reading read(String text) {
        if (text.length() > MAX_LENGTH) {
            return new Reading(Kind.TOO_LONG, null);
        }
        Matcher m = NUMBER.matcher(text);
        String digits = m.matches() ? m.group(1) + (m.group(2) == null ? "" : m.group(2)) : "";
        if (digits.isEmpty()) {
            return new Reading(Kind.NOT_A_NUMBER, null);
        }
        if (digits.chars().allMatch(c -> c == '0')) {
            return new Reading(Kind.NUMBER, BigDecimal.ZERO);
        }
        String exponent = m.group(3);
        if (exponent != null) {
            boolean negative = exponent.startsWith("-");
            String magnitude = exponent.replaceFirst("^[+-]?0*", "");
            if (magnitude.length() > 3 || Integer.parseInt("0" + magnitude) > MAX_EXPONENT) {
                return new Reading(negative ? Kind.TOO_SMALL : Kind.TOO_LARGE, null);
            }
        }
        return new Reading(Kind.NUMBER, new BigDecimal(text));
    }
}
