package io.arscope.ingest;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.job.OutputCheckException;
import io.arscope.model.CanonicalTable;
import io.arscope.run.CsvCells;

/**
 * Per input file: rows read, accepted, rejected and ignored, the rejects by reason and the ignored rows by the
 * ignore condition they met. Accepted rows are counted from the records that survived, independently of the
 * rejects, so {@code read = accepted + rejected + ignored} is a real check that no row was lost; {@link #verify()}
 * fails loudly if it does not hold. Blank lines are not rows and are counted apart.
 */
public record Reconciliation(List<FileCounts> files) {

    /** The counts of one input file. */
    public record FileCounts(String file, long read, long accepted, long rejected, long blank,
            Map<String, Long> rejectedByReason, Map<String, Long> ignoredBy) {

        /** Rejects among the rows that hold data: report-layout rows the mapping ignores are not among them. */
        public double rejectedShare() {
            long dataRows = read - ignored();
            return dataRows == 0 ? 0 : (double) rejected / dataRows;
        }

        /** Rows that are report layout (group headers, totals), as the source's {@code ignore} condition says. */
        public long ignored() {
            return ignoredBy.values().stream().mapToLong(Long::longValue).sum();
        }

        public boolean reconciles() {
            return read == accepted + rejected + ignored();
        }
    }

    public static Reconciliation of(Dataset<Row> mapped, ReferenceChecks.Result result) {
        Map<String, long[]> byFile = new TreeMap<>();
        for (Row r : mapped.groupBy(MappedRows.SOURCE_FILE)
                .agg(sum(when(col(MappedRows.BLANK), 0).otherwise(1)).as("read"),
                        sum(when(col(MappedRows.BLANK), 1).otherwise(0)).as("blank"))
                .collectAsList()) {
            byFile.put(r.getString(0), new long[] {r.getLong(1), 0, 0, r.getLong(2)});
        }
        Dataset<Row> acceptedLines = null;
        for (CanonicalTable table : CanonicalTable.values()) {
            Dataset<Row> lines = result.acceptedWithLines().get(table).select(MappedRows.SOURCE_FILE, MappedRows.LINE);
            acceptedLines = acceptedLines == null ? lines : acceptedLines.union(lines);
        }
        for (Row r : acceptedLines.distinct().groupBy(MappedRows.SOURCE_FILE).agg(count(lit(1))).collectAsList()) {
            byFile.get(r.getString(0))[1] = r.getLong(1);
        }
        Map<String, Map<String, Long>> reasons = new TreeMap<>();
        for (Row r : result.rejects().groupBy(MappedRows.SOURCE_FILE, "reason_code").agg(count(lit(1)))
                .collectAsList()) {
            reasons.computeIfAbsent(r.getString(0), f -> new TreeMap<>()).put(r.getString(1), r.getLong(2));
            byFile.get(r.getString(0))[2] += r.getLong(2);
        }
        Map<String, Map<String, Long>> ignored = new TreeMap<>();
        for (Row r : mapped.filter(col(MappedRows.IGNORED).isNotNull()).groupBy(MappedRows.SOURCE_FILE,
                MappedRows.IGNORED).agg(count(lit(1))).collectAsList()) {
            ignored.computeIfAbsent(r.getString(0), f -> new TreeMap<>()).put(r.getString(1), r.getLong(2));
        }
        List<FileCounts> files = new ArrayList<>();
        byFile.forEach((file, c) -> files.add(new FileCounts(file, c[0], c[1], c[2], c[3],
                reasons.getOrDefault(file, Map.of()), ignored.getOrDefault(file, Map.of()))));
        return new Reconciliation(files);
    }

    public long read() {
        return files.stream().mapToLong(FileCounts::read).sum();
    }

    public long accepted() {
        return files.stream().mapToLong(FileCounts::accepted).sum();
    }

    public long rejected() {
        return files.stream().mapToLong(FileCounts::rejected).sum();
    }

    public long ignored() {
        return files.stream().mapToLong(FileCounts::ignored).sum();
    }

    /**
     * The output check that every file's rows add up; a failure is a bug, never a data problem.
     *
     * @throws OutputCheckException naming the file whose rows do not add up
     */
    public Reconciliation verify() {
        for (FileCounts f : files) {
            if (!f.reconciles()) {
                throw new OutputCheckException(IngestTables.RECONCILIATION_CSV,
                        "read = accepted + rejected + ignored per file", "file=" + f.file() + ": read " + f.read()
                                + " vs accepted " + f.accepted() + " + rejected " + f.rejected() + " + ignored "
                                + f.ignored());
            }
        }
        return this;
    }

    /** The report printed at the end of an ingest run. */
    public String report() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-40s %10s %10s %10s %8s%n", "file", "read", "accepted", "rejected", "share"));
        for (FileCounts f : files) {
            sb.append(String.format("%-40s %10d %10d %10d %7.2f%%%n", f.file(), f.read(), f.accepted(), f.rejected(),
                    100 * f.rejectedShare()));
            f.rejectedByReason().forEach((reason, n) -> sb.append(String.format("    %-36s %10d%n", reason, n)));
            f.ignoredBy().forEach((condition, n) -> sb.append(String.format("    %-36s %10d  %s%n",
                    "(ignored as report layout)", n, condition)));
            if (f.blank() > 0) {
                sb.append(String.format("    %-36s %10d%n", "(blank lines, not rows)", f.blank()));
            }
        }
        sb.append(String.format("%-40s %10d %10d %10d%n", "total", read(), accepted(), rejected()));
        return sb.toString();
    }

    /**
     * CSV: a line per file with reason ALL, one per file and reason, and one per file and ignore condition met
     * (reason {@code IGNORED: } and the condition in words).
     */
    public String csv() {
        StringBuilder sb = new StringBuilder("source_file,reason_code,read,accepted,rejected,ignored\n");
        for (FileCounts f : files) {
            sb.append(CsvCells.text(f.file())).append(",ALL,").append(f.read()).append(',').append(f.accepted())
                    .append(',').append(f.rejected()).append(',').append(f.ignored()).append('\n');
            f.rejectedByReason().forEach((reason, n) -> sb.append(CsvCells.text(f.file())).append(',').append(reason)
                    .append(",,,").append(n).append(",\n"));
            f.ignoredBy().forEach((condition, n) -> sb.append(CsvCells.text(f.file())).append(',')
                    .append(CsvCells.text("IGNORED: " + condition)).append(",,,,").append(n).append('\n'));
        }
        return sb.toString();
    }
}
