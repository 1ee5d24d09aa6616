package io.arscope.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import io.arscope.ingest.mapping.Mapping;
import io.arscope.ingest.mapping.MappingException;
import io.arscope.job.InputException;
import io.arscope.job.Job;
import io.arscope.job.JobContext;
import io.arscope.job.JobOutcome;
import io.arscope.job.SummaryFigure;
import io.arscope.ledger.CanonicalSource;
import io.arscope.ledger.LakeSnapshot;
import io.arscope.model.CanonicalTable;
import io.arscope.run.OutputFiles;
import io.arscope.run.ParquetFooters;
import io.arscope.run.Progress;
import io.arscope.run.RunManifest;
import io.arscope.run.Secrets;
import io.arscope.run.SparkJobsAtOnce;

/**
 * The ingest job: reads an export (files, database tables, or both) through its mapping, validates every row, and writes the canonical tables as
 * Parquet partitioned by month (flagged rows with their {@code quality_flags}), the rejects (Parquet and CSV), the
 * reconciliation, the data-quality table by rule and a run manifest. Given a lake, it merges the canonical records
 * into the lake's Delta tables instead ({@link LakeTables}), the export's rows may name what the lake already holds
 * ({@link KnownRecords}), and its {@code canonical/} names the versions it committed
 * ({@link LakeSnapshot}).
 */
public final class IngestJob implements Job<IngestOptions> {

    /**
     * What a run produced: the reconciliation, records per table, the files over the reject threshold (flagged rows
     * are accepted, so they count towards none), the rules rows broke, merging into a lake, what each table's merge
     * did (none when nothing was merged), and the warning of payments missing from the ledger
     * ({@link MissingPayments}; null without one).
     */
    public record Outcome(Reconciliation reconciliation, Map<CanonicalTable, Long> records,
            List<Reconciliation.FileCounts> overThreshold, Freshness freshness,
            List<DataQuality.RuleCount> quality, Map<CanonicalTable, LakeTables.TableLoad> lakeLoads,
            String missingPayments) {
        public boolean passed() {
            return overThreshold.isEmpty();
        }

        /** How the run ended: too many rejects first, then a stale export, then payments missing. */
        public JobOutcome.Status status() {
            return !passed() ? JobOutcome.Status.TOO_MANY_REJECTS
                    : freshness != null && freshness.stale() ? JobOutcome.Status.STALE_INPUT
                    : missingPayments != null ? JobOutcome.Status.WARNINGS : JobOutcome.Status.OK;
        }
    }

    @Override
    public String name() {
        return "ingest";
    }

    /**
     * A mapping with mistakes, a database the mapping reads without a URL or credentials, a given URL carrying a
     * password and a local input folder that is not there are refused before Spark starts and before any output
     * folder is made. The URL is refused even when
     * the mapping reads only files: the secret is on the command line, or in a config file, either way.
     */
    @Override
    public void check(IngestOptions options) throws MappingException, InputException {
        JdbcConnection.refuseCredentials(options.jdbcUrl());
        Mapping mapping = Mapping.load(options.mapping());
        if (mapping.readsFiles()) {
            SourceFiles.requireLocalFolder(options.input());
        }
        if (mapping.readsDatabase()) {
            JdbcConnection.resolve(mapping.database(), options.jdbcUrl(), options.jdbcUser(), System.getenv());
        }
    }

