package io.arscope.worklist;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import com.fasterxml.jackson.core.type.TypeReference;

import io.arscope.activity.ActivityConfig;
import io.arscope.activity.CollectionActivity;
import io.arscope.alerts.AlertList;
import io.arscope.alerts.AlertsTables;
import io.arscope.job.EarlierOutput;
import io.arscope.job.InputException;
import io.arscope.job.Job;
import io.arscope.job.JobContext;
import io.arscope.job.JobOutcome;
import io.arscope.job.OutputCheckException;
import io.arscope.ledger.ExchangeRates;
import io.arscope.ledger.LedgerRows;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.ledger.ReportingCurrency;
import io.arscope.risk.CustomerHistory;
import io.arscope.risk.GatedScores;
import io.arscope.risk.ModelDirectory;
import io.arscope.risk.ModelGate;
import io.arscope.risk.RiskScoring;
import io.arscope.risk.ScoreTables;
import io.arscope.run.FileNames;
import io.arscope.run.OutputFiles;
import io.arscope.run.ParquetFooters;
import io.arscope.run.RunManifest;
import io.arscope.run.SheetNames;

/** The jobs behind {@code arscope worklist} and {@code arscope worklist-backtest}: I/O around the pure parts. */
public final class WorklistJob implements Job<WorklistOptions> {

    private static final StructType FILE_OF = DataTypes.createStructType(List.of(
            DataTypes.createStructField("named", DataTypes.StringType, false),
            DataTypes.createStructField("file", DataTypes.StringType, false)));

    /**
     * Counts of a worklist run, and the model gate's decision when the worklist scored the invoices itself.
     *
     * @param gate   the gate applied here, or null when the scores came from a score run (gated by that run)
     * @param drafts how many reminder drafts were written, or why none were
     * @param logged what was appended to the actions log, or null when the run has none
     */
    public record Counts(LocalDate asOf, long invoices, long customers, int collectors, ModelGate gate,
            String drafts, ActionsLog.Appended logged) {
        /** Whether the lists rank by the baseline because the worklist refused the model itself. */
        boolean refusedHere() {
            return gate != null && !gate.passed();
        }
    }

    @Override
    public String name() {
        return "worklist";
    }

    @Override
    public void check(WorklistOptions options) throws InputException {
        EarlierOutput.requireIngest(options.input());
        if (options.scores() != null) {
            EarlierOutput.require(options.scores(), ScoreTables.SCORES.name(), "score");
        } else {
            EarlierOutput.require(options.model().toString(), ModelDirectory.METADATA, "train");
        }
        if (options.alerts() != null) {
            EarlierOutput.require(options.alerts(), AlertsTables.ALERTS.name(), "alerts");
        }
        options.drafts().requireFor(options.config().strategy());
    }

    @Override
    public JobOutcome run(JobContext<WorklistOptions> context) throws IOException, InputException {
        Counts c = write(context);
        List<String> details = new java.util.ArrayList<>();
        if (c.gate() != null) {
            details.add(c.gate().decision());
        }
        details.add(c.drafts());
        if (c.logged() != null) {
            details.add(c.logged().line());
        }
        JobOutcome outcome = JobOutcome.ok(context, String.format("worklist: %s, %,d open invoices, %,d customer "
                + "rows, %d %s%s", c.asOf(), c.invoices(), c.customers(), c.collectors(),
                c.collectors() == 1 ? "collector's list" : "collectors' lists", c.refusedHere()
                        ? ", ranked by the baseline" : ""), details);
        return c.refusedHere() ? outcome.withWarnings(List.of(c.gate().decision()))
                .withStatus(JobOutcome.Status.WARNINGS) : outcome;
    }

