package io.arscope.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import io.arscope.job.UsageException;
import io.arscope.ledger.AgingBuckets;
import io.arscope.worklist.ActionsLog;
import io.arscope.worklist.BacktestOptions;
import io.arscope.worklist.CollectorNames;
import io.arscope.worklist.DraftTemplates;
import io.arscope.worklist.DunningStrategy;
import io.arscope.worklist.WorklistBacktestJob;
import io.arscope.worklist.WorklistConfig;
import io.arscope.worklist.WorklistJob;
import io.arscope.worklist.WorklistOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code arscope worklist} and {@code arscope worklist-backtest}: ranked collection queues and their proof. */
final class WorklistCommands {

    private WorklistCommands() {
    }

    /** Options both commands share: how the worklist is built. */
    static final class Shaping {
        @Option(names = "--capacity", defaultValue = "25", description = "Customers a collector can work in a day. "
                + "Default: ${DEFAULT-VALUE}.")
        int capacity;
        @Option(names = "--dispute-capacity", defaultValue = "10", description = "Disputes a collector can work in a "
                + "day. Default: ${DEFAULT-VALUE}.")
        int disputeCapacity;
        @Option(names = "--strategy", description = "YAML or JSON dunning strategy (see notebooks-docs/worklists.md). "
                + "Default: the built-in strategy.")
        Path strategy;
        @Option(names = "--aging-buckets", defaultValue = "30,60,90", description = "Upper bounds of the aging "
                + "buckets in days past due. Default: ${DEFAULT-VALUE}.")
        String agingBuckets;
        @Option(names = "--not-due-urgency", defaultValue = "1", description = "Urgency of an invoice not yet due. "
                + "Default: ${DEFAULT-VALUE}.")
        double notDueUrgency;
        @Option(names = "--urgency-days", defaultValue = "30", description = "Days past due that add one to the "
                + "urgency. Default: ${DEFAULT-VALUE}.")
        int urgencyDays;
        @Option(names = "--max-urgency", defaultValue = "1", description = "Cap on the urgency; the default 1 with a "
                + "not-due urgency of 1 ranks by open amount x chance of being unpaid at the horizon alone (try 0.5 "
                + "and 4 to favour older debt). Default: ${DEFAULT-VALUE}.")
        double maxUrgency;
        @Option(names = "--priority-horizon-days", defaultValue = "30", description = "Priority weighs each invoice "
                + "by the chance it is overdue and still unpaid this many days from the as-of day (0: by the "
                + "probability of paying late alone). Default: ${DEFAULT-VALUE}.")
        int horizonDays;
        @Option(names = "--cool-off-days", defaultValue = "3", description = "Days after a contact before the "
                + "customer is put on today's list again (0: none); a promise broken or an instalment missed since "
                + "the contact overrides it. Default: ${DEFAULT-VALUE}.")
        int coolOffDays;

        WorklistConfig config() {
            WorklistConfig c = new WorklistConfig(capacity, disputeCapacity, notDueUrgency, urgencyDays, maxUrgency,
                    AgingBuckets.parse(agingBuckets), DunningStrategy.DEFAULT, coolOffDays, horizonDays);
            return strategy == null ? c : c.withStrategy(DunningStrategy.read(strategy));
        }
    }

    /** Options of the reminder drafts the worklist writes. */
    static final class Drafting {
        @Option(names = "--draft-templates", description = "Folder of reminder templates, <language>/<step code>.txt "
                + "(see notebooks-docs/worklists.md); each replaces the shipped one of its step. Default: the "
                + "shipped templates.")
        Path templates;
        @Option(names = "--draft-language", defaultValue = "en", description = "Language of the reminder drafts: en "
                + "or fr. Default: ${DEFAULT-VALUE}.")
        String language;
        @Option(names = "--collectors", converter = SharedOptions.AbsolutePath.class, description = "CSV file of "
                + "the collectors who sign the drafts: columns collector (the id the data names), name, and "
                + "optionally email and phone (see notebooks-docs/worklists.md). Default: drafts are signed with the "
                + "collector's id.")
        Path collectors;

        DraftTemplates templates() throws UsageException {
            return DraftTemplates.read(templates, language).signedBy(collectors == null ? CollectorNames.NONE
                    : CollectorNames.read(collectors));
        }
    }

