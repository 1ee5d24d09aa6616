package io.arscope.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import io.arscope.model.CanonicalTable;

/**
 * The checks that look across rows, applied to mapped lines: duplicate ids, invoices of unknown customers,
 * payments, adjustments and disputes whose invoice is unknown, rejected, of another customer or issued later, and
 * on-account payments and credit memos of unknown customers ({@link OnAccountRule}), and payments and adjustments
 * whose currency is not their invoice's or, on account, cannot be told ({@link ItemCurrency}).
 * Rows are atomic: when any record of a line is rejected the whole line is, and since that may reject an
 * invoice others depend on, the reference checks repeat until no line that carries an invoice or customer is
 * newly rejected. Result: the accepted records of each canonical table and one reject per rejected line.
 */
public final class ReferenceChecks {

    /** Columns of the rejects output, one row per rejected input line. */
    public static final StructType REJECTS_SCHEMA = DataTypes.createStructType(List.of(
            DataTypes.createStructField(MappedRows.SOURCE_FILE, DataTypes.StringType, false),
            DataTypes.createStructField(MappedRows.LINE, DataTypes.LongType, false),
            DataTypes.createStructField("table", DataTypes.StringType, true),
            DataTypes.createStructField("record_id", DataTypes.StringType, true),
            DataTypes.createStructField("field", DataTypes.StringType, true),
            DataTypes.createStructField("reason_code", DataTypes.StringType, false),
            DataTypes.createStructField("reason", DataTypes.StringType, false),
            DataTypes.createStructField(MappedRows.RAW, DataTypes.StringType, false)));

    private static final int MAX_ROUNDS = 5;
    private static final String STAGE = "stage";
    private static final List<CanonicalTable> DEPENDENTS = List.of(CanonicalTable.PAYMENTS,
            CanonicalTable.ADJUSTMENTS, CanonicalTable.DISPUTES);

    /** Accepted records per table (canonical columns only) and the rejects. */
    public record Result(Map<CanonicalTable, Dataset<Row>> accepted, Dataset<Row> rejects,
            Map<CanonicalTable, Dataset<Row>> acceptedWithLines) {
    }

    private ReferenceChecks() {
    }

    /**
     * @param mapped            lines as {@link RecordMapper} maps them
     * @param customersExported whether customers come from an export of their own; then an invoice must name
     *                          one of them
     */
    public static Result apply(Dataset<Row> mapped, boolean customersExported) {
        Dataset<Row> lines = mapped.filter(col(MappedRows.BLANK).equalTo(false));
        Map<CanonicalTable, Dataset<Row>> records = new EnumMap<>(CanonicalTable.class);
        for (CanonicalTable table : CanonicalTable.values()) {
            records.put(table, lines.filter(col(table.tableName()).isNotNull())
                    .select(col(MappedRows.SOURCE_FILE), col(MappedRows.LINE), col(MappedRows.RAW),
                            col(table.tableName() + ".*")).localCheckpoint());
        }

        List<Dataset<Row>> rejects = new ArrayList<>();
        rejects.add(rowRejects(lines));
        for (CanonicalTable table : CanonicalTable.values()) {
            rejects.add(duplicates(records.get(table), table));
        }
        // Checkpoints cut the query plans, which otherwise grow with every round until planning dominates.
        Dataset<Row> rejectedLines = lineKeys(union(rejects)).localCheckpoint();

        Dataset<Row> knownInvoiceIds = records.get(CanonicalTable.INVOICES).select(col("invoice_id"))
                .union(lines.select(org.apache.spark.sql.functions.explode(col(MappedRows.PROBLEMS)).as("p"))
                        .filter(col("p.table").equalTo(CanonicalTable.INVOICES.tableName())
                                .and(col("p.record_id").isNotNull()))
                        .select(col("p.record_id").as("invoice_id")))
                .distinct().localCheckpoint();

        for (int round = 1; round <= MAX_ROUNDS; round++) {
            Dataset<Row> invoices = alive(records.get(CanonicalTable.INVOICES), rejectedLines);
            List<Dataset<Row>> found = new ArrayList<>();
            if (customersExported) {
                Dataset<Row> customers = alive(records.get(CanonicalTable.CUSTOMERS), rejectedLines)
                        .select("customer_id").distinct();
                Dataset<Row> unknown = invoices.join(customers,
                        invoices.col("customer_id").equalTo(customers.col("customer_id")), "left_anti");
                found.add(reject(unknown, CanonicalTable.INVOICES, lit(RejectReason.UNKNOWN_CUSTOMER.name()),
                        lit("customer_id"), concat(lit("customer_id "), col("customer_id"),
                                lit(" is not among the accepted customers")), 2));
                invoices = invoices.join(unknown.select(MappedRows.SOURCE_FILE, MappedRows.LINE),
                        seq(MappedRows.SOURCE_FILE, MappedRows.LINE), "left_anti");
            }
            Dataset<Row> invoiceFacts = invoices.select(col("invoice_id").as("inv_id"),
                    col("customer_id").as("inv_customer"), col("invoice_date").as("inv_date"));
            Dataset<Row> customerIds = alive(records.get(CanonicalTable.CUSTOMERS), rejectedLines)
                    .select("customer_id").distinct();
            for (CanonicalTable dependent : DEPENDENTS) {
                Dataset<Row> dependents = alive(records.get(dependent), rejectedLines);
                found.add(dependentProblems(dependents.filter(col("invoice_id").isNotNull()), dependent, invoiceFacts,
                        knownInvoiceIds));
                if (OnAccountRule.applies(dependent)) {
                    found.add(OnAccountRule.unknownCustomers(dependents, dependent, customerIds));
                    found.add(ItemCurrency.problems(dependents, dependent, invoices));
                }
            }
            Dataset<Row> newRejects = union(found).localCheckpoint();
            rejects.add(newRejects);
            Dataset<Row> newLines = lineKeys(newRejects);
            rejectedLines = rejectedLines.union(newLines).distinct().localCheckpoint();
            if (!rejectsReferencedRecords(newLines, records)) {
                break;
            }
        }

        Map<CanonicalTable, Dataset<Row>> acceptedWithLines = new EnumMap<>(CanonicalTable.class);
        Map<CanonicalTable, Dataset<Row>> accepted = new EnumMap<>(CanonicalTable.class);
        for (CanonicalTable table : CanonicalTable.values()) {
            acceptedWithLines.put(table, alive(records.get(table), rejectedLines).localCheckpoint());
        }
        Dataset<Row> invoices = firstPerKey(acceptedWithLines.get(CanonicalTable.INVOICES), CanonicalTable.INVOICES);
        for (CanonicalTable table : CanonicalTable.values()) {
            Dataset<Row> rows = firstPerKey(acceptedWithLines.get(table), table);
            if (table == CanonicalTable.PAYMENTS || table == CanonicalTable.ADJUSTMENTS) {
                rows = ItemCurrency.fill(withInvoiceCustomer(rows, invoices), invoices);
            }
            accepted.put(table, rows.select(table.fields().stream().map(f -> col(f.name())).toArray(Column[]::new))
                    .localCheckpoint());
        }
        return new Result(accepted, onePerLine(union(rejects)).localCheckpoint(), acceptedWithLines);
    }

