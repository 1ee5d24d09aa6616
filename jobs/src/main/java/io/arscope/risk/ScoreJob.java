package io.arscope.risk;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.job.EarlierOutput;
import io.arscope.job.InputException;
import io.arscope.job.Job;
import io.arscope.job.JobContext;
import io.arscope.job.JobOutcome;
import io.arscope.ledger.ExchangeRates;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.ledger.ReportingCurrency;
import io.arscope.run.OutputFiles;
import io.arscope.run.RunManifest;

/** {@code arscope score}: every invoice open at the as-of day scored, with reasons; Parquet, CSV and a manifest. */
public final class ScoreJob implements Job<ScoreOptions> {

    @Override
    public String name() {
        return "score";
    }

    @Override
    public void check(ScoreOptions options) throws InputException {
        EarlierOutput.requireIngest(options.input());
        EarlierOutput.require(options.model().toString(), ModelDirectory.METADATA, "train");
    }

    @Override
    public JobOutcome run(JobContext<ScoreOptions> context) throws IOException, InputException {
        long n = score(context);
        return JobOutcome.ok(context, String.format("score: %,d open invoices scored", n), List.of());
    }

    /** Scores the invoices open at the as-of date into the context's folder; returns how many. */
    public static long score(JobContext<ScoreOptions> context) throws IOException, InputException {
        Instant started = Instant.now();
        ScoreOptions o = context.options();
        ModelDirectory.Loaded loaded = ModelDirectory.load(o.model());
        ReceivablesLedger all = ReceivablesLedger.ofIngest(context.spark(), o.input());
        LocalDate day = all.dayOrLatest(o.asOf());
        ReceivablesLedger cut = all.asOf(day);
        // Amounts open on the day, at the day's rate.
        ReportingCurrency money = ReportingCurrency.choose(cut, ExchangeRates.ofIngest(context.spark(), o.input()),
                o.reportingCurrency()).orElseThrow(why -> new InputException(o.input() + ": " + why));
        ReceivablesLedger ledger = money.valuedAt(cut, day);
        Dataset<Row> scores = RiskScoring.scoreOpen(context.spark(), ledger, loaded, day)
                .orderBy(ScoreTables.PROBABILITY_LATE.col().desc(), ScoreTables.INVOICE_ID.col()).localCheckpoint();
        context.writeTable(ScoreTables.SCORES, scores);
        long n = context.rows().get(ScoreTables.SCORES.name());
        ScoreTables.RunOptions recorded = new ScoreTables.RunOptions(o.input(), o.model().toString(),
                loaded.metadata().trainingDataSha256(), day.toString(), money.code());
        RunManifest<?, ?, ?> manifest = RunManifest.finished("score", started, recorded, Map.of(),
                new ScoreTables.RunOutputs(n), "passed", null);
        OutputFiles.writeText(context.spark(), context.output(ScoreTables.MANIFEST), manifest.toJson());
        return n;
    }
}
