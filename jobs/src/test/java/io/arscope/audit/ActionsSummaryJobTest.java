package io.arscope.audit;

import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arscope.job.JobContext;
import io.arscope.job.JobOutcome;
import io.arscope.testing.LedgerBuilder;
import io.arscope.testing.TestSpark;
import io.arscope.worklist.ActionsLog;
import io.arscope.worklist.ActionsLogTables;

/**
 * The job on an ingest folder and a log made by hand, audited as of 2026-04-30. The log: run a (2026-03-02, ana: C1
 * and C2 on the list), run z for the same day logged an hour before a (superseded), run c for 2026-05-10 (after the
 * audit's day). C1 was called by ann on 03-04 and paid 400.00 on 03-10; C2 was not contacted and paid 100.00 on account on
 * 03-20. C1 promised on the call to pay 400.00. March: 2 recommendations, 1 acted on (0.5), 1 promise, 500.00 followed;
 * both windows ended on 04-01.
 */
class ActionsSummaryJobTest {

    @TempDir
    Path dir;

    @Test
    void writesWhatFollowedAndTheMonthAndReconcilesTheLog() throws Exception {
        SparkSession spark = TestSpark.session();
        Path ingest = new LedgerBuilder().customer("C1", "Retail").customer("C2", "Retail")
                .invoice("I1", "C1", "2026-02-01", "2026-03-01", "1000.00", "EUR")
                .invoice("I2", "C2", "2026-02-01", "2026-03-01", "500.00", "EUR")
                .payment("I1", "C1", "2026-03-10", "400.00", "EUR")
                .payment(null, "C2", "2026-03-20", "100.00", "EUR")
                .contact("K1", "C1", "I1", "2026-03-04", "call", "promised")
                .promise("PR1", "C1", "I1", "2026-03-04", "2026-03-10", "400.00")
                .write(spark, dir.resolve("ingest"));
        String log = dir.resolve("log").toString();
        for (String run : List.of("z", "a", "c")) {
            ActionsLog.append(spark, new ActionsLog.Target(log, run), ActionsLogTables.ACTIONS.frame(spark,
                    switch (run) {
                        case "z" -> List.of(ActionsSummaryTest.action("z", "2026-03-02T06:00:00Z", "2026-03-02",
                                "ana", "C9", "EUR", true));
                        case "a" -> List.of(ActionsSummaryTest.action("a", "2026-03-02T07:00:00Z", "2026-03-02",
                                "ana", "C1", "EUR", true), ActionsSummaryTest.action("a", "2026-03-02T07:00:00Z",
                                "2026-03-02", "ana", "C2", "EUR", true));
                        default -> List.of(ActionsSummaryTest.action("c", "2026-05-10T07:00:00Z", "2026-05-10",
                                "ana", "C1", "EUR", true));
                    }));
        }
        Path out = dir.resolve("out");
        ActionsSummaryOptions options = new ActionsSummaryOptions(ingest.toString(), log, d("2026-04-30"),
                out.toString(), FollowUpWindows.DEFAULT);
        ActionsSummaryJob job = new ActionsSummaryJob();
        job.check(options);
        JobOutcome outcome = job.run(JobContext.of(spark, options));

        assertEquals("actions-summary: as of 2026-04-30, 2 recommendations, 1 acted on within 7 days",
                outcome.summary());
        assertEquals(List.of("actions log: 4 rows = 2 counted (the last run of each day up to 2026-04-30) + 1 of "
                + "runs superseded by a later run of their day + 1 of runs after 2026-04-30"), outcome.details());
        assertEquals(List.of(
                "run_id,as_of,model_version,collector,queue,customer_id,customer_name,currency,priority_value,"
                        + "customer_rank,action_code,acted_on,contacts,first_contact_date,first_contact_channel,"
                        + "first_contact_outcome,first_contact_collector,promise_followed,cash_followed,follow_up_ends,"
                        + "follow_up_over",
                "a,2026-03-02,baseline,ana,collect,C1,C1 Ltd,EUR,400.00,1,call,true,1,2026-03-04,call,promised,ann,"
                        + "true,400.00,2026-04-01,true",
                "a,2026-03-02,baseline,ana,collect,C2,C2 Ltd,EUR,400.00,1,call,false,0,,,,,false,100.00,2026-04-01,"
                        + "true"),
                Files.readAllLines(out.resolve("actions-followed.csv"), StandardCharsets.UTF_8));
        assertEquals(List.of("month,collector,currency,recommendations,acted_on,share_acted_on,promised,"
                + "cash_followed,follow_up_open",
                "2026-03-01,,EUR,2,1,0.5,1,500.00,0",
                "2026-03-01,ana,EUR,2,1,0.5,1,500.00,0"),
                Files.readAllLines(out.resolve("actions-summary.csv"), StandardCharsets.UTF_8));
        JsonNode manifest = new ObjectMapper().readTree(out.resolve("actions-summary-run.json").toFile());
        assertEquals("{\"actions-followed\":2,\"actions-summary\":2,\"log_rows\":4,\"counted_rows\":2,"
                + "\"superseded_rows\":1,\"later_rows\":1}", manifest.path("outputs").toString());
        assertEquals(7, manifest.path("options").path("acted_within_days").asInt());
        assertEquals(4L, outcome.inputs().get(log));
    }
}