    /**
     * Writes the worklists into the context's folder: from the scores of a score run for the same day when the
     * options name one (a pipeline scores once and both outputs hold the same probabilities), else scored here,
     * behind the same model gate as {@code arscope score} ({@link GatedScores}).
     */
    public static Counts write(JobContext<WorklistOptions> context) throws IOException, InputException {
        Instant started = Instant.now();
        SparkSession spark = context.spark();
        WorklistOptions o = context.options();
        ReceivablesLedger all = ReceivablesLedger.ofIngest(spark, o.input());
        LocalDate day = all.dayOrLatest(o.asOf());
        ReceivablesLedger cut = all.asOf(day);
        // Balances of the day, at the day's rate.
        ReportingCurrency reporting = ReportingCurrency.choose(cut, ExchangeRates.ofIngest(spark, o.input()),
                o.reportingCurrency()).orElseThrow(why -> new InputException(o.input() + ": " + why));
        ReceivablesLedger ledger = reporting.valuedAt(cut, day);
        CollectionActivity collected = CollectionActivity.ofIngest(spark, o.input());
        Dataset<Row> scores;
        ScoreSource source;
        if (o.scores() == null) {
            ModelDirectory.Loaded loaded = ModelDirectory.load(o.model());
            GatedScores gated = GatedScores.open(spark, CustomerHistory.of(ledger, collected, day), loaded,
                    reporting.code(), o.gateMargin());
            scores = gated.scores();
            source = new ScoreSource(o.input(), null, o.model().toString(),
                    loaded.metadata().trainingDataSha256(), ranking(gated.gate()), gated.gate());
        } else {
            scores = ScoreTables.SCORES.read(spark, o.scores());
            List<Object> days = scores.select(ScoreTables.AS_OF.col()).distinct().collectAsList().stream()
                    .map(r -> r.get(0)).toList();
            if (!days.isEmpty() && !days.equals(List.of(day))) {
                throw new IllegalArgumentException("the scores in " + o.scores() + " are as of " + days + ", not "
                        + day + "; score that day first");
            }
            RunManifest<ScoreTables.RunOptions, Map<String, Object>, ScoreTables.RunOutputs> scoreRun =
                    RunManifest.read(OutputFiles.readText(spark, OutputFiles.child(o.scores(), ScoreTables.MANIFEST)),
                            new TypeReference<>() { });
            ScoreTables.RunOutputs scored = scoreRun.outputs();
            source = new ScoreSource(o.input(), o.scores(), scoreRun.options().model(),
                    scoreRun.options().modelTrainingDataSha256(), scored == null ? null : scored.ranking(),
                    scored == null ? null : scored.gate());
        }
        // Promises and plans are judged on the amounts as stored: each names its own currency.
        Dataset<Row> activity = CustomerActivity.of(collected, cut,
                scores.select(ScoreTables.INVOICE_ID.col()), day, ActivityConfig.DEFAULT).localCheckpoint();
        CollectorActivity byCollector = CollectorActivity.of(cut, collected, day, reporting, o.config().buckets());
        // Whether an invoice was paid in full is judged on its amounts as converted when they are: a sum of
        // payments converted one by one can miss the invoice's converted amount by a cent. In one currency the
        // collectors' figures have already built the same history.
        Dataset<Row> paid = reporting.converts() ? ExpectedDaysToPay.settledInvoices(ledger, day)
                : ExpectedDaysToPay.settledInvoices(cut, byCollector::invoiceHistory);
        Map<String, Long> read = new java.util.TreeMap<>(LedgerRows.of(o.input(), all, LedgerRows.RATES_AND_ACTIVITY));
        if (o.alerts() != null) {
            String alerts = AlertsTables.ALERTS.path(o.alerts());
            read.put(alerts, ParquetFooters.rows(spark, alerts));
        }
        CollectorNames signers = o.drafts().collectors();
        if (signers.file() != null) {
            read.put(signers.file(), (long) signers.size());
        }
        // What each converted row is as billed: the figure its collector can quote to the customer.
        Dataset<Row> billed = reporting.converts() ? BilledAmounts.ofInvoices(cut, day).localCheckpoint() : null;
        Dataset<Row> customers = CollectionContext.customers(ledger, day).localCheckpoint();
        Counts counts = write(spark, scores, customers,
                CollectionContext.invoiceNotes(ledger, day), paid, activity, billed,
                byCollector, signers, o.config(), context.output(), source, read, day, started);
        // A converted amount is not what the customer owes in its invoice's currency: no reminder states one, so
        // only the customers billed in the reporting currency alone, whose amounts are as billed, get drafts.
        String drafts;
        if (reporting.converts()) {
            Dataset<Row> only = ReportingCurrency.customersBilledOnlyIn(cut, reporting.code()).localCheckpoint();
            long otherwise = WorklistTables.CUSTOMERS.read(spark, context.output())
                    .select(WorklistTables.CUSTOMER_ID.col()).distinct()
                    .join(only, WorklistTables.CUSTOMER_ID.name(), "left_anti").count();
            drafts = ReminderDrafts.writtenWhenConverted(ReminderDrafts.writeFor(spark, only, context.output(), day,
                    o.config().strategy(), o.drafts()), reporting.code(), otherwise);
        } else {
            drafts = ReminderDrafts.written(ReminderDrafts.write(spark, context.output(), day, o.config().strategy(),
                    o.drafts()));
        }
        read.put(scoresRead(source), counts.invoices());
        context.recordInputs(read);
        context.recordRows(WorklistTables.INVOICES.name(), counts.invoices());
        context.recordRows(WorklistTables.CUSTOMERS.name(), counts.customers());
        TeamTables.Counts team = TeamTables.write(spark, context.output(), day, o.config(), byCollector,
                o.alerts() == null ? null : AlertList.read(spark, o.alerts()), source.gate(), signers,
                IdleCredit.of(customers, scores), reporting.code());
        context.recordRows(TeamTables.TEAM.name(), team.collectors());
        context.recordRows(TeamTables.REBALANCING.name(), team.moves());
        context.recordRows(TeamTables.IDLE_CREDIT.name(), team.idleCredit());
        // Last, once every output is written and checked: the log records what the collectors are given.
        return new Counts(day, counts.invoices(), counts.customers(), counts.collectors(), counts.gate(), drafts,
                ActionsLog.append(spark, o.actionsLog(), WorklistTables.CUSTOMERS.read(spark, context.output()),
                        source));
    }