    private static Dataset<Row> rowRejects(Dataset<Row> lines) {
        Column first = col(MappedRows.PROBLEMS).getItem(0);
        return lines.filter(size(col(MappedRows.PROBLEMS)).gt(0)).select(
                col(MappedRows.SOURCE_FILE), col(MappedRows.LINE), first.getField("table").as("table"),
                first.getField("record_id").as("record_id"), first.getField("field").as("field"),
                first.getField("reason_code").as("reason_code"),
                concat_ws("; ", transform(col(MappedRows.PROBLEMS), p -> p.getField("reason"))).as("reason"),
                col(MappedRows.RAW), lit(0).as(STAGE));
    }

    private static Dataset<Row> duplicates(Dataset<Row> records, CanonicalTable table) {
        String key = String.join("+", table.keyFields());
        WindowSpec byKey = Window.partitionBy(keyColumns(table))
                .orderBy(col(MappedRows.DERIVED), col(MappedRows.SOURCE_FILE), col(MappedRows.LINE));
        Dataset<Row> ranked = records
                .withColumn("rn", row_number().over(byKey))
                .withColumn("first_file", org.apache.spark.sql.functions.first(MappedRows.SOURCE_FILE).over(byKey))
                .withColumn("first_line", org.apache.spark.sql.functions.first(MappedRows.LINE).over(byKey));
        Dataset<Row> dups = ranked.filter(col("rn").gt(1).and(col(MappedRows.DERIVED).equalTo(false)));
        return reject(dups, table, lit(RejectReason.DUPLICATE_ID.name()), lit(key),
                concat(lit("duplicate " + key + " "), recordId(table), lit("; first at "), col("first_file"), lit(":"),
                        col("first_line")), 1);
    }

