package io.arscope.risk;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.job.EarlierOutput;
import io.arscope.job.InputException;
import io.arscope.job.Job;
import io.arscope.job.JobContext;
import io.arscope.job.JobOutcome;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.run.OutputFiles;
import io.arscope.run.RunManifest;

/** {@code arscope score}: every invoice open at the as-of day scored, with reasons; Parquet, CSV and a manifest. */
public final class ScoreJob implements Job<ScoreOptions> {

    public static final String SCORES = "scores";
    public static final String MANIFEST = "score-run.json";

    @Override
    public String name() {
        return "score";
    }

    @Override
    public void check(ScoreOptions options) throws InputException {
        EarlierOutput.require(options.input(), "canonical/invoices", "ingest");
        EarlierOutput.require(options.model().toString(), ModelDirectory.METADATA, "train");
    }

    @Override
    public JobOutcome run(JobContext<ScoreOptions> context) throws IOException {
        long n = score(context);
        return JobOutcome.ok(context, String.format("score: %,d open invoices scored", n), List.of());
    }

    /** Scores the invoices open at the as-of date into the context's folder; returns how many. */
    public static long score(JobContext<ScoreOptions> context) throws IOException {
        Instant started = Instant.now();
        ScoreOptions o = context.options();
        ModelDirectory.Loaded loaded = ModelDirectory.load(o.model());
        ReceivablesLedger ledger = ReceivablesLedger.ofIngest(context.spark(), o.input());
        LocalDate day = ledger.dayOrLatest(o.asOf());
        Dataset<Row> scores = RiskScoring.scoreOpen(context.spark(), ledger, loaded, day)
                .orderBy(col("probability_late").desc(), col("invoice_id")).localCheckpoint();
        context.writeTable(scores, SCORES);
        long n = context.rows().get(SCORES);
        RunManifest manifest = new RunManifest("score", started);
        manifest.option("input", o.input());
        manifest.option("model", o.model().toString());
        manifest.option("model_training_data_sha256", loaded.metadata().path("training_data_sha256").asText());
        manifest.option("as_of", day.toString());
        manifest.output(SCORES, n);
        manifest.status("passed");
        OutputFiles.writeText(context.spark(), context.output(MANIFEST), manifest.finish().toJson());
        return n;
    }
}