    /**
     * Where the scores of a worklist came from, for its manifest.
     *
     * @param input  the ingest run's folder
     * @param scores the score run's folder, or null when scored by the worklist itself
     * @param model  the model directory that scored
     * @param modelTrainingDataSha256 the digest of the model's training data
     * @param ranking whose ranking the scores hold ({@link ScoreTables#MODEL_RANKING} or
     *                {@link ScoreTables#BASELINE_RANKING}); null when a score run's manifest does not say
     * @param gate    the model gate's decision behind them; null likewise
     */
    public record ScoreSource(String input, String scores, String model, String modelTrainingDataSha256,
            String ranking, ModelGate gate) {
    }

    private static String ranking(ModelGate gate) {
        return gate.passed() ? ScoreTables.MODEL_RANKING : ScoreTables.BASELINE_RANKING;
    }

    /** Where the scored invoices were read: the score run's table, or the model that scored them here. */
    private static String scoresRead(ScoreSource source) {
        return source.scores() == null ? source.model() : OutputFiles.child(source.scores(), ScoreTables.SCORES.name());
    }

    /**
     * Builds and writes the worklists from scored open invoices and their context; checks that every scored
     * invoice is listed, and writes the manifest.
     */
    public static Counts write(SparkSession spark, Dataset<Row> scores, Dataset<Row> customerContext,
            Dataset<Row> invoiceNotes, Dataset<Row> settledInvoices, WorklistConfig config, String output,
            ScoreSource source, LocalDate day, Instant started) throws IOException {
        return write(spark, scores, customerContext, invoiceNotes, settledInvoices, CustomerActivity.none(spark), null,
                null, CollectorNames.NONE, config, output, source, Map.of(), day, started);
    }