    @Override
    public JobOutcome run(JobContext<IngestOptions> context) throws MappingException, InputException, IOException {
        Outcome o = write(context);
        Reconciliation r = o.reconciliation();
        List<String> details = new ArrayList<>(r.report().lines().toList());
        o.records().forEach((table, n) -> {
            LakeTables.TableLoad load = o.lakeLoads().get(table);
            details.add(load == null ? String.format("  %-16s %,12d records", table.tableName(), n)
                    : String.format("  %-16s %,12d records: %,d new, %,d changed, %,d as stored; lake version %d",
                            table.tableName(), n, load.inserted(), load.updated(), n - load.inserted() - load.updated(),
                            load.version()));
        });
        if (!o.quality().isEmpty()) {
            details.add(String.format("%-20s %-7s %-12s %10s  %s", "rule", "action", "table", "rows", "e.g."));
            o.quality().forEach(c -> details.add(String.format("%-20s %-7s %-12s %10d  %s", c.code(), c.action(),
                    c.table() == null ? "-" : c.table(), c.rows(), c.examples())));
        }
        List<String> warnings = o.overThreshold().stream().map(f -> String.format("%s rejected %.2f%% of its rows, "
                + "over the allowed %.2f%%; see %s", f.file(), 100 * f.rejectedShare(),
                100 * context.options().maxRejectShare(), context.output(IngestTables.REJECTS_CSV)))
                .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        if (context.options().lake() != null && !o.passed()) {
            warnings.add("nothing was merged into the lake " + context.options().lake() + ": it stays as the last "
                    + "load left it; mend the rejected rows and load the export again");
        }
        if (o.freshness() != null) {
            (o.freshness().stale() ? warnings : details).add(o.freshness().describe());
        }
        if (o.missingPayments() != null) {
            warnings.add(o.missingPayments());
        }
        String latest = o.freshness() == null || o.freshness().latest() == null ? ""
                : String.format(", latest dated row %s", o.freshness().latest());
        // The share is of the data rows, as the reject threshold counts it: rows ignored (layout, repeats) are none.
        long dataRows = r.read() - r.ignored();
        return JobOutcome.ok(context, String.format("ingest: %,d rows read, %,d accepted (%,d flagged), %,d rejected "
                + "(%s)%s%s", r.read(), r.accepted(), r.flagged(), r.rejected(), SummaryFigure.percent(dataRows == 0 ? null
                        : (double) r.rejected() / dataRows, "%.2f%%", "no rows"),
                ignored(r), latest), details)
                .withWarnings(warnings).withStatus(o.status());
    }

    private static String ignored(Reconciliation r) {
        long layout = r.ignored() - r.repeated();
        return (layout == 0 ? "" : String.format(", %,d ignored by the mapping", layout))
                + (r.repeated() == 0 ? "" : String.format(", %,d ignored as repeats of earlier rows", r.repeated()));
    }

