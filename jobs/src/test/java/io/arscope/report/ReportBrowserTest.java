package io.arscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.worklist.WorklistTables;
import io.arscope.forecast.ForecastTables;
import io.arscope.metrics.MetricsTables;
import io.arscope.forecast.ForecastJob;
import io.arscope.metrics.MetricsJob;
import io.arscope.testing.HeadlessChromium;
import io.arscope.testing.PipelineOutputs;
import io.arscope.testing.TestSpark;
import io.arscope.worklist.WorklistJob;

/**
 * The CFO report as a browser shows it: the metrics, forecast and worklist jobs run on a generated history
 * ({@link PipelineOutputs}), the report is written from their outputs and opened in headless Chromium, which must log no error; the figures a CFO
 * looks for first, computed here from the jobs' Parquet outputs, must be in the page's text; all four charts must
 * render. The screenshot is kept at target/browser/cfo-report.png.
 */
@Tag("integration")
class ReportBrowserTest {

    @TempDir
    Path dir;

    @Test
    void reportRendersWithoutErrorsAndShowsTheKeyFigures() throws Exception {
        Path chromium = HeadlessChromium.find().orElseThrow(() -> new AssertionError("Chromium not found at "
                + HeadlessChromium.LOCATIONS + ": install Debian's chromium package (bash .ci/run does)"));
        SparkSession spark = TestSpark.session();
        PipelineOutputs outputs = PipelineOutputs.get();
        String metrics = outputs.metrics();
        String forecast = outputs.forecast();
        String worklist = outputs.worklist();
        Path out = outputs.report();

        // Expected text, from the outputs themselves rather than from the report's own reading of them.
        BigDecimal cash = sum(spark.read().parquet(forecast + "/" + ForecastTables.CASH_FORECAST.name())
                .agg(org.apache.spark.sql.functions.sum("expected_cash")).first());
        BigDecimal ecl = spark.read().parquet(metrics + "/" + MetricsTables.PROVISION_MATRIX.name()).filter("bucket = 'total'")
                .first().getAs("ecl");
        Row latest = spark.read().parquet(metrics + "/" + MetricsTables.PERIOD_METRICS.name())
                .filter("dimension = 'total' and period_type = 'month'").orderBy(org.apache.spark.sql.functions
                        .col("period").desc()).first();
        String endingAr = FinanceFormat.money(((BigDecimal) latest.getAs("ending_ar")).doubleValue());
        String dso = FinanceFormat.days(latest.getAs("dso_countback"));
        String topCustomer = spark.read().parquet(worklist + "/" + WorklistTables.CUSTOMERS.name())
                .orderBy(org.apache.spark.sql.functions.col("open_amount")
                        .multiply(org.apache.spark.sql.functions.col("probability_late")).desc(),
                        org.apache.spark.sql.functions.col("customer_id"))
                .first().getAs("customer_id");

        Path shots = Path.of("target", "browser");
        Files.createDirectories(shots);
        try (HeadlessChromium browser = new HeadlessChromium(chromium, dir)) {
            browser.open(out.resolve(ReportJob.REPORT));
            String text = browser.evaluate("document.body.innerText").asText();
            assertEquals(List.of(), browser.errors());
            assertTrue(text.contains("Expected collections over the next 13 weeks"), text);
            assertTrue(text.contains(FinanceFormat.money(cash.doubleValue())), "cash " + cash + " in " + text);
            assertTrue(text.contains("Credit-loss allowance (ECL)\n" + FinanceFormat.money(ecl.doubleValue())),
                    "ECL " + ecl + " in " + text);
            assertTrue(text.contains(endingAr), "ending AR " + endingAr);
            assertTrue(text.contains(dso), "DSO " + dso);
            assertTrue(text.contains("(" + topCustomer + ")"), "top customer " + topCustomer);
            assertEquals(4, browser.evaluate("Array.from(document.querySelectorAll('svg.chart'))"
                    + ".filter(s => s.getBoundingClientRect().height > 100).length").asInt());
            Path png = shots.resolve("cfo-report.png");
            browser.screenshot(png, 1200);
            byte[] bytes = Files.readAllBytes(png);
            assertTrue(bytes.length > 20_000, "screenshot of " + bytes.length + " bytes");
            assertEquals((byte) 0x89, bytes[0]);
            assertEquals('P', bytes[1]);
        }
    }

    private static BigDecimal sum(Row row) {
        return (BigDecimal) row.get(0);
    }
}
