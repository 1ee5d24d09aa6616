package io.arscope.job;

import java.util.Optional;
import java.util.Set;

import org.apache.spark.SparkThrowable;

/**
 * An output broke one of its checks ({@link OutputChecks}), or a value overflowed the type that was to hold it: the
 * job ends with {@link ExitCode#OUTPUT_CHECK_FAILED} and publishes nothing. The message names the table, the check,
 * the row and what it holds.
 *
 * <p>Unchecked, because rows are built inside stream and Spark functions. A failure inside a Spark task reaches the
 * driver as the cause of Spark's own exception; {@link #within} finds it there.
 */
public class OutputCheckException extends RuntimeException {

    /** Spark's error classes (ANSI mode) for a value too large for its type: an overflow, not a bug. */
    private static final Set<String> OVERFLOWS = Set.of("ARITHMETIC_OVERFLOW", "NUMERIC_VALUE_OUT_OF_RANGE",
            "NUMERIC_OUT_OF_SUPPORTED_RANGE", "CAST_OVERFLOW", "CAST_OVERFLOW_IN_TABLE_INSERT", "DATETIME_OVERFLOW");

    /** The rule every value of every table is held to, whether or not the table declares checks. */
    static final String FITS = "every value fits its type";

    /**
     * @param table the table checked
     * @param check the rule, in words ("ending_ar equals the sum of its aging buckets")
     * @param found where and what broke it ("dimension=total value=all: 1200.00 vs 1100.00")
     */
    public OutputCheckException(String table, String check, String found) {
        super("output check failed: " + (table.isEmpty() ? "" : table + ": ") + check + ", " + found);
    }

    /**
     * The output check that ended {@code failure}, itself or among its causes; a Spark overflow among them is the
     * failed check {@value #FITS}, with Spark's words for the value and the type.
     */
    public static Optional<OutputCheckException> within(Throwable failure) {
        return within("", failure);
    }

    /** As {@link #within(Throwable)}, naming {@code table} in an overflow's message: it happened writing it. */
    public static Optional<OutputCheckException> within(String table, Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof OutputCheckException check) {
                return Optional.of(check);
            }
            if (t instanceof ArithmeticException && t instanceof SparkThrowable spark
                    && OVERFLOWS.contains(spark.getErrorClass())) {
                return Optional.of(new OutputCheckException(table, FITS, sparksWords(t.getMessage())));
            }
        }
        return Optional.empty();
    }

    /**
     * Spark's message without its error class and without its advice, which is to turn ANSI mode off and get a null:
     * "[NUMERIC_VALUE_OUT_OF_RANGE] 1.00 cannot be represented as Decimal(2, 1). If necessary set ..." gives
     * "1.00 cannot be represented as Decimal(2, 1)".
     */
    private static String sparksWords(String message) {
        String words = message.replaceFirst("^\\[[A-Z_.]+\\] ", "");
        int end = words.indexOf(". ");
        return (end < 0 ? words : words.substring(0, end)).strip();
    }
}
