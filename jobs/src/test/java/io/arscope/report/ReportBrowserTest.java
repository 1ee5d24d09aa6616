package io.arscope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

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
 * render. The screenshot is kept at target/browser/cfo-report.png, and one of the slice section alone at
 * target/browser/cfo-report-slices.png.
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

            // The slice section: every slice of the latest month, with its own ending AR and countback DSO.
            String month = latest.getAs("period");
            List<Row> slices = spark.read().parquet(metrics + "/" + MetricsTables.PERIOD_METRICS.name())
                    .filter("dimension <> 'total' and period_type = 'month' and period = '" + month + "'")
                    .collectAsList();
            assertTrue(slices.size() >= 2, "slices of " + month);
            List<String> rows = new ArrayList<>();
            browser.evaluate("Array.from(document.querySelectorAll('#slices tbody tr')).map(r => r.innerText)")
                    .forEach(n -> rows.add(n.asText()));
            // One row per slice and an "All" line closing each dimension's table.
            long dimensions = slices.stream().map(r -> (String) r.getAs("dimension")).distinct().count();
            assertEquals(slices.size() + dimensions, rows.size(), String.join("\n", rows));
            for (Row slice : slices) {
                Double sliceDso = slice.getAs("dso_countback");
                String expected = slice.getAs("value") + "\t"
                        + FinanceFormat.money(((BigDecimal) slice.getAs("ending_ar")).doubleValue())
                        + (sliceDso == null ? "" : "\t" + FinanceFormat.days(sliceDso));
                assertTrue(rows.stream().anyMatch(r -> r.startsWith(expected)), expected + " in " + rows);
            }
            assertTrue(text.contains("Significant trends"), text);
            BigDecimal newSales = sum(spark.read().parquet(forecast + "/" + ForecastTables.CASH_FORECAST.name())
                    .agg(org.apache.spark.sql.functions.sum("from_new_sales")).first());
            assertTrue(text.contains(FinanceFormat.money(newSales.doubleValue()) + " ("), "new sales " + newSales);
            Path slicePng = shots.resolve("cfo-report-slices.png");
            JsonNode box = browser.evaluate("(() => { const r = document.querySelector('#slices')"
                    + ".getBoundingClientRect(); return {x: r.x, y: r.y + window.scrollY, width: r.width, "
                    + "height: r.height}; })()");
            JsonNode shot = browser.call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport",
                    true, "clip", Map.of("x", box.get("x").asDouble(), "y", box.get("y").asDouble(), "width",
                            box.get("width").asDouble(), "height", box.get("height").asDouble(), "scale", 1)));
            byte[] slicesShot = Base64.getDecoder().decode(shot.get("data").asText());
            Files.write(slicePng, slicesShot);
            // The PNG's header gives its size: the section's own box, not the page.
            int width = ByteBuffer.wrap(slicesShot, 16, 4).getInt();
            int height = ByteBuffer.wrap(slicesShot, 20, 4).getInt();
            assertEquals(Math.round(box.get("width").asDouble()), width, 1.0);
            assertEquals(Math.round(box.get("height").asDouble()), height, 1.0);
            assertTrue(height > 20 * rows.size(), "slice section of " + height + " px for " + rows.size() + " rows");
        }
    }

    private static BigDecimal sum(Row row) {
        return (BigDecimal) row.get(0);
    }
}
