package io.arscope.audit;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import io.arscope.activity.CollectionActivity;
import io.arscope.job.EarlierOutput;
import io.arscope.job.InputException;
import io.arscope.job.Job;
import io.arscope.job.JobContext;
import io.arscope.job.JobOutcome;
import io.arscope.ledger.CanonicalSource;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.model.CanonicalTable;
import io.arscope.run.OutputFiles;
import io.arscope.run.RunManifest;
import io.arscope.worklist.ActionsLogTables;

/**
 * The job behind {@code arscope actions-summary}: reads the worklist's actions log and the canonical contacts and
 * payments, and writes each recommendation with what followed it and the monthly summary of recommended against
 * done. A job of its own, not a step of the worklist: it looks back over every run of the log, and its figures
 * grow for a month after the day audited, so it is run when a lead asks, over the log of many days.
 */
public final class ActionsSummaryJob implements Job<ActionsSummaryOptions> {

    @Override
    public String name() {
        return "actions-summary";
    }

    @Override
    public void check(ActionsSummaryOptions options) throws InputException {
        EarlierOutput.requireIngest(options.input());
        if (!options.actionsLog().contains("://") && !java.nio.file.Files.isDirectory(
                java.nio.file.Path.of(options.actionsLog()))) {
            throw new InputException(options.actionsLog() + " is no actions log; run arscope worklist with "
                    + "--actions-log (or arscope run, which keeps it at <root>/actions-log) first");
        }
    }

    @Override
    public JobOutcome run(JobContext<ActionsSummaryOptions> context) throws IOException, InputException {
        Instant started = Instant.now();
        SparkSession spark = context.spark();
        ActionsSummaryOptions o = context.options();
        Dataset<Row> log = ActionsLogTables.read(spark, o.actionsLog()).localCheckpoint();
        long logRows = log.count();
        if (logRows == 0) {
            throw new InputException(o.actionsLog() + " holds no run yet; run arscope worklist with --actions-log "
                    + "(or arscope run) first");
        }
        ReceivablesLedger all = ReceivablesLedger.ofIngest(spark, o.input());
        LocalDate day = all.dayOrLatest(o.asOf());
        CountedRuns runs = CountedRuns.of(log, day);
        CollectionActivity activity = CollectionActivity.ofIngest(spark, o.input());
        CollectionActivity known = activity.asOf(day);
        Dataset<Row> payments = withCurrency(all.asOf(day));
        Dataset<Row> followed = FollowUp.of(runs.counted(), known.contacts(), known.promises(), payments, day,
                o.windows()).localCheckpoint();
        context.writeTable(ActionsSummaryTables.FOLLOWED, followed.orderBy(col("as_of"), col("collector"),
                col("queue"), col("customer_rank"), col("customer_id"), col("currency")));
        context.writeTable(ActionsSummaryTables.SUMMARY, ActionsSummary.of(followed));

        long counted = runs.counted().count();
        long superseded = runs.superseded().count();
        long later = runs.later().count();
        if (counted + superseded + later != logRows) {
            throw new IllegalStateException("the log's " + logRows + " rows are not the " + counted + " counted, "
                    + superseded + " superseded and " + later + " later");
        }
        Map<String, Long> read = new LinkedHashMap<>();
        read.put(o.actionsLog(), logRows);
        CanonicalSource canonical = CanonicalSource.at(spark, o.input() + "/" + ReceivablesLedger.CANONICAL);
        read.put(canonical.location(CanonicalTable.CONTACTS), activity.contacts().count());
        read.put(canonical.location(CanonicalTable.PROMISES), activity.promises().count());
        read.put(canonical.location(CanonicalTable.PAYMENTS), all.payments().count());
        context.recordInputs(read);
        long recommendations = context.rows().get(ActionsSummaryTables.FOLLOWED.name());
        long acted = followed.filter(ActionsSummaryTables.ACTED_ON.col()).count();
        ActionsSummaryTables.RunOutputs outputs = new ActionsSummaryTables.RunOutputs(recommendations,
                context.rows().get(ActionsSummaryTables.SUMMARY.name()), logRows, counted, superseded, later);
        RunManifest<?, ?, ?> manifest = RunManifest.finished(name(), started, new ActionsSummaryTables.RunOptions(
                o.input(), o.actionsLog(), day.toString(), o.windows().actedWithinDays(),
                o.windows().cashWithinDays()), read, outputs, JobOutcome.Status.OK.word(),
                JobOutcome.Status.OK.exitCode(), null);
        OutputFiles.writeText(spark, context.output(ActionsSummaryTables.MANIFEST), manifest.toJson());
        return JobOutcome.ok(context, String.format("actions-summary: as of %s, %,d recommendations, %,d acted on "
                + "within %d days", day, recommendations, acted, o.windows().actedWithinDays()), List.of(
                String.format("actions log: %,d rows = %,d counted (the last run of each day up to %s) + %,d of "
                        + "runs superseded by a later run of their day + %,d of runs after %s", logRows, counted,
                        day, superseded, later, day)));
    }

    /** Payments as of the day, each with its currency: as stored, else its invoice's (an export of before it). */
    private static Dataset<Row> withCurrency(ReceivablesLedger ledger) {
        Dataset<Row> invoices = ledger.invoices().select(col("invoice_id").as("of_invoice"),
                col("currency").as("invoice_currency"));
        return ledger.payments().join(invoices, col("invoice_id").equalTo(col("of_invoice")), "left")
                .withColumn("currency", coalesce(col("currency"), col("invoice_currency")));
    }
}
