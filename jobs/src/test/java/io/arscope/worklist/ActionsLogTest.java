package io.arscope.worklist;

import static io.arscope.testing.LedgerBuilder.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.OutputTable;
import io.arscope.testing.FolderSnapshot;
import io.arscope.testing.ParquetRows;
import io.arscope.risk.ScoreTables;
import io.arscope.testing.TestSpark;

/**
 * The actions log: two runs appended each add their own folder and leave the other byte for byte; a run id given
 * again with the same recommendations is left as it was, with others refused; the model version says baseline when
 * the score run fell back on it.
 */
class ActionsLogTest {

    /** The worklist-customers columns the log keeps: a worklist's other columns are not its business. */
    static final OutputTable LOGGED_COLUMNS = OutputTable.of("worklist-customers (logged columns)",
            WorklistTables.AS_OF, WorklistTables.COLLECTOR, WorklistTables.QUEUE, WorklistTables.CUSTOMER_RANK,
            WorklistTables.IN_TODAY, WorklistTables.CUSTOMER_ID, WorklistTables.CUSTOMER_NAME, WorklistTables.CURRENCY,
            WorklistTables.OPEN_AMOUNT, WorklistTables.OVERDUE_AMOUNT, WorklistTables.PRIORITY_VALUE,
            WorklistTables.ACTION_CODE, WorklistTables.NEXT_ACTION, WorklistTables.REASON_1, WorklistTables.REASON_2,
            WorklistTables.REASON_3);

    @TempDir
    Path dir;

    static Row customer(LocalDate asOf, String collector, String queue, int rank, boolean today, String id,
            String name, String open, String priority, String action, String reason) {
        return LOGGED_COLUMNS.row().set(WorklistTables.AS_OF, asOf).set(WorklistTables.COLLECTOR, collector)
                .set(WorklistTables.QUEUE, queue).set(WorklistTables.CUSTOMER_RANK, rank)
                .set(WorklistTables.IN_TODAY, today).set(WorklistTables.CUSTOMER_ID, id)
                .set(WorklistTables.CUSTOMER_NAME, name).set(WorklistTables.CURRENCY, "EUR")
                .set(WorklistTables.OPEN_AMOUNT, new BigDecimal(open)).set(WorklistTables.OVERDUE_AMOUNT,
                        new BigDecimal(open))
                .set(WorklistTables.PRIORITY_VALUE, new BigDecimal(priority)).set(WorklistTables.ACTION_CODE, action)
                .set(WorklistTables.NEXT_ACTION, action.replace('_', ' ')).set(WorklistTables.REASON_1, reason)
                .set(WorklistTables.REASON_2, null).set(WorklistTables.REASON_3, null).build();
    }

    private static Dataset<Row> customers(Row... rows) {
        return LOGGED_COLUMNS.frame(TestSpark.session(), List.of(rows));
    }

    /** March 2: ana's list holds C1 (called) and C2 (=1+1, a name like a formula); C3 is not today's. */
    static Dataset<Row> march2() {
        return customers(
                customer(d("2026-03-02"), "ana", Worklist.COLLECT, 1, true, "C1", "Acme", "1000.00", "800.00",
                        "call", "paid late before"),
                customer(d("2026-03-02"), "ana", Worklist.COLLECT, 2, true, "C2", "=1+1", "500.00", "400.00",
                        "final_notice", null),
                customer(d("2026-03-02"), "ana", Worklist.COLLECT, 3, false, "C3", "Zeta", "100.00", "10.00",
                        "polite_reminder", null));
    }

    private static Dataset<Row> march3() {
        return customers(customer(d("2026-03-03"), "ana", Worklist.COLLECT, 1, true, "C1", "Acme", "1000.00",
                "800.00", "call", "paid late before"));
    }

    private ActionsLog.Appended append(String runId, Dataset<Row> customers, String loggedAt) throws Exception {
        return ActionsLog.append(TestSpark.session(), new ActionsLog.Target(dir.resolve("log").toString(), runId),
                ActionsLog.rows(customers, runId, Instant.parse(loggedAt), "abc123"));
    }

