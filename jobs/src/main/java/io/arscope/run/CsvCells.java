package io.arscope.run;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_replace;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_csv;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * How a value becomes a cell of a CSV file that people open in a spreadsheet, by the OWASP rule against CSV
 * injection: a text cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return
 * (or with one of the first four after leading white space, which some programs trim on import) would be run as a
 * formula, so it is written with a single quote in front and inside double quotes, {@code "'=1+1"}. Every other
 * cell is written as Spark's CSV writer writes it, quoted only where the format needs it, and exactly as stored
 * (surrounding spaces kept). Numbers, dates and flags are never made inert: a negative amount stays {@code -12.50}.
 * A floating-point number (a ratio, a rate, a count of days, a probability, a statistic) is written as a plain
 * decimal of at most {@value #SIGNIFICANT} significant digits, never in scientific notation, which every spreadsheet
 * and CSV reader takes as a number: a DSO of {@code 29.0554}, not {@code 29.05542859277309}; a model's
 * {@code 27.1997} days, not the {@code 27.19965362548828} of a float read as a double; {@code 0.000462345}, not
 * {@code 4.62344509E-4}. The figures behind these numbers carry nowhere near 16 digits, and a person reading a
 * column of them should not have to. Digits left of the point are never rounded away, and a number of 1 or more
 * is not rounded to fewer than 2 decimals ({@code 456153.57}). DECIMAL amounts are written as stored. Only the CSV
 * changes; the Parquet beside it keeps the raw value, for a program that wants every digit.
 */
public final class CsvCells {

    /** The start of a text that a spreadsheet would take for a formula. */
    static final String FORMULA_START = "^(?:[=+\\-@\\t\\r]|\\s+[=+\\-@])";
    private static final Pattern FORMULA = Pattern.compile(FORMULA_START);
    /** The CSV options every cell is formatted with: empty for null, values as stored. */
    static final Map<String, String> OPTIONS = Map.of("escape", "\"", "nullValue", "", "emptyValue", "",
            "ignoreLeadingWhiteSpace", "false", "ignoreTrailingWhiteSpace", "false");

    /** The digits a floating-point number keeps in a CSV (more only left of the point). */
    static final int SIGNIFICANT = 6;

    private static final UserDefinedFunction PLAIN = udf((UDF1<Double, String>) CsvCells::plain,
            DataTypes.StringType);

    private CsvCells() {
    }

    /**
     * A floating-point number as a plain decimal of at most {@value #SIGNIFICANT} significant digits (more only
     * left of the point, with 2 decimals), rounded half even, never in scientific notation, and with a decimal
     * point as Java writes one: {@code 0.5}, {@code 12.0}, {@code 29.0554}, {@code 456153.57}, {@code 0.000462345},
     * {@code 10000000000.0}, {@code 30.0} for 29.999999999. NaN and the infinities as Java writes them, since no
     * decimal stands for them.
     */
    public static String plain(Double value) {
        if (value == null) {
            return null;
        }
        if (!Double.isFinite(value)) {
            return value.toString();
        }
        // Stripped, so that 1.0E-4 reads 0.0001, not 0.00010.
        BigDecimal exact = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        int wholeDigits = exact.precision() - exact.scale();
        int scale = wholeDigits > 0 ? Math.max(2, SIGNIFICANT - wholeDigits) : SIGNIFICANT - wholeDigits;
        BigDecimal shown = exact.precision() <= SIGNIFICANT || exact.scale() <= scale ? exact
                : exact.setScale(scale, RoundingMode.HALF_EVEN).stripTrailingZeros();
        // A whole number keeps a ".0", so that a column of them still reads as decimals.
        return (shown.scale() > 0 ? shown : shown.setScale(1)).toPlainString();
    }

    /** Whether a spreadsheet would take this text for a formula. */
    public static boolean startsFormula(String text) {
        return FORMULA.matcher(text).find();
    }

    /** A text value as a CSV cell written from the driver: empty for null, made inert, quoted where needed. */
    public static String text(String value) {
        if (value == null) {
            return "";
        }
        if (startsFormula(value)) {
            return "\"'" + value.replace("\"", "\"\"") + '"';
        }
        return field(value);
    }

    /**
     * A value as an RFC 4180 field, as read and not made inert: quoted, its quotes doubled, where it holds a comma, a
     * quote or a line break. For a line shown as the export held it, which {@link #text} makes inert when written.
     */
    public static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** The header line of a CSV of these columns. */
    public static String header(String[] columns) {
        return String.join(",", Arrays.stream(columns).map(CsvCells::text).toList());
    }

    /**
     * Each row as one line of CSV text, in a column named {@code line}, followed by the {@code kept} columns as
     * they are (a file to write the line to, say). The order of the rows is kept.
     */
    public static Dataset<Row> lines(Dataset<Row> rows, String... kept) {
        List<String> keep = List.of(kept);
        List<Column> cells = new ArrayList<>();
        for (StructField field : rows.schema().fields()) {
            if (keep.contains(field.name())) {
                continue;
            }
            if (field.dataType().equals(DataTypes.DoubleType) || field.dataType().equals(DataTypes.FloatType)) {
                Column value = col(field.name());
                cells.add(when(value.isNull(), lit("")).otherwise(PLAIN.apply(value.cast(DataTypes.DoubleType))));
            } else {
                cells.add(cell(col(field.name()), field.dataType().equals(DataTypes.StringType)));
            }
        }
        List<Column> out = new ArrayList<>();
        out.add(concat_ws(",", cells.toArray(Column[]::new)).as("line"));
        keep.forEach(k -> out.add(col(k)));
        return rows.select(out.toArray(Column[]::new));
    }

    private static Column cell(Column value, boolean text) {
        // to_csv of one field is that field as the CSV writer writes it, but null where that is empty (a null, an
        // empty text), although Spark takes it for never null: those cells are written here.
        Column written = to_csv(struct(value), OPTIONS);
        if (!text) {
            return when(value.isNull(), lit("")).otherwise(written);
        }
        return when(value.isNull().or(value.equalTo(lit(""))), lit(""))
                .when(value.rlike(FORMULA_START), concat(lit("\"'"), regexp_replace(value, "\"", "\"\""), lit("\"")))
                .otherwise(written);
    }
}
