package io.arscope.risk;

import static org.apache.spark.sql.functions.col;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.arscope.job.EarlierOutput;
import io.arscope.job.InputException;
import io.arscope.job.Job;
import io.arscope.job.JobContext;
import io.arscope.job.JobOutcome;
import io.arscope.job.SummaryFigure;
import io.arscope.activity.CollectionActivity;
import io.arscope.ledger.ExchangeRates;
import io.arscope.activity.CollectionActivity;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.activity.CollectionActivity;
import io.arscope.ledger.ReportingCurrency;

/** {@code arscope evaluate}: a model on invoices whose outcome is known, beside the baseline; writes nothing. */
public final class EvaluateJob implements Job<EvaluateOptions> {

    @Override
    public String name() {
        return "evaluate";
    }

    @Override
    public void check(EvaluateOptions options) throws InputException {
        EarlierOutput.requireIngest(options.input());
        EarlierOutput.require(options.model().toString(), ModelDirectory.METADATA, "train");
    }

    @Override
    public JobOutcome run(JobContext<EvaluateOptions> context) throws IOException, InputException {
        Evaluated e = evaluate(context);
        List<String> details = new ArrayList<>(List.of(summary("model", e.model()),
                summary("baseline", e.baseline())));
        for (Evaluation.Decile d : e.model().calibration()) {
            details.add(String.format("  decile %2d: %,7d invoices, predicted %.3f, observed %.3f", d.decile(),
                    d.rows(), d.meanPredicted(), d.observedLate()));
        }
        String window = context.options().from() == null ? " (the start of the model's test window)" : "";
        return JobOutcome.ok(context, String.format("evaluate: %,d invoices issued from %s%s with a known outcome by "
                + "%s", e.model().rows(), e.from(), window, e.labelsAsOf()), details);
    }

    /** One line of an evaluation's figures. */
    static String summary(String what, Evaluation e) {
        // A window whose invoices were all late, or all on time, ranks nothing: AUC and capture have no value.
        String oneClass = e.lateShare() == 0 ? "no late invoice" : "no invoice on time";
        return String.format("%-28s invoices %,7d  late %5.1f%%  ROC AUC %s  PR AUC %s  Brier %.4f  ECE %s  "
                + "late amount in top 10%% %s, top 20%% %s", what, e.rows(), 100 * e.lateShare(),
                SummaryFigure.of(e.rocAuc(), "%.3f", oneClass), SummaryFigure.of(e.prAuc(), "%.3f", "no late invoice"),
                e.brier(), SummaryFigure.of(e.ece(), "%.4f", "not recorded"), SummaryFigure.percent(e.captureTop10(), "%5.1f%%", "no late amount"),
                SummaryFigure.percent(e.captureTop20(), "%5.1f%%", "no late amount"));
    }

    /**
     * The model's and the baseline's evaluations on the invoices issued from {@code from} whose outcome is known on
     * {@code labelsAsOf}.
     */
    public record Evaluated(Evaluation model, Evaluation baseline, LocalDate from, LocalDate labelsAsOf) {
    }

    /** The model on invoices issued from the chosen day whose outcome is known at the as-of date, and the baseline. */
    public static Evaluated evaluate(JobContext<EvaluateOptions> context) throws IOException, InputException {
        EvaluateOptions o = context.options();
        ModelDirectory.Loaded loaded = ModelDirectory.load(o.model());
        ReceivablesLedger stored = ReceivablesLedger.ofIngest(context.spark(), o.input());
        LocalDate labelsAsOf = stored.dayOrLatest(o.asOf());
        // Read as train reads it, so that the features are those the model learnt from.
        ReceivablesLedger ledger = ReportingCurrency.valuedOn(stored.asOf(labelsAsOf), labelsAsOf,
                ExchangeRates.ofIngest(context.spark(), o.input()), o.reportingCurrency(),
                why -> new InputException(o.input() + ": " + why));
        LocalDate start = o.from() != null ? o.from()
                : LocalDate.parse(loaded.metadata().test().from());
        LabelledInvoices rows = LabelledInvoices.collect(RiskFeatures.atIssue(ledger,
                CollectionActivity.ofIngest(context.spark(), o.input()), labelsAsOf,
                loaded.model().config().graceDays()).filter(col("invoice_date").geq(start)));
        if (rows.size() == 0) {
            throw new IllegalArgumentException("no invoice issued from " + start + " has a known outcome by "
                    + labelsAsOf);
        }
        ModelDirectory.checkFeatures(loaded.metadata(), rows.features().subList(0, Math.min(1000, rows.size())));
        double fallback = loaded.metadata().train().lateShare();
        return new Evaluated(Evaluation.of(loaded.model().probabilities(rows.features()), rows.late(),
                rows.amounts()), Evaluation.of(rows.baseline(fallback), rows.late(), rows.amounts()), start, labelsAsOf);
    }
}
