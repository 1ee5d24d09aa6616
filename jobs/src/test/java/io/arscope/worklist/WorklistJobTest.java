package io.arscope.worklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.JobContext;
import io.arscope.risk.RiskConfig;
import io.arscope.risk.TrainJob;
import io.arscope.risk.TrainOptions;
import io.arscope.run.MarkdownText;
import io.arscope.samples.GeneratorConfig;
import io.arscope.testing.GeneratedLedger;
import io.arscope.testing.StrictEml;
import io.arscope.testing.TestSpark;

/** The worklist and its backtest end to end on a generated history, with a model trained before the replay. */
@Tag("integration")
class WorklistJobTest {

    private static final GeneratorConfig HISTORY = GeneratorConfig.of(7, 4000, LocalDate.of(2024, 1, 1), 18);
    private static final LocalDate TRAINED_ON = LocalDate.of(2025, 1, 31);

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static String data;
    private static WorklistJob.Counts counts;

    @BeforeAll
    static void run() throws Exception {
        spark = TestSpark.session();
        data = GeneratedLedger.write(spark, HISTORY, dir.resolve("data")).toString();
        TrainJob.train(JobContext.of(spark, new TrainOptions(data, dir.resolve("model"), TRAINED_ON,
                RiskConfig.DEFAULT, null)));
        counts = WorklistJob.write(JobContext.of(spark, new WorklistOptions(data, dir.resolve("model"), null, null,
                dir.resolve("out").toString(), WorklistConfig.DEFAULT.withCapacity(5, 2))));
    }

    @Test
    void everyOpenInvoiceIsListedOnceAndEachCollectorGetsItsFilesAndASheet() throws Exception {
        // Open at the as-of day, computed here independently: amount less cash and credits up to that day.
        spark.read().parquet(data + "/canonical/invoices").createOrReplaceTempView("i");
        spark.read().parquet(data + "/canonical/payments").createOrReplaceTempView("p");
        spark.read().parquet(data + "/canonical/adjustments").createOrReplaceTempView("a");
        long open = spark.sql("select i.invoice_id from i"
                + " left join (select invoice_id, sum(amount) s from p where payment_date <= '" + counts.asOf()
                + "' group by invoice_id) p on p.invoice_id = i.invoice_id"
                + " left join (select invoice_id, sum(amount) s from a where adjustment_date <= '" + counts.asOf()
                + "' group by invoice_id) a on a.invoice_id = i.invoice_id"
                + " where i.invoice_date <= '" + counts.asOf() + "' and i.amount - coalesce(p.s, 0) - coalesce(a.s, 0) > 0")
                .count();
        assertTrue(open > 100, "open " + open);
        Dataset<Row> invoices = spark.read().parquet(dir.resolve("out").resolve(WorklistTables.INVOICES.name()).toString());
        assertEquals(open, counts.invoices());
        assertEquals(open, invoices.select("invoice_id").distinct().count());

        List<String> collectors = invoices.select("collector").distinct().orderBy("collector")
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        assertEquals(collectors.size(), counts.collectors());
        long csvRows = 0;
        for (String collector : collectors) {
            List<String> lines = Files.readAllLines(dir.resolve("out/by-collector/" + collector + ".csv"));
            assertTrue(lines.get(0).startsWith("as_of,collector,queue,customer_rank,in_today"), lines.get(0));
            assertTrue(lines.get(1).contains("," + collector + ",collect,1,"), lines.get(1));
            csvRows += lines.size() - 1;
            String page = Files.readString(dir.resolve("out/summaries/" + collector + ".md"));
            assertTrue(page.startsWith("# Worklist for " + MarkdownText.escape(collector) + ", " + counts.asOf()),
                    page);
            long today = spark.read().parquet(dir.resolve("out").resolve(WorklistTables.CUSTOMERS.name()).toString())
                    .filter("collector = '" + collector + "' and queue = 'collect' and in_today").count();
            assertTrue(today <= 5);
            assertTrue(page.contains("Today: **" + today + (today == 1 ? " customer" : " customers")), page);
        }
        assertEquals(open, csvRows);
        // The generated collectors' names are sheet names as they are; each sheet holds its collector's invoices.
        try (XSSFWorkbook book = new XSSFWorkbook(Files.newInputStream(dir.resolve("out")
                .resolve(WorklistTables.WORKBOOK)))) {
            long sheetRows = 0;
            for (String collector : collectors) {
                assertTrue(Files.isRegularFile(dir.resolve("out/pages/" + collector + ".html")), collector);
                sheetRows += book.getSheet(collector).getLastRowNum();
            }
            assertEquals(collectors.size(), book.getNumberOfSheets());
            assertEquals(open, sheetRows);
        }
        try (Stream<Path> files = Files.list(dir.resolve("out/by-collector"))) {
            assertEquals(collectors.size(), files.filter(f -> f.toString().endsWith(".csv")).count());
        }
    }

