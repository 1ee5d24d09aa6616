package io.arscope.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import io.arscope.metrics.AgingBuckets;
import io.arscope.risk.RiskJob;
import io.arscope.run.SparkSessions;
import io.arscope.worklist.DunningStrategy;
import io.arscope.worklist.WorklistBacktest;
import io.arscope.worklist.WorklistConfig;
import io.arscope.worklist.WorklistJob;
import picocli.CommandLine.Command;
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
                + "not-due urgency of 1 ranks by open amount x probability alone (try 0.5 and 4 to favour older "
                + "debt). Default: ${DEFAULT-VALUE}.")
        double maxUrgency;

        WorklistConfig config() throws java.io.IOException {
            WorklistConfig c = new WorklistConfig(capacity, disputeCapacity, notDueUrgency, urgencyDays, maxUrgency,
                    AgingBuckets.parse(agingBuckets), DunningStrategy.DEFAULT);
            return strategy == null ? c : c.withStrategy(DunningStrategy.read(strategy));
        }
    }

    @Command(name = "worklist", mixinStandardHelpOptions = true,
            description = {"Builds the collection worklists for an as-of day: every open invoice scored, put in its "
                    + "collector's collection or dispute queue, ranked by the expected value of acting today (open "
                    + "amount x probability of paying late x urgency), with the next dunning action and the model's "
                    + "reasons; today's list is the first --capacity customers of each collector.",
                    "Writes worklist-invoices/ and worklist-customers/ (Parquet), worklist-customers.csv, "
                            + "by-collector/<collector>.csv, summaries/<collector>.md and worklist-run.json."})
    static final class Build implements Callable<Integer> {
        @Option(names = "--input", required = true, description = "Folder an ingest run wrote.")
        String input;
        @Option(names = "--model", description = "Model directory (arscope train); needed unless --scores is given.")
        Path model;
        @Option(names = "--scores", description = "Folder an arscope score run wrote for the same day: its scores are "
                + "used instead of scoring again.")
        String scores;
        @Option(names = "--output", required = true, description = "Folder for the worklists; replaced on rerun.")
        String output;
        @Option(names = "--as-of", description = "The day. Default: latest date in the data.")
        LocalDate asOf;
        @picocli.CommandLine.Mixin
        Shaping shaping;
        @Option(names = "--master", description = "Spark master URL. Default: spark-submit's, else local[*].")
        String master;
        @Option(names = "--config", description = "YAML file with defaults, in a section 'worklist'.")
        Path config;

        @Override
        public Integer call() {
            if ((model == null) == (scores == null)) {
                System.err.println("arscope worklist: give either --model (score here) or --scores (use a score run)");
                return ExitCode.USAGE;
            }
            if (scores != null && EarlierOutput.missing(scores, RiskJob.SCORES)) {
                System.err.println("arscope worklist: " + scores + " holds no " + RiskJob.SCORES
                        + "; run arscope score first and pass its --output folder here");
                return ExitCode.INPUT;
            }
            long t0 = System.nanoTime();
            try (SparkSessions.Scoped spark = SparkSessions.open("arscope-worklist", master)) {
                WorklistJob.Counts c = scores != null
                        ? WorklistJob.runFromScores(spark.session(), input, scores, asOf, output, shaping.config())
                        : WorklistJob.run(spark.session(), input, model, asOf, output, shaping.config());
                System.out.printf("worklist: %s, %,d open invoices, %,d customer rows, %d collectors in %.1f s; "
                        + "outputs in %s%n", c.asOf(), c.invoices(), c.customers(), c.collectors(),
                        (System.nanoTime() - t0) / 1e9, output);
                return ExitCode.OK;
            } catch (Exception e) {
                return RiskCommands.fail("worklist", e);
            }
        }
    }

    @Command(name = "worklist-backtest", mixinStandardHelpOptions = true,
            description = {"Replays the worklist on past days and compares its top invoices with ranking by open "
                    + "amount and by days past due: cash collected in the horizon, and the money due by its end "
                    + "and still unpaid then that each top K holds (what a collector's call can change). The model must be "
                    + "trained on outcomes known by --from (arscope train --as-of).",
                    "Writes worklist-backtest/ (Parquet), worklist-backtest.csv and worklist-backtest-run.json."})
    static final class Backtest implements Callable<Integer> {
        @Option(names = "--input", required = true, description = "Folder an ingest run wrote.")
        String input;
        @Option(names = "--model", required = true, description = "Model trained with --as-of on or before --from.")
        Path model;
        @Option(names = "--output", required = true, description = "Folder for the results; replaced on rerun.")
        String output;
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
        @picocli.CommandLine.Mixin
        Shaping shaping;
        @Option(names = "--master", description = "Spark master URL. Default: spark-submit's, else local[*].")
        String master;
        @Option(names = "--config", description = "YAML file with defaults, in a section 'worklist-backtest'.")
        Path config;

        @Override
        public Integer call() {
            try (SparkSessions.Scoped spark = SparkSessions.open("arscope-worklist-backtest", master)) {
                List<WorklistBacktest.Outcome> outcomes = WorklistJob.backtest(spark.session(), input, model, from, to,
                        everyDays, horizonDays, topShare, shaping.config(), output);
                for (WorklistBacktest.Outcome o : outcomes) {
                    System.out.printf("%s %-14s pool %,7d top %,6d  cash in %d days %,16.2f  overdue after %,16.2f "
                            + "(%5.1f%% of the pool's)%n", o.asOf(), o.ranking(), o.pool(), o.k(), horizonDays,
                            o.topCollected(), o.topOverdue(), 100 * o.overdueCaptured());
                }
                Map<WorklistBacktest.Ranking, WorklistBacktest.Total> totals = WorklistBacktest.totals(outcomes);
                WorklistBacktest.Total ours = totals.get(WorklistBacktest.Ranking.MODEL);
                for (Map.Entry<WorklistBacktest.Ranking, WorklistBacktest.Total> e : totals.entrySet()) {
                    WorklistBacktest.Total t = e.getValue();
                    System.out.printf("all days, %-14s cash collected %,16.2f  overdue reached %,16.2f (%5.1f%%)  "
                            + "model's lift %s%n", e.getKey(), t.topCollected(), t.topOverdue(),
                            100 * t.overdueCaptured(), t.topOverdue().signum() == 0 ? "n/a (nothing reached)"
                                    : String.format("%.2f", ours.topOverdue().doubleValue()
                                            / t.topOverdue().doubleValue()));
                }
                return ExitCode.OK;
            } catch (Exception e) {
                return RiskCommands.fail("worklist-backtest", e);
            }
        }
    }
}