    @Test
    void eachRunAddsItsOwnFolderAndLeavesTheOthersByteForByte() throws Exception {
        Path log = dir.resolve("log");
        ActionsLog.Appended first = append("r1", march2(), "2026-03-02T07:00:00Z");
        assertEquals(new ActionsLog.Appended("r1", log.resolve("run_id=r1").toString(), 3, false), first);
        Map<String, byte[]> r1 = FolderSnapshot.of(log.resolve("run_id=r1"));

        ActionsLog.Appended second = append("r2", march3(), "2026-03-03T07:00:00Z");
        assertEquals(1, second.rows());
        FolderSnapshot.assertSame(r1, FolderSnapshot.of(log.resolve("run_id=r1")));
        try (Stream<Path> children = Files.list(log)) {
            // Nothing is left of the folders built under hidden names.
            assertEquals(List.of("run_id=r1", "run_id=r2"), children.map(p -> p.getFileName().toString()).sorted()
                    .toList());
        }
        assertEquals(List.of(
                "r1 2026-03-02T07:00:00Z 2026-03-02 abc123 ana collect C1 Acme EUR 1000.00 1000.00 800.00 1 true call "
                        + "call paid late before null null",
                "r1 2026-03-02T07:00:00Z 2026-03-02 abc123 ana collect C2 =1+1 EUR 500.00 500.00 400.00 2 true "
                        + "final_notice final notice null null null",
                "r1 2026-03-02T07:00:00Z 2026-03-02 abc123 ana collect C3 Zeta EUR 100.00 100.00 10.00 3 false "
                        + "polite_reminder polite reminder null null null",
                "r2 2026-03-03T07:00:00Z 2026-03-03 abc123 ana collect C1 Acme EUR 1000.00 1000.00 800.00 1 true call "
                        + "call paid late before null null"),
                ActionsLogTables.read(TestSpark.session(), log.toString()).orderBy("run_id", "customer_id")
                        .collectAsList().stream().map(r -> r.mkString(" ")).toList());
        assertEquals(List.of("run_id,logged_at,as_of,model_version,collector,queue,customer_id,customer_name,"
                + "currency,open_amount,overdue_amount,priority_value,customer_rank,in_today,action_code,next_action,"
                + "reason_1,reason_2,reason_3",
                "r1,2026-03-02T07:00:00.000Z,2026-03-02,abc123,ana,collect,C1,Acme,EUR,1000.00,1000.00,800.00,1,true,"
                        + "call,call,paid late before,,",
                "r1,2026-03-02T07:00:00.000Z,2026-03-02,abc123,ana,collect,C2,\"'=1+1\",EUR,500.00,500.00,400.00,2,"
                        + "true,final_notice,final notice,,,",
                "r1,2026-03-02T07:00:00.000Z,2026-03-02,abc123,ana,collect,C3,Zeta,EUR,100.00,100.00,10.00,3,false,"
                        + "polite_reminder,polite reminder,,,"),
                Files.readAllLines(log.resolve("run_id=r1/actions.csv"), StandardCharsets.UTF_8));
        // Typed as declared: dates DATE, money DECIMAL(28,2), the time a TIMESTAMP.
        assertEquals("struct<run_id:string,logged_at:timestamp,as_of:date,model_version:string,collector:string,"
                + "queue:string,customer_id:string,customer_name:string,currency:string,open_amount:decimal(28,2),"
                + "overdue_amount:decimal(28,2),priority_value:decimal(28,2),customer_rank:int,in_today:boolean,"
                + "action_code:string,next_action:string,reason_1:string,reason_2:string,reason_3:string>",
                TestSpark.session().read().parquet(log.resolve("run_id=r1/actions").toString()).schema()
                        .simpleString());
    }

    @Test
    void aRunIdGivenAgainWithTheSameRowsIsLeftAsItWasAndWithOtherRowsRefused() throws Exception {
        Path r1 = dir.resolve("log/run_id=r1");
        append("r1", march2(), "2026-03-02T07:00:00Z");
        Map<String, byte[]> before = FolderSnapshot.of(r1);

        // A resumed run repeats its worklist an hour later: the same recommendations, the first time kept.
        ActionsLog.Appended again = append("r1", march2(), "2026-03-02T08:00:00Z");
        assertEquals(new ActionsLog.Appended("r1", r1.toString(), 3, true), again);
        FolderSnapshot.assertSame(before, FolderSnapshot.of(r1));
        assertEquals(List.of("2026-03-02T07:00:00Z"), ParquetRows.of(r1.resolve("actions"), "customer_id",
                "logged_at").stream().distinct().toList());

        IllegalArgumentException other = assertThrows(IllegalArgumentException.class,
                () -> append("r1", march3(), "2026-03-03T07:00:00Z"));
        assertEquals("run r1 is in the actions log " + dir.resolve("log") + " already with other recommendations; "
                + "the log is never rewritten: give this run another id", other.getMessage());
        FolderSnapshot.assertSame(before, FolderSnapshot.of(r1));
        try (Stream<Path> children = Files.list(dir.resolve("log"))) {
            assertEquals(1, children.count());
        }
    }

    @Test
    void aRunIdThatCannotNameAFolderIsRefused() {
        for (String id : new String[] {"../r1", "a/b", ".hidden", "-x", "", "a b", "x:y"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new ActionsLog.Target("log", id), id);
            assertTrue(e.getMessage().startsWith("run id '" + id + "' cannot name a folder"), e.getMessage());
        }
        assertEquals("20261201T160827.123Z", ActionsLog.Target.startingAt("log",
                Instant.parse("2026-12-01T16:08:27.123Z")).runId());
    }

    @Test
    void theModelVersionIsTheModelsUnlessItsScoreRunFellBackOnTheBaseline() throws Exception {
        SparkSession spark = TestSpark.session();
        assertEquals("sha-of-training", ActionsLog.modelVersion(spark,
                new WorklistJob.ScoreSource("in", null, "model", "sha-of-training", null, null)));
        assertEquals("model", ActionsLog.modelVersion(spark, new WorklistJob.ScoreSource("in", null, "model", null, null, null)));
        // Scored here by a model the gate refused: ranked by the baseline.
        assertEquals("baseline", ActionsLog.modelVersion(spark, new WorklistJob.ScoreSource("in", null, "model",
                "sha-of-training", ScoreTables.BASELINE_RANKING, null)));
        for (String ranking : new String[] {"model", "baseline"}) {
            Path scores = Files.createDirectories(dir.resolve(ranking));
            Files.writeString(scores.resolve("score-run.json"), "{\"job\": \"score\", \"options\": {\"model\": "
                    + "\"m\", \"model_training_data_sha256\": \"sha-of-training\"}, \"outputs\": {\"scores\": 3, "
                    + "\"ranking\": \"" + ranking + "\", \"gate\": null}, \"status\": \"complete\"}");
            assertEquals(ranking.equals("model") ? "sha-of-training" : "baseline", ActionsLog.modelVersion(spark,
                    new WorklistJob.ScoreSource("in", scores.toString(), "m", "sha-of-training", null, null)));
        }
        assertFalse(Files.exists(dir.resolve("log")));
    }
}