    @Test
    void theBacktestReplaysPastDaysAndRefusesAModelThatSawTheFuture() throws Exception {
        List<WorklistBacktest.Outcome> outcomes = WorklistBacktestJob.backtest(JobContext.of(spark,
                new BacktestOptions(data, dir.resolve("model"), TRAINED_ON, TRAINED_ON.plusDays(60), 30, 30, 0.1,
                        WorklistConfig.DEFAULT, dir.resolve("bt").toString(), null)));
        assertEquals(9, outcomes.size());
        assertEquals(9, spark.read().parquet(dir.resolve("bt").resolve(WorklistTables.BACKTEST.name()).toString()).count());
        for (WorklistBacktest.Outcome o : outcomes) {
            assertEquals((int) Math.ceil(0.1 * o.pool()), o.k());
            assertTrue(o.topOverdue().compareTo(o.poolOverdue()) <= 0);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorklistBacktestJob.backtest(
                JobContext.of(spark, new BacktestOptions(data, dir.resolve("model"), TRAINED_ON.minusDays(1),
                        TRAINED_ON, 30, 30, 0.1, WorklistConfig.DEFAULT, dir.resolve("bt2").toString(), null))));
        assertTrue(e.getMessage().contains("would use the future"), e.getMessage());
    }

    @Test
    void aReminderIsDraftedForEachCustomerOnTodaysListWhoseStepIsWritten() throws Exception {
        List<String> written = DunningStrategy.DEFAULT.steps().stream().filter(DunningStrategy.Step::written)
                .map(DunningStrategy.Step::code).toList();
        Set<String> expected = new TreeSet<>();
        Map<String, String> names = new TreeMap<>();
        int held = 0;
        for (Row r : spark.read().parquet(dir.resolve("out").resolve(WorklistTables.CUSTOMERS.name()).toString())
                .filter("queue = 'collect' and in_today").collectAsList()) {
            names.put(r.getAs("customer_id"), r.getAs("customer_name"));
            // A last-resort step that says to check first is talked through, not drafted.
            if (written.contains(r.<String>getAs("action_code"))
                    && r.<String>getAs("next_action").contains("; check before escalating: ")) {
                held++;
            } else if (written.contains(r.<String>getAs("action_code"))) {
                expected.add(r.getAs("collector") + "/" + r.getAs("customer_id") + ".eml");
            }
        }
        assertTrue(held > 0, "no customer held: the check above checked nothing");
        assertTrue(expected.size() > 3, "drafts " + expected);
        Path drafts = dir.resolve("out").resolve(ReminderDrafts.FOLDER);
        Set<String> files;
        try (Stream<Path> all = Files.walk(drafts)) {
            files = all.filter(Files::isRegularFile).map(f -> drafts.relativize(f).toString())
                    .filter(f -> f.endsWith(".eml")).collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(expected, files);
        assertEquals("reminder drafts: " + files.size() + " in drafts/; none for " + held + " customer"
                + (held == 1 ? "" : "s") + " whose last-resort step says to check first (a recent payment, a dispute "
                + "or a promise: see the next action)", counts.drafts());
        for (String file : files) {
            StrictEml.Message m = StrictEml.parse(Files.readAllBytes(drafts.resolve(file)));
            String customer = file.substring(file.indexOf('/') + 1, file.length() - ".eml".length());
            assertEquals(names.get(customer), m.to(), file);
            assertTrue(m.body().startsWith("Dear " + names.get(customer) + ","), file);
        }
    }
}
