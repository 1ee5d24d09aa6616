package io.arscope.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The data-quality table of an ingest run: per rule that some row broke, and per table, what the rule did (reject
 * or flag), how many rows it did it to, and the first few of them as {@code file:line}. Rejected rows count under
 * the reason their reject names; a flagged row counts under every rule it broke, once per record.
 */
public final class DataQuality {

    /** How many example lines each rule lists. */
    static final int EXAMPLES = 3;

    /** One rule in one table: {@code table} is null for a reject that names no table (a malformed line). */
    public record RuleCount(String code, String action, String table, long rows, String examples) {
    }

    private DataQuality() {
    }

    /** Every rule some row broke, in the order of {@link RejectReason}, then by table. */
    public static List<RuleCount> of(ReferenceChecks.Result result) {
        Dataset<Row> broken = result.rejects()
                .select(lit(QualityPolicy.Action.REJECT.word()).as("action"), col("reason_code"), col("table"),
                        col(MappedRows.SOURCE_FILE), col(MappedRows.LINE))
                .unionByName(result.flags().select(lit(QualityPolicy.Action.FLAG.word()).as("action"),
                        col("reason_code"), col("table"), col(MappedRows.SOURCE_FILE), col(MappedRows.LINE)));
        Map<List<String>, List<String>> examples = new HashMap<>();
        for (Row r : broken.withColumn("n", row_number().over(Window.partitionBy("action", "reason_code", "table")
                        .orderBy(MappedRows.SOURCE_FILE, MappedRows.LINE)))
                .filter(col("n").leq(EXAMPLES)).orderBy("n")
                .select(col("action"), col("reason_code"), col("table"),
                        concat(col(MappedRows.SOURCE_FILE), lit(":"), col(MappedRows.LINE).cast("string")))
                .collectAsList()) {
            examples.computeIfAbsent(key(r), k -> new ArrayList<>()).add(r.getString(3));
        }
        List<RuleCount> rules = new ArrayList<>();
        for (Row r : broken.groupBy("action", "reason_code", "table").agg(count(lit(1))).collectAsList()) {
            rules.add(new RuleCount(r.getString(1), r.getString(0), r.getString(2), r.getLong(3),
                    String.join("; ", examples.get(key(r)))));
        }
        rules.sort(Comparator.<RuleCount>comparingInt(c -> RejectReason.valueOf(c.code()).ordinal())
                .thenComparing(c -> Objects.toString(c.table(), "")));
        return rules;
    }

    private static List<String> key(Row r) {
        return java.util.Arrays.asList(r.getString(0), r.getString(1), r.getString(2));
    }

    /** The rules as rows of {@link IngestTables#DATA_QUALITY}. */
    public static List<Row> rows(List<RuleCount> rules) {
        return rules.stream().map(c -> IngestTables.DATA_QUALITY.row().set(IngestTables.CODE, c.code())
                .set(IngestTables.ACTION, c.action()).set(IngestTables.TABLE, c.table())
                .set(IngestTables.ROWS, c.rows()).set(IngestTables.EXAMPLES, c.examples()).build()).toList();
    }
}
