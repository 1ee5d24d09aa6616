package io.arscope.testing;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import io.arscope.cli.Arscope;
import io.arscope.ledger.AgingBuckets;
import io.arscope.metrics.MetricsTables;

/**
 * An export taken through {@code arscope ingest} with a shipped mapping and then {@code arscope metrics}, as a user
 * runs them (default reject threshold), and their outputs read back for a test.
 */
public final class ExportRun {

    /** One command's exit code and what it printed. */
    public record Command(int code, String out, String err) {
    }

    /** A row of reconciliation.csv: its file and reason code, then its counts by column name (empty ones left out). */
    public record Counts(String file, String reason, Map<String, Long> counts) {
    }

    private final SparkSession spark;
    private final Path ingestDir;
    private final Path metricsDir;
    public final Command ingest;
    public final Command metrics;

    private ExportRun(SparkSession spark, Path ingestDir, Path metricsDir, Command ingest, Command metrics) {
        this.spark = spark;
        this.ingestDir = ingestDir;
        this.metricsDir = metricsDir;
        this.ingest = ingest;
        this.metrics = metrics;
    }

    public static Command arscope(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Arscope.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Command(code, out.toString(), err.toString());
    }

    /** The shipped mapping of that name, under data-samples/mappings. */
    public static Path shippedMapping(String name) {
        return repo().resolve("data-samples/mappings").resolve(name);
    }

    /** The repository's root folder. */
    public static Path repo() {
        return Path.of(System.getProperty("arscope.repo.dir"));
    }

    /**
     * Ingests {@code export} with {@code mapping} as of {@code asOf} into {@code work}/ingest, then, if that exits 0,
     * computes the metrics into {@code work}/metrics.
     */
    public static ExportRun of(Path export, Path mapping, LocalDate asOf, Path work) {
        return run(export, mapping, asOf, work, true);
    }

    /** As {@link #of}, with the metrics in {@code reportingCurrency}: an export of several currencies. */
    public static ExportRun of(Path export, Path mapping, LocalDate asOf, Path work, String reportingCurrency) {
        return run(export, mapping, asOf, work, true, "--reporting-currency", reportingCurrency);
    }

    /** As {@link #of}, without the metrics. */
    public static ExportRun ingest(Path export, Path mapping, LocalDate asOf, Path work) {
        return run(export, mapping, asOf, work, false);
    }

    private static ExportRun run(Path export, Path mapping, LocalDate asOf, Path work, boolean metrics,
            String... metricsOptions) {
        SparkSession spark = TestSpark.session();
        Path ingestDir = work.resolve("ingest");
        Path metricsDir = work.resolve("metrics");
        Command ingest = arscope("ingest", "--input", export.toString(), "--mapping", mapping.toString(), "--output",
                ingestDir.toString(), "--as-of", asOf.toString(), "--master", "local[2]", "--progress", "off");
        List<String> metricsArgs = new ArrayList<>(List.of("metrics", "--input", ingestDir.toString(), "--output",
                metricsDir.toString(), "--as-of", asOf.toString(), "--master", "local[2]", "--progress", "off"));
        metricsArgs.addAll(List.of(metricsOptions));
        Command computed = !metrics || ingest.code() != 0 ? null : arscope(metricsArgs.toArray(String[]::new));
        return new ExportRun(spark, ingestDir, metricsDir, ingest, computed);
    }

    /** A canonical table as the ingest wrote it. */
    public Dataset<Row> canonical(String table) {
        return spark.read().parquet(ingestDir.resolve("canonical").resolve(table).toString());
    }

    /** The rejects as the ingest wrote them. */
    public Dataset<Row> rejects() {
        return spark.read().parquet(ingestDir.resolve("rejects").toString());
    }

    /** reconciliation.csv, row by row. */
    public List<Counts> reconciliation() throws IOException {
        List<String> lines = Files.readAllLines(ingestDir.resolve("reconciliation.csv"), StandardCharsets.UTF_8);
        List<String> header = cells(lines.get(0));
        List<Counts> out = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = cells(line);
            Map<String, Long> counts = new LinkedHashMap<>();
            for (int i = 2; i < header.size(); i++) {
                if (!cells.get(i).isEmpty()) {
                    counts.put(header.get(i), Long.parseLong(cells.get(i)));
                }
            }
            out.add(new Counts(cells.get(0), cells.get(1), counts));
        }
        return out;
    }

    /** For one file of reconciliation.csv: reason code (ALL for the file's totals) to its counts. */
    public Map<String, Map<String, Long>> reconciliation(String file) throws IOException {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        reconciliation().stream().filter(c -> c.file().equals(file)).forEach(c -> out.put(c.reason(), c.counts()));
        return out;
    }

    private static List<String> cells(String line) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                cell.append('"');
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    /** The whole portfolio's row of period_metrics for a month (yyyy-MM). */
    public Row month(String month) {
        List<Row> rows = MetricsTables.periodMetrics(AgingBuckets.DEFAULT).read(spark, metricsDir.toString())
                .filter(MetricsTables.DIMENSION.col().equalTo("total")
                        .and(MetricsTables.PERIOD_TYPE.col().equalTo("month"))
                        .and(MetricsTables.PERIOD.col().equalTo(month)))
                .collectAsList();
        if (rows.size() != 1) {
            throw new AssertionError("period_metrics has " + rows.size() + " total rows for " + month);
        }
        return rows.get(0);
    }

    /** A month's aging buckets from period_metrics, current first. */
    public static List<BigDecimal> aging(Row month) {
        List<BigDecimal> out = new ArrayList<>();
        for (String label : AgingBuckets.DEFAULT.labels()) {
            out.add(month.getAs(AgingBuckets.column(label)));
        }
        return out;
    }
}