    private static Dataset<Row> dependentProblems(Dataset<Row> records, CanonicalTable table, Dataset<Row> invoiceFacts,
            Dataset<Row> knownInvoiceIds) {
        String dateField = table.dateField().orElseThrow();
        Dataset<Row> known = knownInvoiceIds.withColumnRenamed("invoice_id", "known_id");
        Dataset<Row> joined = records
                .join(invoiceFacts, records.col("invoice_id").equalTo(invoiceFacts.col("inv_id")), "left_outer")
                .join(known, records.col("invoice_id").equalTo(known.col("known_id")), "left_outer");
        Column missing = col("inv_id").isNull();
        Column unknown = missing.and(col("known_id").isNull());
        Column before = col(dateField).lt(col("inv_date"));
        boolean namesCustomer = table.field("customer_id").isPresent();
        Column otherCustomer = namesCustomer
                ? col("customer_id").isNotNull().and(col("customer_id").notEqual(col("inv_customer")))
                : lit(false);
        Column code = when(unknown, RejectReason.UNKNOWN_INVOICE.name())
                .when(missing, RejectReason.REJECTED_INVOICE.name())
                .when(before, RejectReason.BEFORE_INVOICE.name())
                .when(otherCustomer, RejectReason.CUSTOMER_MISMATCH.name());
        Column field = when(missing, lit("invoice_id")).when(before, lit(dateField));
        Column reason = when(unknown, concat(lit("invoice_id "), col("invoice_id"), lit(" is in no input row")))
                .when(missing, concat(lit("invoice_id "), col("invoice_id"), lit(" was rejected")))
                .when(before, concat(lit(dateField + " "), col(dateField).cast("string"), lit(" is before invoice "),
                        col("invoice_id"), lit("'s invoice_date "), col("inv_date").cast("string")));
        if (namesCustomer) {
            field = field.otherwise(lit("customer_id"));
            reason = reason.otherwise(concat(lit("customer_id "), col("customer_id"), lit(" is not invoice "),
                    col("invoice_id"), lit("'s customer "), col("inv_customer")));
        }
        Dataset<Row> bad = joined.withColumn("code", code).filter(col("code").isNotNull());
        return reject(bad, table, col("code"), field, reason, 3);
    }

    static Dataset<Row> reject(Dataset<Row> rows, CanonicalTable table, Column code, Column field, Column reason,
            int stage) {
        return rows.select(col(MappedRows.SOURCE_FILE), col(MappedRows.LINE), lit(table.tableName()).as("table"),
                recordId(table).as("record_id"), field.as("field"), code.as("reason_code"), reason.as("reason"),
                col(MappedRows.RAW), lit(stage).as(STAGE));
    }

    private static Column[] keyColumns(CanonicalTable table) {
        return table.keyFields().stream().map(f -> col(f)).toArray(Column[]::new);
    }

    /** A record's key as its rejects show it: the key field, or several joined by a space (EUR 2024-01-31). */
    private static Column recordId(CanonicalTable table) {
        return table.keyFields().size() == 1 ? col(table.keyField())
                : concat_ws(" ", table.keyFields().stream().map(f -> col(f).cast("string")).toArray(Column[]::new));
    }

    private static boolean rejectsReferencedRecords(Dataset<Row> newLines, Map<CanonicalTable, Dataset<Row>> records) {
        for (CanonicalTable table : List.of(CanonicalTable.INVOICES, CanonicalTable.CUSTOMERS)) {
            Dataset<Row> referenced = records.get(table).select(MappedRows.SOURCE_FILE, MappedRows.LINE);
            if (!newLines.join(referenced, seq(MappedRows.SOURCE_FILE, MappedRows.LINE), "left_semi").isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static Dataset<Row> alive(Dataset<Row> records, Dataset<Row> rejectedLines) {
        return records.join(rejectedLines, seq(MappedRows.SOURCE_FILE, MappedRows.LINE), "left_anti");
    }

    /** Derived records repeat across lines: keep each key's first, an exported record before a derived one. */
    private static Dataset<Row> firstPerKey(Dataset<Row> records, CanonicalTable table) {
        WindowSpec byKey = Window.partitionBy(keyColumns(table))
                .orderBy(col(MappedRows.DERIVED), col(MappedRows.SOURCE_FILE), col(MappedRows.LINE));
        return records.withColumn("rn", row_number().over(byKey)).filter(col("rn").equalTo(1)).drop("rn");
    }

    private static Dataset<Row> withInvoiceCustomer(Dataset<Row> rows, Dataset<Row> invoices) {
        Dataset<Row> owners = invoices.select(col("invoice_id").as("owner_invoice"), col("customer_id").as("owner"));
        return rows.join(owners, rows.col("invoice_id").equalTo(owners.col("owner_invoice")), "left_outer")
                .withColumn("customer_id", org.apache.spark.sql.functions.coalesce(col("customer_id"), col("owner")))
                .drop("owner_invoice", "owner");
    }

    private static Dataset<Row> onePerLine(Dataset<Row> rejects) {
        WindowSpec byLine = Window.partitionBy(col(MappedRows.SOURCE_FILE), col(MappedRows.LINE)).orderBy(col(STAGE));
        Column[] columns = java.util.Arrays.stream(REJECTS_SCHEMA.fieldNames()).map(c -> col(c)).toArray(Column[]::new);
        return rejects.withColumn("rn", row_number().over(byLine)).filter(col("rn").equalTo(1)).select(columns);
    }

    private static Dataset<Row> lineKeys(Dataset<Row> rejects) {
        return rejects.select(MappedRows.SOURCE_FILE, MappedRows.LINE).distinct();
    }

    private static Dataset<Row> union(List<Dataset<Row>> parts) {
        Dataset<Row> all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            all = all.unionByName(parts.get(i));
        }
        return all;
    }

    private static scala.collection.Seq<String> seq(String... names) {
        return scala.collection.JavaConverters.asScalaBuffer(List.of(names)).toSeq();
    }
}