    /** Reads, checks and writes the export into the context's folder; returns the reconciliation and counts. */
    public static Outcome write(JobContext<IngestOptions> context) throws MappingException, InputException,
            IOException {
        Instant started = Instant.now();
        SparkSession spark = context.spark();
        IngestOptions options = context.options();
        // Read once here: the manifest's digest is of the very text this run parsed, even if the file has changed
        // since the check before Spark started.
        String mappingText = Mapping.text(options.mapping());
        Mapping mapping = Mapping.parse(mappingText, options.mapping().toString());
        JdbcConnection database = mapping.readsDatabase() ? JdbcConnection.resolve(mapping.database(),
                options.jdbcUrl(), options.jdbcUser(), System.getenv()) : null;
        LakeTables lake = options.lake() == null ? null : new LakeTables(spark, options.lake());
        if (lake != null) {
            lake.refuseEarlierThanLatestLoad(options.asOf());
        }
        Map<CanonicalTable, Long> before = lake == null ? null : lake.latest();
        List<MappedLines.Part> parts = new ArrayList<>(SourceFiles.readAll(spark, options, mapping));
        parts.addAll(DatabaseSources.readAll(spark, mapping, database, options.asOf(), options.bounds()));
        Progress.phase(spark.sparkContext(), "checking every row");
        MappedLines mapped = MappedLines.checkpoint(spark, parts);
        QualityPolicy policy = mapping.qualityPolicy();
        ReferenceChecks.Result result = ReferenceChecks.apply(mapped, mapping.hasCustomerSource(), policy,
                lake == null ? KnownRecords.NONE : lake.known(before));

        String rejectsPath = context.output(IngestTables.REJECTS);
        Progress.phase(spark.sparkContext(), "writing " + IngestTables.REJECTS);
        result.rejects().orderBy(MappedRows.SOURCE_FILE, MappedRows.LINE).write().mode(SaveMode.Overwrite)
                .parquet(rejectsPath);
        Dataset<Row> rejects = ParquetFooters.read(spark, rejectsPath);
        OutputFiles.writeSingleCsv(spark, rejects.orderBy(MappedRows.SOURCE_FILE, MappedRows.LINE),
                context.output(IngestTables.REJECTS_CSV));

        Progress.phase(spark.sparkContext(), "reconciling");
        Reconciliation reconciliation = Reconciliation.of(mapped.all(), result).verify();
        List<Reconciliation.FileCounts> over = reconciliation.files().stream()
                .filter(f -> f.rejectedShare() > options.maxRejectShare()).toList();

        Map<CanonicalTable, Long> records = new EnumMap<>(CanonicalTable.class);
        Map<CanonicalTable, LakeTables.TableLoad> loads = new EnumMap<>(CanonicalTable.class);
        String canonical = context.output(IngestTables.CANONICAL_DIR);
        Freshness freshness = null;
        if (lake == null) {
            Progress.phase(spark.sparkContext(), "writing " + IngestTables.CANONICAL_DIR);
            List<Callable<Long>> writes = new ArrayList<>();
            for (CanonicalTable table : CanonicalTable.values()) {
                writes.add(() -> writeTable(spark, result.accepted().get(table), table,
                        canonical + "/" + table.tableName()));
            }
            List<Long> written = SparkJobsAtOnce.run(spark, "writing the canonical tables", writes);
            for (CanonicalTable table : CanonicalTable.values()) {
                records.put(table, written.get(table.ordinal()));
            }
        } else {
            // A lake's load is judged by the export's own rows, before anything is merged: the lake is as fresh as
            // yesterday's load, and a stale export merged over it would put old rows over newer ones.
            freshness = options.maxDataAgeDays() == null ? null
                    : Freshness.of(result.accepted(), options.asOf(), options.maxDataAgeDays());
            boolean merge = over.isEmpty() && (freshness == null || !freshness.stale());
            for (CanonicalTable table : CanonicalTable.values()) {
                Dataset<Row> rows = result.accepted().get(table);
                Progress.phase(spark.sparkContext(), "merging into the lake: " + IngestTables.CANONICAL_DIR + "/"
                        + table.tableName());
                long count = rows.count();
                records.put(table, count);
                if (merge) {
                    // An export with too many rejects, or a stale one, is merged into nothing: the lake stays as the
                    // last good load left it.
                    loads.put(table, lake.merge(table, rows, count, result.derivedKeys().get(table),
                            before.get(table), Secrets.ambient().redact("arscope ingest " + options.output())));
                }
            }
            Map<String, Long> versions = new TreeMap<>();
            for (CanonicalTable table : CanonicalTable.values()) {
                versions.put(table.tableName(), loads.containsKey(table) ? loads.get(table).version()
                        : before.get(table));
            }
            new LakeSnapshot(options.lake(), versions).writeTo(spark, canonical);
            if (merge) {
                lake.recordLoad(options.asOf());
            }
        }
        CanonicalSource stored = CanonicalSource.at(spark, canonical);
        for (CanonicalTable table : CanonicalTable.values()) {
            context.recordRows(lake == null ? IngestTables.CANONICAL_DIR + "/" + table.tableName()
                    : stored.location(table), records.get(table));
        }
        Progress.phase(spark.sparkContext(), null);
        OutputFiles.writeText(spark, context.output(IngestTables.RECONCILIATION_CSV), reconciliation.csv());
        context.recordRows(IngestTables.REJECTS, reconciliation.rejected());
        Map<String, Long> read = new LinkedHashMap<>();
        reconciliation.files().forEach(f -> read.put(f.file(), f.read()));
        context.recordInputs(read);

        List<DataQuality.RuleCount> quality = DataQuality.of(result);
        context.writeTable(IngestTables.DATA_QUALITY, IngestTables.DATA_QUALITY.frame(spark, DataQuality.rows(quality)));

        if (lake == null && options.maxDataAgeDays() != null) {
            Map<CanonicalTable, Dataset<Row>> written = new EnumMap<>(CanonicalTable.class);
            for (CanonicalTable table : CanonicalTable.values()) {
                written.put(table, stored.read(table));
            }
            freshness = Freshness.of(written, options.asOf(), options.maxDataAgeDays());
        }
        String missingPayments = MissingPayments.warning(MissingPayments.sources(mapping),
                stored.read(CanonicalTable.PAYMENTS), stored.read(CanonicalTable.INVOICES), options.asOf())
                .orElse(null);
        Outcome outcome = new Outcome(reconciliation, records, over, freshness, quality, loads, missingPayments);
        OutputFiles.writeText(spark, context.output(IngestTables.MANIFEST),
                manifest(options, mapping, RunManifest.sha256(mappingText), database, outcome, started).toJson());
        return outcome;
    }

