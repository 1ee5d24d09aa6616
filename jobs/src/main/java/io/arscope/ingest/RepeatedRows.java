package io.arscope.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import java.util.List;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.model.CanonicalTable;

/**
 * Rows that repeat an earlier row exactly, as two overlapping extracts give them: every record the row exports has
 * the key and every field of an earlier row's record of that key. Such a row adds nothing and contradicts nothing,
 * so it is ignored, counted in the reconciliation under {@link #CONDITION}, and is not a reject: an overlap of
 * extraction windows does not push an export over its reject threshold. A row that repeats only some of its
 * records, or a key with other values, is a duplicate, rejected ({@link RejectReason#DUPLICATE_ID}): which
 * version is right cannot be told.
 */
final class RepeatedRows {

    /** The reconciliation's ignore condition for these rows. */
    // No comma: the condition is a cell of reconciliation.csv's reason_code, which a comma would quote.
    static final String CONDITION = "a repeat of an earlier row (every record the same: another line of one invoice "
            + "or an overlapping extract)";
    /** On a later record of a key exported more than once: whether every field equals the key's first record's. */
    static final String IDENTICAL = "identical";

    private RepeatedRows() {
    }

    /** Whether a ranked record equals its key's first: every canonical field, nulls equal to nulls. */
    static Column sameAsFirst(CanonicalTable table, Column first) {
        return record(table).eqNullSafe(first);
    }

    static Column record(CanonicalTable table) {
        return org.apache.spark.sql.functions.struct(table.fields().stream().map(f -> col(f.name()))
                .toArray(Column[]::new));
    }

    /**
     * The lines whose every exported record is an identical later copy, and that no check of their own rejects.
     *
     * @param identical   per table, the lines of its identical later copies (source file and line)
     * @param lines       every mapped line
     * @param rowRejected lines rejected on their own (a problem, or an oddity the policy rejects)
     */
    static Dataset<Row> lines(List<Dataset<Row>> identical, Dataset<Row> lines, Dataset<Row> rowRejected) {
        Dataset<Row> counted = ReferenceChecks.union(identical).groupBy(MappedRows.SOURCE_FILE, MappedRows.LINE)
                .agg(count(lit(1)).as("copies")).localCheckpoint();
        if (counted.isEmpty()) {
            // As in most exports: no pass over the lines.
            return counted.select(MappedRows.SOURCE_FILE, MappedRows.LINE);
        }
        Dataset<Row> perLine = ReferenceChecks.joinable(counted);
        Column exported = lit(0);
        for (CanonicalTable table : CanonicalTable.values()) {
            Column t = col(table.tableName());
            exported = exported.plus(when(t.isNotNull().and(not(t.getField(MappedRows.DERIVED))), 1).otherwise(0));
        }
        return lines.join(perLine, ReferenceChecks.seq(MappedRows.SOURCE_FILE, MappedRows.LINE))
                .filter(exported.equalTo(col("copies")))
                .select(MappedRows.SOURCE_FILE, MappedRows.LINE)
                .join(rowRejected, ReferenceChecks.seq(MappedRows.SOURCE_FILE, MappedRows.LINE), "left_anti");
    }
}