    /**
     * As above, with the customers' collection activity ({@link CustomerActivity#of}) and the collectors'
     * ({@link CollectorActivity#of}; null for none, the pages then have no activity block), the pages titling the
     * collectors as {@code names} shows them, and the rows of what was read besides the scores, by location, for
     * the manifest.
     */
    static Counts write(SparkSession spark, Dataset<Row> scores, Dataset<Row> customerContext,
            Dataset<Row> invoiceNotes, Dataset<Row> settledInvoices, Dataset<Row> activity, Dataset<Row> billed,
            CollectorActivity byCollector, CollectorNames names, WorklistConfig config, String output,
            ScoreSource source, Map<String, Long> alsoRead, LocalDate day, Instant started) throws IOException {
        Worklist.Result lists = Worklist.build(scores, customerContext, invoiceNotes, settledInvoices, activity,
                config);
        Dataset<Row> invoices = lists.invoices().localCheckpoint();
        Dataset<Row> customers = BilledAmounts.onRows(lists.customers(), invoices, billed).localCheckpoint();
        long scored = scores.count();
        long listed = invoices.count();
        if (scored != listed) {
            throw new OutputCheckException(WorklistTables.INVOICES.name(), "every open and scored invoice is listed",
                    "listed " + listed + " vs scored " + scored);
        }
        WorklistTables.INVOICES.conform(invoices).write().mode(SaveMode.Overwrite)
                .parquet(WorklistTables.INVOICES.path(output));
        WorklistTables.CUSTOMERS.conform(customers).write().mode(SaveMode.Overwrite)
                .parquet(WorklistTables.CUSTOMERS.path(output));
        OutputFiles.writeSingleCsv(spark, customers.orderBy(WorklistTables.COLLECTOR.col(), WorklistTables.QUEUE.col(),
                WorklistTables.CUSTOMER_RANK.col()), WorklistTables.CUSTOMERS.path(output) + ".csv");
        Map<String, String> pages = CollectorSummary.pages(customers, day, config, names);
        Map<String, String> files = TeamTables.collectorFiles(pages.keySet());
        writeCsvPerCollector(spark, invoices, files, OutputFiles.child(output, WorklistTables.BY_COLLECTOR));
        String summaries = OutputFiles.child(output, WorklistTables.SUMMARIES);
        replaceFolder(spark, summaries);
        for (Map.Entry<String, String> page : pages.entrySet()) {
            OutputFiles.writeText(spark, OutputFiles.child(summaries, files.get(page.getKey()) + ".md"),
                    page.getValue());
        }
        long inWorkbook = writePagesAndWorkbook(spark, customers, invoices, files, byCollector, names, day, config,
                output);
        if (inWorkbook != listed) {
            throw new IllegalStateException("the workbook holds " + inWorkbook + " invoices but the worklist "
                    + listed);
        }
        long customerRows = customers.count();
        WorklistTables.RunOptions recorded = new WorklistTables.RunOptions(source.input(), source.scores(),
                source.model(), source.modelTrainingDataSha256(), day.toString(), config.capacity(),
                config.disputeCapacity(), config.notDueUrgency(), config.urgencyDays(), config.maxUrgency(),
                config.horizonDays(), config.strategy().steps().stream().map(DunningStrategy.Step::code).toList(),
                config.coolOffDays());
        // What it read: the scored open invoices, from the score run's table or scored here with the model.
        Map<String, Long> read = new java.util.TreeMap<>(alsoRead);
        read.put(scoresRead(source), scored);
        // Refused here, the lists are published with a warning as score's are; a score run's refusal was its own.
        ModelGate gate = source.scores() == null ? source.gate() : null;
        JobOutcome.Status status = gate != null && !gate.passed() ? JobOutcome.Status.WARNINGS
                : JobOutcome.Status.OK;
        RunManifest<?, ?, ?> manifest = RunManifest.finished("worklist", started, recorded, read,
                new WorklistTables.RunOutputs(listed, customerRows, pages.size(), source.ranking(), source.gate()),
                status.word(), status.exitCode(), null);
        OutputFiles.writeText(spark, OutputFiles.child(output, WorklistTables.MANIFEST), manifest.toJson());
        return new Counts(day, listed, customerRows, pages.size(), gate, null, null);
    }

    /**
     * One CSV per collector, named by {@link FileNames}, rows in rank order: the collection queue first, then the
     * dispute queue.
     */
    private static void writeCsvPerCollector(SparkSession spark, Dataset<Row> invoices, Map<String, String> files,
            String folder) throws IOException {
        Dataset<Row> fileOf = spark.createDataFrame(files.entrySet().stream()
                .map(e -> RowFactory.create(e.getKey(), e.getValue())).toList(), FILE_OF);
        Dataset<Row> rows = invoices.join(broadcast(fileOf), invoices.col("collector").equalTo(fileOf.col("named")),
                "left").drop("named");
        OutputFiles.writeCsvPerFile(spark, rows
                .withColumn("queue_order", when(col("queue").equalTo(Worklist.COLLECT), lit(0)).otherwise(lit(1)))
                .repartition(1).sortWithinPartitions("file", "queue_order", "customer_rank", "invoice_rank")
                .drop("queue_order"), "file", new TreeSet<>(files.values()), folder);
    }