    @Command(name = "worklist", mixinStandardHelpOptions = true,
            description = {"Builds the collection worklists for an as-of day: every open invoice scored, put in its "
                    + "collector's collection or dispute queue, ranked by the expected value of acting today (open "
                    + "amount x chance of being overdue and unpaid at the priority horizon x urgency), with the next "
                    + "dunning action and the model's reasons; today's list is the first --capacity customers of each "
                    + "collector. Scoring with --model, it applies the model gate as arscope score does: a model that "
                    + "does not beat the baseline (the customer's own past late share) on its validation window by "
                    + "--gate-margin is refused, the lists rank by the baseline, and the command ends with exit 7 "
                    + "(published with warnings).",
                    "Writes worklist-invoices/ and worklist-customers/ (Parquet), worklist-customers.csv, "
                            + "by-collector/<collector>.csv, summaries/<collector>.md, pages/<collector>.html (to "
                            + "open offline), pages/team.html with worklist-team/, worklist-rebalancing/ and "
                            + "worklist-idle-credit/ (Parquet and CSV: the lead's roll-up, suggested moves and the "
                            + "credit of customers with nothing open), worklist.xlsx (a sheet per collector), "
                            + "drafts/<collector>/<customer>.eml (a reminder per customer on today's list whose "
                            + "step is an email or letter, to complete and send; arscope sends no mail) and "
                            + "worklist-run.json; with --actions-log, appends the run's recommendations to that log."},
            footer = {"", Arscope.EXIT_CODES})
    static final class Build implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        SharedOptions.IngestOutput input;
        @Option(names = "--model", converter = SharedOptions.AbsolutePath.class,
                description = "Model directory (arscope train); needed unless --scores is given.")
        Path model;
        @Option(names = "--scores", converter = SharedOptions.AbsoluteLocation.class,
                description = "Folder an arscope score run wrote for the same day: its scores are "
                + "used instead of scoring again.")
        String scores;
        @Option(names = "--alerts", converter = SharedOptions.AbsoluteLocation.class,
                description = "Folder an arscope alerts run of the same day wrote: its alerts "
                + "are shown on the team page (optional).")
        String alerts;
        @Mixin
        SharedOptions.Output output;
        @Mixin
        SharedOptions.AsOf asOf;
        @Option(names = "--actions-log", converter = SharedOptions.AbsoluteLocation.class,
                description = "Folder of the append-only actions log: the run adds its "
                + "recommendations as run_id=<id>/ (see notebooks-docs/actions-log.md). Default: no log.")
        String actionsLog;
        @Option(names = "--run-id", description = "The run's id in the actions log; a run id already there is left "
                + "as it is when the run recommends the same, and refused otherwise. Default: the start time, such as "
                + "20261201T160827.123Z.")
        String runId;
        @Mixin
        Shaping shaping;
        // The score command's --gate-margin, with its default: the two refuse the same models.
        @Mixin
        RiskCommands.Score.Settings gate;
        @Mixin
        Drafting drafting;
        @Mixin
        SharedOptions.Currency currency;
        @Mixin
        SharedOptions.Spark spark;
        @Mixin
        SharedOptions.Config config;

        @Override
        public Integer call() {
            Instant started = Instant.now();
            return JobRunner.of(spec).run(new WorklistJob(), () -> new WorklistOptions(input.input, model, scores,
                    asOf.asOf, output.output, shaping.config(), currency.reportingCurrency, drafting.templates(),
                    gate.gateMargin, actionsLog(started), alerts), spark.master);
        }

        private ActionsLog.Target actionsLog(Instant started) throws UsageException {
            if (actionsLog == null) {
                if (runId != null) {
                    throw new UsageException("--run-id names a run in the actions log: give --actions-log too");
                }
                return null;
            }
            return runId == null ? ActionsLog.Target.startingAt(actionsLog, started)
                    : new ActionsLog.Target(actionsLog, runId);
        }
    }

    @Command(name = "worklist-backtest", mixinStandardHelpOptions = true,
            description = {"Replays the worklist on past days and compares its top invoices with ranking by open "
                    + "amount and by days past due: cash collected in the horizon, and the money due by its end "
                    + "and still unpaid then that each top K holds (what a collector's call can change). The model must be "
                    + "trained on outcomes known by --from (arscope train --as-of).",
                    "Writes worklist-backtest/ (Parquet), worklist-backtest.csv and worklist-backtest-run.json."},
            footer = {"", Arscope.EXIT_CODES})
    static final class Backtest implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        SharedOptions.IngestOutput input;
        @Option(names = "--model", converter = SharedOptions.AbsolutePath.class,
                required = true, description = "Model trained with --as-of on or before --from.")
        Path model;
        @Mixin
        SharedOptions.Output output;
        @Option(names = "--from", required = true, description = "First day replayed.")
        LocalDate from;
        @Option(names = "--to", required = true, description = "Last day replayed (plus the horizon must be in the "
                + "data).")
        LocalDate to;
        @Option(names = "--every-days", defaultValue = "30", description = "Days between replayed days. Default: "
                + "${DEFAULT-VALUE}.")
        int everyDays;
        @Option(names = "--horizon-days", defaultValue = "30", description = "Days of outcome after each day. "
                + "Default: ${DEFAULT-VALUE}.")
        int horizonDays;
        @Option(names = "--top-share", defaultValue = "0.1", description = "K as a share of the open, undisputed "
                + "invoices. Default: ${DEFAULT-VALUE}.")
        double topShare;
        @Mixin
        Shaping shaping;
        @Mixin
        SharedOptions.Currency currency;
        @Mixin
        SharedOptions.Spark spark;
        @Mixin
        SharedOptions.Config config;

        @Override
        public Integer call() {
            return JobRunner.of(spec).run(new WorklistBacktestJob(), () -> new BacktestOptions(input.input, model, from,
                    to, everyDays, horizonDays, topShare, shaping.config(), output.output,
                    currency.reportingCurrency), spark.master);
        }
    }
}
