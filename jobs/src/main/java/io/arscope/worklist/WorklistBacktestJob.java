package io.arscope.worklist;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import io.arscope.job.EarlierOutput;
import io.arscope.job.InputException;
import io.arscope.job.Job;
import io.arscope.job.JobContext;
import io.arscope.job.JobOutcome;
import io.arscope.job.SummaryFigure;
import io.arscope.activity.CollectionActivity;
import io.arscope.ledger.ExchangeRates;
import io.arscope.activity.CollectionActivity;
import io.arscope.ledger.LedgerRows;
import io.arscope.activity.CollectionActivity;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.activity.CollectionActivity;
import io.arscope.ledger.ReportingCurrency;
import io.arscope.risk.ModelDirectory;
import io.arscope.run.OutputFiles;
import io.arscope.run.RunManifest;

/**
 * {@code arscope worklist-backtest}: the worklist replayed on past days, its top invoices compared with ranking by
 * open amount and by days past due.
 */
public final class WorklistBacktestJob implements Job<BacktestOptions> {

    @Override
    public String name() {
        return "worklist-backtest";
    }

    @Override
    public void check(BacktestOptions options) throws InputException {
        EarlierOutput.requireIngest(options.input());
        EarlierOutput.require(options.model().toString(), ModelDirectory.METADATA, "train");
    }

    @Override
    public JobOutcome run(JobContext<BacktestOptions> context) throws IOException, InputException {
        BacktestOptions o = context.options();
        List<WorklistBacktest.Outcome> outcomes = backtest(context);
        return JobOutcome.ok(context, String.format("worklist-backtest: %s to %s, %d rankings compared", o.from(),
                o.to(), outcomes.size()), details(outcomes, o.horizonDays()));
    }

    /** What the job prints: each ranking on each day, then each ranking over all days with the model's lift. */
    static List<String> details(List<WorklistBacktest.Outcome> outcomes, int horizonDays) {
        List<String> details = new ArrayList<>();
        for (WorklistBacktest.Outcome r : outcomes) {
            details.add(String.format("%s %-14s pool %,7d top %,6d  cash in %d days %,16.2f  overdue after %,16.2f "
                    + " captured %s", r.asOf(), r.ranking(), r.pool(), r.k(), horizonDays, r.topCollected(),
                    r.topOverdue(), captured(r.overdueCaptured())));
        }
        Map<WorklistBacktest.Ranking, WorklistBacktest.Total> totals = WorklistBacktest.totals(outcomes);
        WorklistBacktest.Total ours = totals.get(WorklistBacktest.Ranking.MODEL);
        for (Map.Entry<WorklistBacktest.Ranking, WorklistBacktest.Total> e : totals.entrySet()) {
            WorklistBacktest.Total t = e.getValue();
            details.add(String.format("all days, %-14s cash collected %,16.2f  overdue reached %,16.2f  captured %s  "
                    + "model's lift %s", e.getKey(), t.topCollected(), t.topOverdue(), captured(t.overdueCaptured()),
                    t.topOverdue().signum() == 0 ? "n/a (nothing reached)"
                            : String.format("%.2f", ours.topOverdue().doubleValue() / t.topOverdue().doubleValue())));
        }
        return details;
    }

    private static String captured(Double share) {
        return SummaryFigure.percent(share, "%.1f%%", "nothing in the pool overdue at the horizon");
    }