    /**
     * A page per collector under {@link WorklistTables#PAGES}, named as its CSV, and the workbook with a sheet per
     * collector, both from the same rows read one collector at a time; with no collector, no page and no workbook
     * (as there is no CSV).
     *
     * @return the invoice rows written to the workbook
     */
    private static long writePagesAndWorkbook(SparkSession spark, Dataset<Row> customers, Dataset<Row> invoices,
            Map<String, String> files, CollectorActivity byCollector, CollectorNames names, LocalDate day,
            WorklistConfig config, String output) throws IOException {
        String pages = OutputFiles.child(output, WorklistTables.PAGES);
        replaceFolder(spark, pages);
        if (files.isEmpty()) {
            return 0;
        }
        long rows = 0;
        int collectors = 0;
        try (WorklistWorkbook book = new WorklistWorkbook(SheetNames.of(files.keySet()))) {
            for (Iterator<CollectorQueue> queues = CollectorQueue.read(customers, invoices); queues.hasNext();) {
                CollectorQueue queue = queues.next();
                OutputFiles.writeText(spark, OutputFiles.child(pages, files.get(queue.collector()) + ".html"),
                        CollectorPage.render(queue, names, day, config,
                                byCollector == null ? null : byCollector.of(queue.collector()),
                                CollectorPage.SHOWN_PER_QUEUE));
                rows += book.add(queue);
                collectors++;
            }
            if (collectors != files.size()) {
                throw new IllegalStateException(collectors + " collectors have rows but " + files.size()
                        + " have a page");
            }
            OutputFiles.write(spark, OutputFiles.child(output, WorklistTables.WORKBOOK), out -> book.write(out, day));
        }
        return rows;
    }

    static void replaceFolder(SparkSession spark, String folder) throws IOException {
        Path path = new Path(folder);
        FileSystem fs = path.getFileSystem(spark.sparkContext().hadoopConfiguration());
        fs.delete(path, true);
        fs.mkdirs(path);
    }

    /** The collection queue on a past day, each invoice with what it paid in the horizon and what was overdue after. */
    static List<WorklistBacktest.Item> pool(SparkSession spark, ReceivablesLedger ledger, CollectionActivity activity,
            ModelDirectory.Loaded loaded, LocalDate day, int horizonDays, WorklistConfig config) {
        // Amounts as stored: the backtest ranks, it shows no amount.
        Dataset<Row> scores = RiskScoring.scoreOpen(spark, ledger, activity, loaded, day, null);
        Dataset<Row> queue = Worklist.build(scores, CollectionContext.customers(ledger, day),
                CollectionContext.invoiceNotes(ledger, day), ExpectedDaysToPay.settledInvoices(ledger, day), config)
                .invoices()
                .filter(col("queue").equalTo(Worklist.COLLECT));
        Dataset<Row> after = WorklistBacktest.outcomes(ledger, day, horizonDays).withColumnRenamed("invoice_id", "o_id");
        BigDecimal zero = BigDecimal.ZERO.setScale(2);
        List<WorklistBacktest.Item> items = new ArrayList<>();
        for (Row r : queue.join(after, col("invoice_id").equalTo(col("o_id")), "left")
                .select(col("invoice_id"), col("priority_value"), col("days_past_due"), col("open_amount"),
                        col("collected"), when(col("due_date").gt(day.plusDays(horizonDays)), lit(zero))
                                .otherwise(greatest(col("open_amount").minus(coalesce(col("reduced"), lit(zero))),
                                        lit(zero))).as("left"))
                .collectAsList()) {
            BigDecimal open = r.getAs("open_amount");
            BigDecimal collected = r.isNullAt(4) ? zero : r.getDecimal(4);
            BigDecimal left = r.getDecimal(5);
            items.add(new WorklistBacktest.Item(r.getAs("invoice_id"), r.getAs("priority_value"),
                    r.getAs("days_past_due"), open, collected.setScale(2), left.setScale(2)));
        }
        return items;
    }
}
