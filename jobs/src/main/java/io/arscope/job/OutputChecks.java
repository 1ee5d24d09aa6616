package io.arscope.job;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.isnan;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The checks an output table passes before it is published, in the manner of dbt tests: each a rule in words and the
 * condition under which a row breaks it. Every table gets those of its declaration ({@link #declared}): a required
 * column is never empty, a share lies within 0..1. A job adds its own, such as ending AR equalling the sum of its
 * aging buckets. {@link #verify} runs them in one pass over the table as written and, at the first row that breaks
 * one, fails with {@link OutputCheckException}, naming the table, the rule, the row by the table's keys and what the
 * row holds, and how many rows break the rule.
 */
public final class OutputChecks {

    /**
     * One rule.
     *
     * @param rule   the rule in words, as a failure message gives it ("ending_ar equals the sum of its aging buckets")
     * @param broken true on a row that breaks the rule (a null counts as broken)
     * @param found  what such a row holds, as text
     */
    public record Check(String rule, org.apache.spark.sql.Column broken, org.apache.spark.sql.Column found)
            implements Serializable {
    }

    private static final String EMPTY = "empty";

    private OutputChecks() {
    }

    /** A required column is never empty. */
    public static Check required(Column<?> column) {
        return new Check(column.name() + " is never empty", column.col().isNull(), lit(EMPTY));
    }

    /** A share lies within 0..1 where it has a value; NaN is outside. */
    public static Check share(Column<?> column) {
        org.apache.spark.sql.Column c = column.col();
        return new Check(column.name() + " lies within 0..1",
                c.isNotNull().and(isnan(c).or(c.lt(0)).or(c.gt(1))), c.cast("string"));
    }

    /** {@code total} equals the sum of {@code parts}, exactly; {@code partsInWords} names them in the rule. */
    public static Check sumOf(Column<BigDecimal> total, List<Column<BigDecimal>> parts, String partsInWords) {
        org.apache.spark.sql.Column sum = parts.stream().map(Column::col).reduce(org.apache.spark.sql.Column::plus)
                .orElseThrow();
        return new Check(total.name() + " equals the sum of " + partsInWords, not(total.col().eqNullSafe(sum)),
                concat(text(total.col()), lit(" vs "), text(sum)));
    }

    /** Two columns of a row hold the same value, as {@code rule} says in words. */
    public static Check equal(String rule, org.apache.spark.sql.Column left, org.apache.spark.sql.Column right) {
        return new Check(rule, not(left.eqNullSafe(right)), concat(text(left), lit(" vs "), text(right)));
    }

    /** The checks a table's declaration implies: its required columns are never empty, its shares within 0..1. */
    public static List<Check> declared(OutputTable table) {
        List<Check> checks = new ArrayList<>();
        for (Column<?> c : table.columns()) {
            if (!c.nullable()) {
                checks.add(required(c));
            }
            if (c.share()) {
                checks.add(share(c));
            }
        }
        return checks;
    }

    /** Runs {@code checks} over {@code rows} of {@code table}, naming a row by the table's keys. */
    public static void verify(OutputTable table, Dataset<Row> rows, List<Check> checks) {
        verify(table.name(), table.keys().stream().map(Column::name).toList(), rows, checks);
    }

    /**
     * Runs {@code checks} over {@code rows}, a table or a frame derived from one to check it (the sums of its slices).
     *
     * @param table what the message calls the rows
     * @param keys  the columns that name a row in the message
     * @throws OutputCheckException at the first row that breaks a check, for the first check it breaks
     */
    public static void verify(String table, List<String> keys, Dataset<Row> rows, List<Check> checks) {
        if (checks.isEmpty()) {
            return;
        }
        List<org.apache.spark.sql.Column> select = new ArrayList<>();
        keys.forEach(k -> select.add(col(k)));
        org.apache.spark.sql.Column anyBroken = lit(false);
        for (int i = 0; i < checks.size(); i++) {
            org.apache.spark.sql.Column broken = coalesce(checks.get(i).broken(), lit(true));
            select.add(broken.as(brokenColumn(i)));
            select.add(coalesce(checks.get(i).found(), lit(EMPTY)).as(foundColumn(i)));
            anyBroken = anyBroken.or(col(brokenColumn(i)));
        }
        Dataset<Row> flagged = rows.select(select.toArray(org.apache.spark.sql.Column[]::new)).filter(anyBroken);
        List<Row> first = flagged.limit(1).collectAsList();
        if (first.isEmpty()) {
            return;
        }
        Row row = first.get(0);
        for (int i = 0; i < checks.size(); i++) {
            if (row.<Boolean>getAs(brokenColumn(i))) {
                long breaking = flagged.filter(col(brokenColumn(i))).count();
                String what = row.<String>getAs(foundColumn(i))
                        + (breaking > 1 ? " (" + breaking + " rows break it)" : "");
                throw new OutputCheckException(table, checks.get(i).rule(),
                        at(keys.stream().map(k -> k + "=" + row.getAs(k)).toList(), what));
            }
        }
    }

    /** {@code what} at a row named by its keys, {@code key=value} each: "dimension=total value=all: empty". */
    static String at(List<String> keyValues, String what) {
        return keyValues.isEmpty() ? what : String.join(" ", keyValues) + ": " + what;
    }

    private static org.apache.spark.sql.Column text(org.apache.spark.sql.Column value) {
        return coalesce(value.cast("string"), lit(EMPTY));
    }

    private static String brokenColumn(int i) {
        return "__broken_" + i;
    }

    private static String foundColumn(int i) {
        return "__found_" + i;
    }
}