    /**
     * Replays the worklist on past days from {@code from} to {@code to}, every {@code everyDays}, and compares the
     * top {@code topShare} of each ranking over the following {@code horizonDays}. The model must have been trained
     * on outcomes known by {@code from}, or its scores would use the future.
     */
    public static List<WorklistBacktest.Outcome> backtest(JobContext<BacktestOptions> context)
            throws IOException, InputException {
        Instant started = Instant.now();
        SparkSession spark = context.spark();
        BacktestOptions o = context.options();
        ModelDirectory.Loaded loaded = ModelDirectory.load(o.model());
        LocalDate trainedOn = LocalDate.parse(loaded.metadata().labelsAsOf());
        if (trainedOn.isAfter(o.from())) {
            throw new IllegalArgumentException("the model was trained on outcomes known on " + trainedOn
                    + ", after the first backtest day " + o.from() + ": its scores would use the future. Train with "
                    + "--as-of " + o.from() + " or earlier");
        }
        if (o.everyDays() < 1 || o.horizonDays() < 1 || o.to().isBefore(o.from())) {
            throw new IllegalArgumentException("the backtest needs from <= to, every >= 1 day and horizon >= 1 day");
        }
        ReceivablesLedger ledger = ReceivablesLedger.ofIngest(spark, o.input());
        LocalDate latest = ledger.dayOrLatest(null);
        if (o.to().plusDays(o.horizonDays()).isAfter(latest)) {
            throw new IllegalArgumentException("the last backtest day " + o.to() + " plus the " + o.horizonDays()
                    + "-day horizon is after the latest date in the data, " + latest);
        }
        List<WorklistBacktest.Outcome> outcomes = new ArrayList<>();
        ExchangeRates rates = ExchangeRates.ofIngest(spark, o.input());
        CollectionActivity activity = CollectionActivity.ofIngest(spark, o.input());
        for (LocalDate day = o.from(); !day.isAfter(o.to()); day = day.plusDays(o.everyDays())) {
            // The day and its horizon at the day's rate, as the worklist of that day would read them.
            ReceivablesLedger known = ReportingCurrency.valuedOn(ledger.asOf(day.plusDays(o.horizonDays())), day,
                    rates, o.reportingCurrency(), why -> new InputException(o.input() + ": " + why));
            outcomes.addAll(WorklistBacktest.compare(day, WorklistJob.pool(spark, known, activity, loaded, day,
                    o.horizonDays(), o.config()), o.topShare()));
        }
        List<Row> rows = new ArrayList<>();
        for (WorklistBacktest.Outcome r : outcomes) {
            rows.add(WorklistTables.BACKTEST.row().set(WorklistTables.AS_OF, r.asOf())
                    .set(WorklistTables.RANKING, r.ranking().name().toLowerCase(Locale.ROOT))
                    .set(WorklistTables.HORIZON_DAYS, o.horizonDays()).set(WorklistTables.POOL_INVOICES, r.pool())
                    .set(WorklistTables.TOP_K, r.k()).set(WorklistTables.TOP_OPEN_AMOUNT, r.topOpen())
                    .set(WorklistTables.TOP_CASH_COLLECTED, r.topCollected())
                    .set(WorklistTables.TOP_OVERDUE_AT_HORIZON, r.topOverdue())
                    .set(WorklistTables.POOL_OVERDUE_AT_HORIZON, r.poolOverdue())
                    .set(WorklistTables.OVERDUE_CAPTURED, r.overdueCaptured()).build());
        }
        context.writeTable(WorklistTables.BACKTEST, WorklistTables.BACKTEST.frame(spark, rows));
        WorklistTables.BacktestRunOptions recorded = new WorklistTables.BacktestRunOptions(o.input(),
                o.model().toString(), trainedOn.toString(), o.from().toString(), o.to().toString(), o.everyDays(),
                o.horizonDays(), o.topShare());
        RunManifest<?, ?, ?> manifest = RunManifest.finished("worklist-backtest", started, recorded,
                context.recordInputs(LedgerRows.of(o.input(), ledger, LedgerRows.RATES_AND_ACTIVITY)), new WorklistTables.BacktestRunOutputs(rows.size()),
                JobOutcome.Status.OK.word(), JobOutcome.Status.OK.exitCode(), null);
        OutputFiles.writeText(spark, context.output(WorklistTables.BACKTEST_MANIFEST), manifest.toJson());
        return outcomes;
    }
}
