package io.arscope.cli;

import java.util.concurrent.Callable;

import io.arscope.audit.ActionsSummaryJob;
import io.arscope.audit.ActionsSummaryOptions;
import io.arscope.audit.FollowUpWindows;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code arscope actions-summary}: what the worklist recommended against what collectors did, and what followed. */
@Command(name = "actions-summary", mixinStandardHelpOptions = true,
        description = {"Reads the worklist's actions log and the canonical contacts and payments: for each "
                + "recommendation (a customer on a collector's list that day) whether the customer was contacted "
                + "within --acted-within-days and the cash it paid within --cash-within-days; and per month and "
                + "collector, recommendations made, acted on, the share acted on and the cash that followed. Of "
                + "several runs for the same day, the last logged counts.",
                "",
                "Outputs under --output (Parquet, and CSV beside each): actions-followed, actions-summary; "
                        + "actions-summary-run.json."},
        footer = {"", Arscope.EXIT_CODES})
final class ActionsSummaryCommand implements Callable<Integer> {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    SharedOptions.IngestOutput input;
    @Option(names = "--actions-log", required = true, converter = SharedOptions.AbsoluteLocation.class,
            description = "The actions log: the folder given to arscope worklist --actions-log, or <root>/actions-log "
                    + "of arscope run.")
    String actionsLog;
    @Mixin
    SharedOptions.Output output;
    @Mixin
    SharedOptions.AsOf asOf;
    @Option(names = "--acted-within-days", defaultValue = "7", description = "A contact dated from the "
            + "recommendation's day to this many days later acts on it. Default: ${DEFAULT-VALUE}.")
    int actedWithinDays;
    @Option(names = "--cash-within-days", defaultValue = "30", description = "Payments dated from the day after the "
            + "recommendation's to this many days later followed it. Default: ${DEFAULT-VALUE}.")
    int cashWithinDays;
    @Mixin
    SharedOptions.Spark spark;
    @Mixin
    SharedOptions.Config config;

    @Override
    public Integer call() {
        return JobRunner.of(spec).run(new ActionsSummaryJob(), () -> new ActionsSummaryOptions(input.input,
                actionsLog, asOf.asOf, output.output, new FollowUpWindows(actedWithinDays, cashWithinDays)),
                spark.master);
    }
}