    /** Writes a canonical table and returns its rows, counted off the written files' footers. */
    private static long writeTable(SparkSession spark, Dataset<Row> rows, CanonicalTable table, String path)
            throws IOException {
        if (table.dateField().isEmpty()) {
            rows.coalesce(1).sortWithinPartitions(sortColumns(null, null, table)).write().mode(SaveMode.Overwrite)
                    .parquet(path);
            return ParquetFooters.rows(spark, path);
        }
        Dataset<Row> withMonth = rows.withColumn(CanonicalTable.MONTH_PARTITION,
                date_format(col(table.dateField().get()), "yyyy-MM"));
        // The month leads the sort so that the partitioned write needs no sort of its own: Spark's would order
        // by month alone and, not being stable, leave the rows of a month in a different order on every run.
        withMonth.repartition(col(CanonicalTable.MONTH_PARTITION))
                .sortWithinPartitions(sortColumns(CanonicalTable.MONTH_PARTITION, table.dateField().get(), table))
                .write().mode(SaveMode.Overwrite).partitionBy(CanonicalTable.MONTH_PARTITION).parquet(path);
        long written = ParquetFooters.rows(spark, path);
        if (written == 0) {
            // A partitioned write of nothing leaves no file that tools could read a schema from; one empty file
            // keeps the table readable, with the same columns. Found after the write, not by counting before it.
            withMonth.coalesce(1).write().mode(SaveMode.Overwrite).parquet(path);
        }
        return written;
    }

    /** The given leading columns (those not null), then the table's key fields not among them. */
    private static org.apache.spark.sql.Column[] sortColumns(String month, String date, CanonicalTable table) {
        List<String> names = new ArrayList<>();
        for (String name : new String[] {month, date}) {
            if (name != null) {
                names.add(name);
            }
        }
        table.keyFields().stream().filter(k -> !names.contains(k)).forEach(names::add);
        return names.stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new);
    }

    private static Map<String, LakeTables.TableLoad> lakeLoads(Outcome outcome) {
        Map<String, LakeTables.TableLoad> loads = new LinkedHashMap<>();
        outcome.lakeLoads().forEach((table, load) -> loads.put(table.tableName(), load));
        return loads;
    }

    private static RunManifest<IngestTables.RunOptions, Map<String, IngestTables.FileInput>, Map<String, Long>>
            manifest(IngestOptions options, Mapping mapping, String mappingSha256, JdbcConnection database,
            Outcome outcome, Instant started) {
        IngestTables.RunOptions recorded = new IngestTables.RunOptions(options.input(), options.mapping().toString(),
                mappingSha256, database == null ? null : database.url(),
                database == null ? null : database.user(), options.output(),
                options.asOf() == null ? null : options.asOf().toString(), options.bounds().earliest().toString(),
                options.bounds().latest().toString(), options.maxRejectShare(),
                mapping.qualityPolicy().words(), outcome.freshness(), options.lake(),
                outcome.lakeLoads().isEmpty() ? null : lakeLoads(outcome), mapping.invoiceCurrencySet().orElse(null));
        Map<String, IngestTables.FileInput> inputs = new LinkedHashMap<>();
        for (Reconciliation.FileCounts f : outcome.reconciliation().files()) {
            inputs.put(f.file(), new IngestTables.FileInput(f.read(), f.accepted(), f.flagged(), f.rejected(),
                    f.blank(), f.rejectedByReason(), f.flaggedByRule(), f.ignoredBy()));
        }
        Map<String, Long> outputs = new LinkedHashMap<>();
        outcome.records().forEach((table, n) -> outputs.put(IngestTables.CANONICAL_DIR + "/" + table.tableName(), n));
        outputs.put(IngestTables.REJECTS, outcome.reconciliation().rejected());
        outputs.put(IngestTables.DATA_QUALITY.name(), (long) outcome.quality().size());
        return RunManifest.finished("ingest", started, recorded, inputs, outputs, outcome.status().word(),
                outcome.status().exitCode(), mapping.description());
    }
}
