package io.arscope.risk;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.job.EarlierOutput;
import io.arscope.job.InputException;
import io.arscope.job.Job;
import io.arscope.job.JobContext;
import io.arscope.job.JobOutcome;
import io.arscope.activity.CollectionActivity;
import io.arscope.ledger.ExchangeRates;
import io.arscope.ledger.LedgerRows;
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
        Scored s = score(context);
        String customers = s.customers() == null ? "no customer model in " + context.options().model()
                + " (" + s.customersAbsent() + "): customer scores absent"
                : String.format("%,d customers scored, %,d high risk", s.customers(), s.highCustomers());
        JobOutcome outcome = JobOutcome.ok(context, String.format("score: %,d open invoices scored by the %s, "
                + "%,d high risk; %s", s.rows(), s.gate().passed() ? "model" : "baseline", s.high(), customers),
                s.gate().fellBehindOnTest() ? List.of(s.gate().decision(), "on its later test window the baseline "
                        + "ranked better: " + s.gate().testFigures()) : List.of(s.gate().decision()));
        return s.gate().passed() ? outcome
                : outcome.withWarnings(List.of(s.gate().decision())).withStatus(JobOutcome.Status.WARNINGS);
    }

    /**
     * What scoring wrote: invoice rows, of which high risk, the model gate's decision, and customer rows and of which
     * high risk (both null when the model directory has no customer model).
     */
    public record Scored(long rows, long high, ModelGate gate, Long customers, Long highCustomers,
            String customersAbsent) {
    }

    /**
     * Scores the invoices open at the as-of date into the context's folder: with the model when it passes its gate
     * ({@link ModelGate}), else with the baseline ({@link BaselineScores}).
     */
    public static Scored score(JobContext<ScoreOptions> context) throws IOException, InputException {
        Instant started = Instant.now();
        ScoreOptions o = context.options();
        // Both models come from one directory, and the manifest names it, even if a link to it is repointed.
        Path model = ModelDirectory.followed(o.model());
        ModelDirectory.Loaded loaded = ModelDirectory.load(model);
        ReceivablesLedger all = ReceivablesLedger.ofIngest(context.spark(), o.input());
        LocalDate day = all.dayOrLatest(o.asOf());
        ReceivablesLedger cut = all.asOf(day);
        // Amounts open on the day, at the day's rate.
        ReportingCurrency reporting = ReportingCurrency.choose(cut, ExchangeRates.ofIngest(context.spark(),
                o.input()), o.reportingCurrency()).orElseThrow(why -> new InputException(o.input() + ": " + why));
        ReceivablesLedger ledger = reporting.valuedAt(cut, day);
        ModelMetadata meta = loaded.metadata();
        CollectionActivity activity = CollectionActivity.ofIngest(context.spark(), o.input());
        // Read by the invoice scores and the customer scores alike.
        CustomerHistory history = CustomerHistory.of(ledger, activity, day);
        GatedScores gated = GatedScores.open(context.spark(), history, loaded, reporting.code(), o.gateMargin());
        ModelGate gate = gated.gate();
        Dataset<Row> scores = gated.scores().orderBy(ScoreTables.PROBABILITY_LATE.col().desc(),
                ScoreTables.INVOICE_ID.col())
                .localCheckpoint();
        context.writeTable(ScoreTables.SCORES, scores);
        long n = context.rows().get(ScoreTables.SCORES.name());
        long high = scores.filter(ScoreTables.RISK_BAND.col().equalTo("high")).count();
        // A model directory trained before customer scores scores invoices all the same, and says so.
        Optional<CustomerRiskModel.Loaded> customerModel = CustomerRiskModel.load(model);
        Long customers = null;
        Long highCustomers = null;
        String customersAbsent = null;
        if (customerModel.isEmpty()) {
            customersAbsent = CustomerRiskModel.absence(model);
        } else {
            Dataset<Row> customerScores = CustomerScores.of(context.spark(), ledger, history,
                    customerModel.get().model(), reporting.code(), meta.config().graceDays()).localCheckpoint();
            context.writeTable(ScoreTables.CUSTOMER_SCORES, customerScores);
            customers = context.rows().get(ScoreTables.CUSTOMER_SCORES.name());
            highCustomers = customerScores.filter(ScoreTables.RISK_BAND.col().equalTo("high")).count();
        }
        ScoreTables.RunOptions recorded = new ScoreTables.RunOptions(o.input(), model.toString(),
                meta.trainingDataSha256(), day.toString(), o.gateMargin());
        JobOutcome.Status status = gate.passed() ? JobOutcome.Status.OK : JobOutcome.Status.WARNINGS;
        RunManifest<?, ?, ?> manifest = RunManifest.finished("score", started, recorded,
                context.recordInputs(LedgerRows.of(o.input(), ledger, LedgerRows.RATES_AND_ACTIVITY)), new ScoreTables.RunOutputs(n, gate.passed()
                        ? ScoreTables.MODEL_RANKING : ScoreTables.BASELINE_RANKING, gate, customers, customersAbsent),
                status.word(), status.exitCode(), null);
        OutputFiles.writeText(context.spark(), context.output(ScoreTables.MANIFEST), manifest.toJson());
        return new Scored(n, high, gate, customers, highCustomers, customersAbsent);
    }
}
