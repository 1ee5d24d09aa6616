package io.arscope.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
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
 * on-account payments and credit memos of unknown customers ({@link OnAccountRule}), payments and adjustments
 * whose currency is not their invoice's or, on account, cannot be told ({@link ItemCurrency}), and collection
 * activity of unknown customers or listing unknown or other customers' invoices ({@link ActivityReferences}).
 * Rows are atomic: when any record of a line is rejected the whole line is, and since that may reject an
 * invoice others depend on, the reference checks repeat until no line that carries an invoice or customer is
 * newly rejected. The {@link QualityPolicy} decides what the flaggable rules do, those of single lines
 * ({@link MappedRows#FLAGS}) and those found here: reject the line, or keep it with the rule's code in its records'
 * {@link CanonicalTable#QUALITY_FLAGS}. Result: the accepted records of each canonical table, one reject per
 * rejected line, and one flag per accepted record and rule it broke.
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
    static final String INVOICE_ID = "inv_id";
    static final String INVOICE_CUSTOMER = "inv_customer";
    static final String INVOICE_DATE = "inv_date";
    static final String INVOICE_CURRENCY = "inv_currency";
    /**
     * Rejected lines, flags and customer ids up to this many rows are broadcast to the joins that read them (about
     * 10 MB of line keys): Spark cannot tell from a checkpoint's plan that it is small, and would shuffle every table
     * to join it.
     */
    static final long BROADCAST_ROWS = 200_000;
    /**
     * Customer ids up to this many are broadcast: one short text each, a few tens of MB at
     * most. A portfolio of 5M invoices has 333,333 customers, more than {@link #BROADCAST_ROWS}, and joining them
     * otherwise shuffled every invoice to check its customer.
     */
    static final long BROADCAST_IDS = 2_000_000;
    static final String STAGE = "stage";
    private static final List<CanonicalTable> DEPENDENTS = List.of(CanonicalTable.PAYMENTS,
            CanonicalTable.ADJUSTMENTS, CanonicalTable.DISPUTES, CanonicalTable.CONTACTS);

    /**
     * Accepted records per table (canonical columns and {@link CanonicalTable#QUALITY_FLAGS}), the rejects
     * ({@link #REJECTS_SCHEMA}), the accepted records with their lines, the flags of the accepted records: one
     * row per record and rule it broke, with the rejects' columns but {@code raw}, and per table the keys of the
     * accepted records that were derived (read off another table's row: a customer off an invoice line), which
     * a merge must not let replace an exported record, and the lines ignored as {@link RepeatedRows} (source file
     * and line).
     */
    public record Result(Map<CanonicalTable, Dataset<Row>> accepted, Dataset<Row> rejects,
            Map<CanonicalTable, Dataset<Row>> acceptedWithLines, Dataset<Row> flags,
            Map<CanonicalTable, Dataset<Row>> derivedKeys, Dataset<Row> repeated) {
    }

    /** A cross-line rule on a dependent record joined to its invoice's facts: when it fails, and what it says. */
    private record Rule(RejectReason code, Column fails, Column field, Column reason) {
    }

    private ReferenceChecks() {
    }

    /**
     * @param mapped            lines as {@link RecordMapper} maps them
     * @param customersExported whether customers come from an export of their own; then an invoice must name
     *                          one of them
     * @param policy            what each flaggable rule does
     */
    public static Result apply(Dataset<Row> mapped, boolean customersExported, QualityPolicy policy) {
        return apply(mapped, customersExported, policy, KnownRecords.NONE);
    }

    /**
     * {@link #apply(Dataset, boolean, QualityPolicy)} for an export merged into a lake: its records may also name
     * what the lake already holds.
     */
    public static Result apply(Dataset<Row> mapped, boolean customersExported, QualityPolicy policy,
            KnownRecords known) {
        return apply(MappedLines.of(mapped), customersExported, policy, known);
    }

    static Result apply(MappedLines mapped, boolean customersExported, QualityPolicy policy, KnownRecords known) {
        Dataset<Row> lines = mapped.all().filter(col(MappedRows.BLANK).equalTo(false));
        Map<CanonicalTable, Dataset<Row>> tableLines = mapped.byTable();
        Map<CanonicalTable, Dataset<Row>> records = new EnumMap<>(CanonicalTable.class);
        for (CanonicalTable table : CanonicalTable.values()) {
            records.put(table, tableLines.get(table).filter(col(MappedRows.BLANK).equalTo(false)
                            .and(col(table.tableName()).isNotNull()))
                    .select(col(MappedRows.SOURCE_FILE), col(MappedRows.LINE), col(table.tableName() + ".*")));
        }

        known = known.reachableFrom(records);

        // The few lines with a problem or an oddity, found in one pass over every line: the row rejects, the
        // invoice ids of rejected lines and the single-line flags all read them.
        Dataset<Row> oddLines = lines.filter(size(col(MappedRows.PROBLEMS)).gt(0).or(size(col(MappedRows.FLAGS)).gt(0)))
                .select(col(MappedRows.SOURCE_FILE), col(MappedRows.LINE), col(MappedRows.PROBLEMS),
                        col(MappedRows.FLAGS)).localCheckpoint();
        List<Dataset<Row>> lineRejects = new ArrayList<>();
        Dataset<Row> rowRejects = rowRejects(oddLines, policy).localCheckpoint();
        lineRejects.add(rowRejects);
        Map<CanonicalTable, Dataset<Row>> laterCopies = new EnumMap<>(CanonicalTable.class);
        for (CanonicalTable table : CanonicalTable.values()) {
            laterCopies.put(table, laterCopies(records.get(table), table));
        }
        Dataset<Row> repeated = RepeatedRows.lines(laterCopies.values().stream()
                .map(c -> c.filter(col(RepeatedRows.IDENTICAL)).select(MappedRows.SOURCE_FILE, MappedRows.LINE))
                .toList(), lines, joinable(lineKeys(rowRejects).localCheckpoint())).localCheckpoint();
        Dataset<Row> repeatedLines = joinable(repeated);
        for (CanonicalTable table : CanonicalTable.values()) {
            lineRejects.add(duplicates(laterCopies.get(table).join(repeatedLines,
                    seq(MappedRows.SOURCE_FILE, MappedRows.LINE), "left_anti"), table));
        }
        // Checkpoints cut the query plans, which otherwise grow with every round until planning dominates, and keep
        // the rejects output from finding the duplicates again.
        List<Dataset<Row>> rejects = new ArrayList<>(List.of(union(lineRejects).localCheckpoint()));
        // Repeated rows are dropped as rejected ones are, but are not rejects.
        Dataset<Row> rejectedLines = lineKeys(rejects.get(0)).union(repeated).distinct().localCheckpoint();
        Dataset<Row> dropped = joinable(rejectedLines);

        Dataset<Row> knownInvoiceIds = known.withInvoiceIds(records.get(CanonicalTable.INVOICES)
                .select(col("invoice_id"))
                .union(oddLines.select(org.apache.spark.sql.functions.explode(col(MappedRows.PROBLEMS)).as("p"))
                        .filter(col("p.table").equalTo(CanonicalTable.INVOICES.tableName())
                                .and(col("p.record_id").isNotNull()))
                        .select(col("p.record_id").as("invoice_id")))).distinct().localCheckpoint();

        for (int round = 1; round <= MAX_ROUNDS; round++) {
            // Checkpointed: each is read by several checks, and would otherwise be joined again for each.
            Dataset<Row> invoices = alive(records.get(CanonicalTable.INVOICES), dropped);
            Dataset<Row> customerIds = joinable(known.withCustomerIds(alive(records.get(CanonicalTable.CUSTOMERS),
                    dropped).select("customer_id")).distinct().localCheckpoint(), BROADCAST_IDS);
            List<Dataset<Row>> found = new ArrayList<>();
            if (customersExported) {
                Dataset<Row> unknown = invoices.join(customerIds,
                        invoices.col("customer_id").equalTo(customerIds.col("customer_id")), "left_anti");
                found.add(reject(unknown, CanonicalTable.INVOICES, lit(RejectReason.UNKNOWN_CUSTOMER.name()),
                        lit("customer_id"), concat(lit("customer_id "), col("customer_id"),
                                lit(" is not among the accepted customers")), 2));
                invoices = invoices.join(customerIds, seq("customer_id"), "left_semi");
            }
            invoices = invoices.localCheckpoint();
            Dataset<Row> referable = known.referable(invoices);
            List<Dataset<Row>> invoiceRejects = new ArrayList<>(rejects);
            invoiceRejects.addAll(found);
            // One table answers the questions a dependent asks of its invoice id, known and accepted, and where it
            // was rejected when it was: one join each.
            Dataset<Row> invoiceRefs = knownInvoiceIds.select(col("invoice_id").as("known_id"))
                    .join(invoiceFacts(referable), col("known_id").equalTo(col(INVOICE_ID)), "left_outer")
                    .join(rejectedAt(union(invoiceRejects), records.get(CanonicalTable.INVOICES)),
                            col("known_id").equalTo(col(REJECTED_ID)), "left_outer")
                    .localCheckpoint();
            for (CanonicalTable dependent : DEPENDENTS) {
                Dataset<Row> dependents = alive(records.get(dependent), dropped);
                // Items on account name no invoice and match no row.
                Dataset<Row> referring = dependents.join(invoiceRefs, col("invoice_id").equalTo(col("known_id")),
                        "left_outer");
                found.add(dependentProblems(referring.filter(col("invoice_id").isNotNull()), dependent, policy));
                if (OnAccountRule.applies(dependent)) {
                    found.add(OnAccountRule.unknownCustomers(dependents, dependent, customerIds));
                    found.add(ItemCurrency.problems(referring, dependent, referable));
                }
            }
            for (CanonicalTable activity : ActivityReferences.TABLES) {
                found.add(ActivityReferences.unknownCustomers(alive(records.get(activity), dropped), activity,
                        customerIds));
            }
            for (CanonicalTable listing : ActivityReferences.LISTING) {
                found.add(ActivityReferences.listedInvoiceProblems(alive(records.get(listing), dropped),
                        listing, referable, knownInvoiceIds)
                        .filter(withAction(col("reason_code"), policy, QualityPolicy.Action.REJECT)));
            }
            if (policy.action(RejectReason.MISSING_RATE) == QualityPolicy.Action.REJECT) {
                found.add(MissingRateRule.failing(invoices, referable,
                        alive(records.get(CanonicalTable.PAYMENTS), dropped),
                        alive(records.get(CanonicalTable.ADJUSTMENTS), dropped),
                        known.withRates(alive(records.get(CanonicalTable.EXCHANGE_RATES), dropped))));
            }
            Dataset<Row> newRejects = union(found).localCheckpoint();
            rejects.add(newRejects);
            Dataset<Row> newLines = lineKeys(newRejects);
            rejectedLines = rejectedLines.union(newLines).distinct().localCheckpoint();
            dropped = joinable(rejectedLines);
            if (!rejectsReferencedRecords(newLines, records)) {
                break;
            }
        }

        Map<CanonicalTable, Dataset<Row>> acceptedWithLines = new EnumMap<>(CanonicalTable.class);
        Map<CanonicalTable, Dataset<Row>> accepted = new EnumMap<>(CanonicalTable.class);
        long droppedLines = rejectedLines.count();
        for (CanonicalTable table : CanonicalTable.values()) {
            acceptedWithLines.put(table, survivors(records.get(table), dropped, droppedLines));
        }
        Map<CanonicalTable, Dataset<Row>> kept = new EnumMap<>(CanonicalTable.class);
        for (CanonicalTable table : CanonicalTable.values()) {
            kept.put(table, firstPerKey(acceptedWithLines.get(table), table));
        }
        Map<CanonicalTable, Dataset<Row>> derivedKeys = new EnumMap<>(CanonicalTable.class);
        for (CanonicalTable table : CanonicalTable.values()) {
            derivedKeys.put(table, kept.get(table).filter(col(MappedRows.DERIVED)).select(keyColumns(table)));
        }
        Dataset<Row> invoices = known.referable(kept.get(CanonicalTable.INVOICES));
        // Each dependent joined to its invoice once, without the raw line, which no accepted record or flag shows:
        // its flags read the join and, for payments and adjustments, so does the currency and customer filled in,
        // which is why only theirs is held.
        Map<CanonicalTable, Dataset<Row>> withFacts = new EnumMap<>(CanonicalTable.class);
        for (CanonicalTable dependent : DEPENDENTS) {
            Dataset<Row> joined = withInvoiceFacts(kept.get(dependent), invoices);
            withFacts.put(dependent, OnAccountRule.applies(dependent) ? joined.localCheckpoint() : joined);
        }
        Dataset<Row> flags = keptFlags(oddLines, kept, withFacts, invoices, known, policy).localCheckpoint();
        boolean fewFlags = flags.count() <= BROADCAST_ROWS;
        for (CanonicalTable table : CanonicalTable.values()) {
            Dataset<Row> rows = OnAccountRule.applies(table) ? ItemCurrency.fillJoined(withFacts.get(table), invoices)
                    : kept.get(table);
            rows = withQualityFlags(rows, table, flags, fewFlags);
            List<Column> columns = new ArrayList<>(table.fields().stream().map(f -> col(f.name())).toList());
            columns.add(col(CanonicalTable.QUALITY_FLAGS));
            accepted.put(table, rows.select(columns.toArray(Column[]::new)).localCheckpoint());
        }
        return new Result(accepted, withText(onePerLine(union(rejects)).localCheckpoint(), lines).localCheckpoint(),
                acceptedWithLines, flags, derivedKeys, repeated);
    }

    /**
     * The rejects ({@link #REJECTS_SCHEMA}) with their lines' text, looked up once they are known: carried by every
     * record through the checks, the text was shuffled and held with each of them, to be shown for a few.
     */
    private static Dataset<Row> withText(Dataset<Row> rejects, Dataset<Row> lines) {
        Column[] columns = java.util.Arrays.stream(REJECTS_SCHEMA.fieldNames()).map(c -> col(c)).toArray(Column[]::new);
        return lines.select(col(MappedRows.SOURCE_FILE), col(MappedRows.LINE), col(MappedRows.RAW))
                .join(joinable(rejects), seq(MappedRows.SOURCE_FILE, MappedRows.LINE)).select(columns);
    }

    /** Lines with a problem, or with an oddity whose rule the policy says rejects; the first of these names it. */
    private static Dataset<Row> rowRejects(Dataset<Row> lines, QualityPolicy policy) {
        Column refused = concat(col(MappedRows.PROBLEMS), org.apache.spark.sql.functions.filter(col(MappedRows.FLAGS),
                f -> withAction(f.getField("reason_code"), policy, QualityPolicy.Action.REJECT)));
        Column first = refused.getItem(0);
        return lines.filter(size(refused).gt(0)).select(
                col(MappedRows.SOURCE_FILE), col(MappedRows.LINE), first.getField("table").as("table"),
                first.getField("record_id").as("record_id"), first.getField("field").as("field"),
                first.getField("reason_code").as("reason_code"),
                concat_ws("; ", transform(concat(col(MappedRows.PROBLEMS), col(MappedRows.FLAGS)),
                        p -> p.getField("reason"))).as("reason"), lit(0).as(STAGE));
    }

    private static Column withAction(Column code, QualityPolicy policy, QualityPolicy.Action action) {
        List<String> codes = policy.codes(action);
        return codes.isEmpty() ? lit(false) : code.isin(codes.toArray());
    }

    /**
     * The flags of the records kept: the oddities of single lines and the cross-line rules of dependents, those the
     * policy flags, once per record and rule.
     */
    private static Dataset<Row> keptFlags(Dataset<Row> oddLines, Map<CanonicalTable, Dataset<Row>> kept,
            Map<CanonicalTable, Dataset<Row>> withFacts, Dataset<Row> invoices, KnownRecords known,
            QualityPolicy policy) {
        List<Dataset<Row>> found = new ArrayList<>();
        found.add(oddLines.select(col(MappedRows.SOURCE_FILE), col(MappedRows.LINE),
                org.apache.spark.sql.functions.explode(col(MappedRows.FLAGS)).as("f")).select(
                col(MappedRows.SOURCE_FILE), col(MappedRows.LINE), col("f.table").as("table"),
                col("f.record_id").as("record_id"), col("f.field").as("field"),
                col("f.reason_code").as("reason_code"), col("f.reason").as("reason")));
        for (CanonicalTable dependent : DEPENDENTS) {
            // Every flaggable rule on one join: a filtered copy of the join per rule would redo the join per rule.
            Column[] broken = dependentRules(dependent).stream().filter(rule -> rule.code().flaggable())
                    .map(rule -> when(rule.fails(), struct(rule.field().as("field"),
                            lit(rule.code().name()).as("reason_code"), rule.reason().as("reason"))))
                    .toArray(Column[]::new);
            found.add(withFacts.get(dependent)
                    .select(col(MappedRows.SOURCE_FILE), col(MappedRows.LINE),
                            col(dependent.keyField()).as("record_id"), org.apache.spark.sql.functions.explode(
                                    org.apache.spark.sql.functions.filter(array(broken), Column::isNotNull)).as("b"))
                    .select(col(MappedRows.SOURCE_FILE), col(MappedRows.LINE), lit(dependent.tableName()).as("table"),
                            col("record_id"), col("b.field").as("field"), col("b.reason_code").as("reason_code"),
                            col("b.reason").as("reason")));
        }
        for (CanonicalTable listing : ActivityReferences.LISTING) {
            found.add(ActivityReferences.listedInvoiceProblems(kept.get(listing), listing, invoices, invoices)
                    .select(col(MappedRows.SOURCE_FILE), col(MappedRows.LINE), col("table"), col("record_id"),
                            col("field"), col("reason_code"), col("reason")));
        }
        found.add(MissingRateRule.failing(kept.get(CanonicalTable.INVOICES), invoices, kept.get(CanonicalTable.PAYMENTS),
                kept.get(CanonicalTable.ADJUSTMENTS), known.withRates(kept.get(CanonicalTable.EXCHANGE_RATES))).select(
                col(MappedRows.SOURCE_FILE), col(MappedRows.LINE), col("table"), col("record_id"), col("field"),
                col("reason_code"), col("reason")));
        Dataset<Row> keys = null;
        for (CanonicalTable table : CanonicalTable.values()) {
            Dataset<Row> k = kept.get(table).select(col(MappedRows.SOURCE_FILE), col(MappedRows.LINE),
                    lit(table.tableName()).as("table"));
            keys = keys == null ? k : keys.union(k);
        }
        // The kept records' keys are every accepted line: joined to the few flagged lines, not the other way round.
        Dataset<Row> candidates = union(found).filter(withAction(col("reason_code"), policy,
                QualityPolicy.Action.FLAG)).localCheckpoint();
        Dataset<Row> flaggedLines = joinable(candidates.select(col(MappedRows.SOURCE_FILE), col(MappedRows.LINE),
                col("table")).distinct().localCheckpoint());
        Dataset<Row> keptFlagged = keys.join(flaggedLines, seq(MappedRows.SOURCE_FILE, MappedRows.LINE, "table"),
                "left_semi");
        return candidates.join(keptFlagged, seq(MappedRows.SOURCE_FILE, MappedRows.LINE, "table"), "left_semi")
                .dropDuplicates(MappedRows.SOURCE_FILE, MappedRows.LINE, "table", "reason_code");
    }

    /** Records with {@link CanonicalTable#QUALITY_FLAGS}: their rules' codes in alphabetical order, or null. */
    private static Dataset<Row> withQualityFlags(Dataset<Row> records, CanonicalTable table, Dataset<Row> flags,
            boolean fewFlags) {
        Dataset<Row> codes = flags.filter(col("table").equalTo(table.tableName()))
                .groupBy(col(MappedRows.SOURCE_FILE), col(MappedRows.LINE))
                .agg(concat_ws(";", org.apache.spark.sql.functions.array_sort(
                        org.apache.spark.sql.functions.collect_set(col("reason_code")))).as(CanonicalTable.QUALITY_FLAGS));
        return records.join(fewFlags ? broadcast(codes) : codes, seq(MappedRows.SOURCE_FILE, MappedRows.LINE),
                "left_outer");
    }

    /**
     * Exported records whose key an earlier exported record has, each with where the key's first is and whether it
     * is {@link RepeatedRows#IDENTICAL} to it. A derived record is never one, and ranks after every exported record
     * of its key, so only exported records are compared; and only those of keys exported more than once are ranked:
     * counting keys moves the keys alone, where ranking every record would sort whole lines.
     */
    private static Dataset<Row> laterCopies(Dataset<Row> records, CanonicalTable table) {
        Dataset<Row> exported = records.filter(col(MappedRows.DERIVED).equalTo(false));
        Dataset<Row> keys = exported.groupBy(keyColumns(table)).count().filter(col("count").gt(1))
                .select(table.keyFields().stream().map(f -> col(f).as("dup_" + f)).toArray(Column[]::new))
                .localCheckpoint();
        // Null-safe, as the ranking's partitions are: records with no key are compared among themselves too.
        Column sameKey = table.keyFields().stream().map(f -> col(f).eqNullSafe(col("dup_" + f)))
                .reduce(Column::and).orElseThrow();
        WindowSpec byKey = Window.partitionBy(keyColumns(table))
                .orderBy(col(MappedRows.SOURCE_FILE), col(MappedRows.LINE));
        // With no key given twice, as in most tables of most exports, no record is read again to find none: the
        // copies are read twice (the repeats, then the duplicates).
        Dataset<Row> candidates = keys.isEmpty() ? exported.where(lit(false))
                : exported.join(joinable(keys), sameKey, "left_semi");
        return candidates
                .withColumn("rn", row_number().over(byKey))
                .withColumn("first_file", org.apache.spark.sql.functions.first(MappedRows.SOURCE_FILE).over(byKey))
                .withColumn("first_line", org.apache.spark.sql.functions.first(MappedRows.LINE).over(byKey))
                .withColumn(RepeatedRows.IDENTICAL, RepeatedRows.sameAsFirst(table,
                        org.apache.spark.sql.functions.first(RepeatedRows.record(table)).over(byKey)))
                .filter(col("rn").gt(1));
    }

    /** The rejects of {@link #laterCopies}: a key already taken. */
    private static Dataset<Row> duplicates(Dataset<Row> laterCopies, CanonicalTable table) {
        String key = String.join("+", table.keyFields());
        return reject(laterCopies, table, lit(RejectReason.DUPLICATE_ID.name()), lit(key),
                concat(lit("duplicate " + key + " "), recordId(table), lit("; first at "), col("first_file"), lit(":"),
                        col("first_line")), 1);
    }

    private static final String REJECTED_ID = "rejected_invoice_id";
    private static final String REJECTED_AT = "rejected_at";

    /**
     * Where each rejected invoice was rejected, as a dependent's reject names it: {@code invoices.csv line 54:
     * BAD_DATE}, the first rejected line that holds it and that line's reason code (an invoice falls with its line
     * when another record of the line is rejected). A payment's "invoice 53 was rejected" otherwise leaves the
     * reader to search the rejects for the invoice's row and its reason.
     *
     * @param invoices the invoice records, each with its line
     */
    private static Dataset<Row> rejectedAt(Dataset<Row> rejects, Dataset<Row> invoices) {
        Dataset<Row> lines = rejects.select(col(MappedRows.SOURCE_FILE), col(MappedRows.LINE), col("reason_code"));
        // A line rejected for a problem of its own holds no record; its reject names the invoice it could read.
        Dataset<Row> named = rejects.filter(col("table").equalTo(CanonicalTable.INVOICES.tableName())
                .and(col("record_id").isNotNull())).select(col("record_id").as("invoice_id"),
                        col(MappedRows.SOURCE_FILE), col(MappedRows.LINE), col("reason_code"));
        return invoices.select(col("invoice_id"), col(MappedRows.SOURCE_FILE), col(MappedRows.LINE))
                .join(broadcast(lines), seq(MappedRows.SOURCE_FILE, MappedRows.LINE))
                .unionByName(named)
                .groupBy(col("invoice_id").as(REJECTED_ID))
                .agg(org.apache.spark.sql.functions.min(struct(col(MappedRows.SOURCE_FILE), col(MappedRows.LINE),
                        col("reason_code"))).as("first"))
                .select(col(REJECTED_ID), concat(col("first." + MappedRows.SOURCE_FILE), lit(" line "),
                        col("first." + MappedRows.LINE).cast("string"), lit(": "), col("first.reason_code"))
                        .as(REJECTED_AT));
    }

    /** What a dependent's rules read of its invoice: id, customer, date and currency, named apart from its own. */
    static Dataset<Row> invoiceFacts(Dataset<Row> invoices) {
        return invoices.select(col("invoice_id").as(INVOICE_ID), col("customer_id").as(INVOICE_CUSTOMER),
                col("invoice_date").as(INVOICE_DATE), col("currency").as(INVOICE_CURRENCY));
    }

    /** {@code rows} joined to their invoice's {@link #invoiceFacts} among {@code invoices}, null when not there. */
    static Dataset<Row> withInvoiceFacts(Dataset<Row> rows, Dataset<Row> invoices) {
        return rows.join(invoiceFacts(invoices), col("invoice_id").equalTo(col(INVOICE_ID)), "left_outer");
    }

    /**
     * The rejects among dependents: an unknown or rejected invoice, and the flaggable rules the policy rejects.
     *
     * @param joined the dependents that name an invoice, each joined to its id's row of the round's invoice
     *               references: {@code known_id}, null when no input row has the id, and the accepted invoice's
     *               {@link #invoiceFacts}, null when not accepted
     */
    private static Dataset<Row> dependentProblems(Dataset<Row> joined, CanonicalTable table, QualityPolicy policy) {
        Column code = null;
        Column field = null;
        Column reason = null;
        for (Rule rule : dependentRules(table)) {
            if (policy.action(rule.code()) == QualityPolicy.Action.REJECT) {
                code = code == null ? when(rule.fails(), rule.code().name())
                        : code.when(rule.fails(), rule.code().name());
                field = field == null ? when(rule.fails(), rule.field()) : field.when(rule.fails(), rule.field());
                reason = reason == null ? when(rule.fails(), rule.reason()) : reason.when(rule.fails(), rule.reason());
            }
        }
        Dataset<Row> bad = joined.withColumn("code", code).filter(col("code").isNotNull());
        return reject(bad, table, col("code"), field, reason, 3);
    }

    /**
     * The rules of a payment, adjustment or dispute on its row joined to its invoice's facts ({@code inv_id}, null
     * when the invoice is not among the accepted, {@code known_id}, null when no input row has it), in the order
     * a reject names them. The flaggable ones read only the invoice's facts.
     */
    private static List<Rule> dependentRules(CanonicalTable table) {
        String dateField = table.dateField().orElseThrow();
        Column missing = col(INVOICE_ID).isNull();
        List<Rule> rules = new ArrayList<>();
        rules.add(new Rule(RejectReason.UNKNOWN_INVOICE, missing.and(col("known_id").isNull()), lit("invoice_id"),
                concat(lit("invoice_id "), col("invoice_id"), lit(" is in no input row"))));
        rules.add(new Rule(RejectReason.REJECTED_INVOICE, missing, lit("invoice_id"),
                concat(lit("invoice_id "), col("invoice_id"), lit(" was rejected"), when(col(REJECTED_AT).isNotNull(),
                        concat(lit(" ("), col(REJECTED_AT), lit(")"))).otherwise(lit("")))));
        rules.add(new Rule(RejectReason.BEFORE_INVOICE, col(dateField).lt(col(INVOICE_DATE)), lit(dateField),
                concat(lit(dateField + " "), col(dateField).cast("string"), lit(" is before invoice "),
                        col("invoice_id"), lit("'s invoice_date "), col(INVOICE_DATE).cast("string"))));
        if (table.field("customer_id").isPresent()) {
            rules.add(new Rule(RejectReason.CUSTOMER_MISMATCH,
                    col("customer_id").isNotNull().and(col("customer_id").notEqual(col(INVOICE_CUSTOMER))),
                    lit("customer_id"), concat(lit("customer_id "), col("customer_id"), lit(" is not invoice "),
                            col("invoice_id"), lit("'s customer "), col(INVOICE_CUSTOMER))));
        }
        return rules;
    }

    static Dataset<Row> reject(Dataset<Row> rows, CanonicalTable table, Column code, Column field, Column reason,
            int stage) {
        return rows.select(col(MappedRows.SOURCE_FILE), col(MappedRows.LINE), lit(table.tableName()).as("table"),
                recordId(table).as("record_id"), field.as("field"), code.as("reason_code"), reason.as("reason"),
                lit(stage).as(STAGE));
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

    /** A checkpointed frame, hinted for broadcast when it has at most {@link #BROADCAST_ROWS} rows, as usually. */
    static Dataset<Row> joinable(Dataset<Row> checkpointed) {
        return joinable(checkpointed, BROADCAST_ROWS);
    }

    /** A checkpointed frame, hinted for broadcast when it has at most {@code maxRows} rows. */
    private static Dataset<Row> joinable(Dataset<Row> checkpointed, long maxRows) {
        return checkpointed.count() <= maxRows ? broadcast(checkpointed) : checkpointed;
    }

    /** {@code records} but those on the lines {@code dropped} names (rejected line keys, {@link #joinable}). */
    private static Dataset<Row> alive(Dataset<Row> records, Dataset<Row> dropped) {
        return records.join(dropped, seq(MappedRows.SOURCE_FILE, MappedRows.LINE), "left_anti");
    }

    /**
     * {@link #alive}, held: the held {@code records} themselves when none of their lines is dropped, so that a
     * table with no rejected line (most, in most exports) is not copied. {@code droppedLines} counts {@code dropped}.
     */
    private static Dataset<Row> survivors(Dataset<Row> records, Dataset<Row> dropped, long droppedLines) {
        boolean untouched = droppedLines == 0 || droppedLines <= BROADCAST_ROWS
                && records.join(dropped, seq(MappedRows.SOURCE_FILE, MappedRows.LINE), "left_semi").isEmpty();
        return untouched ? records : alive(records, dropped).localCheckpoint();
    }

    /**
     * Derived records repeat across lines: keep each key's first, an exported record before a derived one. Of
     * exported records only each key's first is accepted, so a table with no derived record is kept whole; the
     * others are checkpointed, as the flags and the accepted records both read them.
     */
    private static Dataset<Row> firstPerKey(Dataset<Row> records, CanonicalTable table) {
        if (records.filter(col(MappedRows.DERIVED)).isEmpty()) {
            return records;
        }
        WindowSpec byKey = Window.partitionBy(keyColumns(table))
                .orderBy(col(MappedRows.DERIVED), col(MappedRows.SOURCE_FILE), col(MappedRows.LINE));
        return records.withColumn("rn", row_number().over(byKey)).filter(col("rn").equalTo(1)).drop("rn")
                .localCheckpoint();
    }

    /**
     * A line's first reject: the earliest stage's, and among several of one stage (a line holding records of two
     * tables, or failing two checks of one round), the first by table, code, field and record, so that every run
     * names the same one. Without the line's text, which {@link #withText} adds.
     */
    static Dataset<Row> onePerLine(Dataset<Row> rejects) {
        WindowSpec byLine = Window.partitionBy(col(MappedRows.SOURCE_FILE), col(MappedRows.LINE)).orderBy(col(STAGE),
                col("table"), col("reason_code"), col("field"), col("record_id"));
        Column[] columns = java.util.Arrays.stream(REJECTS_SCHEMA.fieldNames()).filter(c -> !c.equals(MappedRows.RAW))
                .map(c -> col(c)).toArray(Column[]::new);
        return rejects.withColumn("rn", row_number().over(byLine)).filter(col("rn").equalTo(1)).select(columns);
    }

    private static Dataset<Row> lineKeys(Dataset<Row> rejects) {
        return rejects.select(MappedRows.SOURCE_FILE, MappedRows.LINE).distinct();
    }

    static Dataset<Row> union(List<Dataset<Row>> parts) {
        Dataset<Row> all = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            all = all.unionByName(parts.get(i));
        }
        return all;
    }

    static scala.collection.Seq<String> seq(String... names) {
        return scala.collection.JavaConverters.asScalaBuffer(List.of(names)).toSeq();
    }
}
