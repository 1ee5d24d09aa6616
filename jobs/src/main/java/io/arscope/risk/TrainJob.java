package io.arscope.risk;

import java.io.IOException;
import java.nio.file.Path;
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
import io.arscope.ledger.LedgerRows;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.ledger.ReportingCurrency;

/** {@code arscope train}: the late-payment model trained on an ingest run's output, written as a model directory. */
public final class TrainJob implements Job<TrainOptions> {

    @Override
    public String name() {
        return "train";
    }

    @Override
    public void check(TrainOptions options) throws InputException {
        EarlierOutput.requireIngest(options.input());
    }

    @Override
    public JobOutcome run(JobContext<TrainOptions> context) throws IOException, InputException {
        Trained both = trainBoth(context);
        RiskTrainer.Result r = both.invoices();
        List<String> details = new ArrayList<>();
        details.add(String.format("train: %,d invoices (%s to %s), validation %,d, test %,d (%s to %s)",
                r.train().size(), r.train().dates().get(0), r.train().dates().get(r.train().size() - 1),
                r.validation().size(), r.testSet().size(), r.testSet().dates().get(0),
                r.testSet().dates().get(r.testSet().size() - 1)));
        details.addAll(ComparisonTable.lines(r));
        details.addAll(List.of(EvaluateJob.summary("validation, model", r.validationModel()),
                EvaluateJob.summary("validation, baseline", r.validationBaseline()),
                EvaluateJob.summary("test, model", r.test()),
                EvaluateJob.summary("test, baseline", r.baseline()),
                String.format("days late: mean absolute error %.1f days on settled test invoices",
                        r.testDaysLateMae()),
                customerLine(both.customers())));
        return JobOutcome.ok(context, String.format("train: %s on %,d invoices; test late amount in top 20%% %s "
                + "(baseline %s), ROC AUC %s (baseline %s); model in %s", r.chosen(), r.train().size(),
                SummaryFigure.percent(r.test().captureTop20(), "%.1f%%", "no late amount"),
                SummaryFigure.percent(r.baseline().captureTop20(), "%.1f%%", "no late amount"),
                SummaryFigure.of(r.test().rocAuc(), "%.3f", "one class only"),
                SummaryFigure.of(r.baseline().rocAuc(), "%.3f", "one class only"), context.options().model()),
                details);
    }

    /** What training made: the late-payment model, and the customer model or why there is none. */
    public record Trained(RiskTrainer.Result invoices, CustomerRiskModel.Training customers) {
    }

    /** The customer model's line: its test ROC AUC beside the baselines', or why it was not trained. */
    static String customerLine(CustomerRiskModel.Training t) {
        if (t.model() == null) {
            return "customer model: not trained, " + t.refusal() + "; score will write no customer_scores";
        }
        CustomerRiskModel.Metadata m = t.metadata();
        return String.format("customer model (>%d days past due within %d days): %,d customer month-ends (%s to %s), "
                + "test %,d (%s to %s, %s bad): ROC AUC %s, baselines max days past due %s, past late share %s",
                m.pastDueDays(), m.horizonDays(), m.train().customers(), m.train().from(), m.train().to(),
                m.test().customers(), m.test().from(), m.test().to(),
                SummaryFigure.percent(m.test().badShare(), "%.1f%%", "none"),
                SummaryFigure.of(m.testRocAuc(), "%.3f", "one class only"),
                SummaryFigure.of(m.baselineMaxDaysPastDueRocAuc(), "%.3f", "one class only"),
                SummaryFigure.of(m.baselineLateShareRocAuc(), "%.3f", "one class only"));
    }

    /** Trains on the ingest run's output and writes the model directory into the context's folder. */
    public static RiskTrainer.Result train(JobContext<TrainOptions> context) throws IOException, InputException {
        return trainBoth(context).invoices();
    }

    /**
     * Trains the late-payment model and the customer model ({@link CustomerRiskModel}) on the ingest run's output
     * and writes both into the model directory in the context's folder; the customer model only when there are
     * enough closed month-ends to train and test it.
     */
    public static Trained trainBoth(JobContext<TrainOptions> context) throws IOException, InputException {
        TrainOptions o = context.options();
        ReceivablesLedger stored = ReceivablesLedger.ofIngest(context.spark(), o.input());
        LocalDate labelsAsOf = stored.dayOrLatest(o.asOf());
        // Amounts at the labels' day's rate, as score reads them on its day: the same features in both.
        ReceivablesLedger ledger = ReportingCurrency.valuedOn(stored.asOf(labelsAsOf), labelsAsOf,
                ExchangeRates.ofIngest(context.spark(), o.input()), o.reportingCurrency(),
                why -> new InputException(o.input() + ": " + why));
        CollectionActivity activity = CollectionActivity.ofIngest(context.spark(), o.input());
        // Read by the invoice model's features and the customer model's observations alike.
        CustomerHistory history = CustomerHistory.of(ledger, activity, labelsAsOf);
        LabelledInvoices all = LabelledInvoices.collect(RiskFeatures.atIssue(history, o.config().graceDays()));
        RiskTrainer.Result result = RiskTrainer.train(all, o.config());
        ModelDirectory.save(Path.of(context.output()), result, labelsAsOf, o.input(), ScoreReference.of(
                context.spark(), result, RiskFeatures.openOn(history, o.config().graceDays()).localCheckpoint(),
                labelsAsOf));
        context.recordInputs(LedgerRows.of(o.input(), stored, LedgerRows.RATES_AND_ACTIVITY));
        // The model has no table; its rows are the invoices it learned from, was chosen on and was tested on.
        context.recordRows("train_invoices", result.train().size());
        context.recordRows("validation_invoices", result.validation().size());
        context.recordRows("test_invoices", result.testSet().size());
        CustomerRiskModel.Observations observed = CustomerRiskModel.Observations.closed(ledger, history,
                o.config().graceDays());
        CustomerRiskModel.Training customers = CustomerRiskModel.train(observed, labelsAsOf, o.config());
        if (customers.model() != null) {
            CustomerRiskModel.save(Path.of(context.output()), customers);
            context.recordRows("customer_train_observations", customers.metadata().train().customers());
            context.recordRows("customer_test_observations", customers.metadata().test().customers());
        } else {
            CustomerRiskModel.saveRefusal(Path.of(context.output()), customers.refusal());
        }
        return new Trained(result, customers);
    }
}
