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
 * Per input file: rows read, accepted (of them flagged), rejected and ignored, the rejects by reason, the flagged
 * rows by rule and the ignored rows by the ignore condition they met. Accepted rows are counted from the records
 * that survived, independently of the rejects, so {@code read = accepted + rejected + ignored} is a real check that
 * no row was lost; {@link #verify()} fails loudly if it does not hold. A flagged row is an accepted row with at
 * least one flag; a row can break several rules, so the counts by rule may add up to more than the flagged rows.
 * Blank lines are not rows and are counted apart.
 */
public record Reconciliation(List<FileCounts> files) {

    /** The counts of one input file: {@code read = accepted + rejected + ignored}, {@code flagged <= accepted}. */
    public record FileCounts(String file, long read, long accepted, long flagged, long rejected, long blank,
            Map<String, Long> rejectedByReason, Map<String, Long> flaggedByRule, Map<String, Long> ignoredBy) {

        /**
         * The share of data rows rejected: what the reject threshold limits. Flagged rows are accepted, and
         * report-layout rows the mapping ignores hold no data, nor does a row repeating an earlier one, so none is
         * in it.
         */
        public double rejectedShare() {
            long dataRows = read - ignored();
            return dataRows == 0 ? 0 : (double) rejected / dataRows;
        }

        /**
         * Rows that are report layout (group headers, totals), as the source's {@code ignore} condition says, and
         * rows that repeat an earlier one ({@link RepeatedRows}).
         */
        public long ignored() {
            return ignoredBy.values().stream().mapToLong(Long::longValue).sum();
        }

        public boolean reconciles() {
            return read == accepted + rejected + ignored() && flagged <= accepted;
        }
    }

    public static Reconciliation of(Dataset<Row> mapped, ReferenceChecks.Result result) {
        Map<String, long[]> byFile = new TreeMap<>();
        Map<String, Map<String, Long>> ignored = new TreeMap<>();
        // One pass over every line counts what was read, blank and ignored by what.
        for (Row r : mapped.groupBy(MappedRows.SOURCE_FILE, MappedRows.IGNORED)
                .agg(sum(when(col(MappedRows.BLANK), 0).otherwise(1)).as("read"),
                        sum(when(col(MappedRows.BLANK), 1).otherwise(0)).as("blank"), count(lit(1)))
                .collectAsList()) {
            long[] c = byFile.computeIfAbsent(r.getString(0), f -> new long[5]);
            c[0] += r.getLong(2);
            c[3] += r.getLong(3);
            if (!r.isNullAt(1)) {
                ignored.computeIfAbsent(r.getString(0), f -> new TreeMap<>()).put(r.getString(1), r.getLong(4));
            }
        }
        acceptedLines(result).forEach((file, accepted) -> byFile.get(file)[1] = accepted);
        Map<String, Map<String, Long>> reasons = new TreeMap<>();
        for (Row r : result.rejects().groupBy(MappedRows.SOURCE_FILE, "reason_code").agg(count(lit(1)))
                .collectAsList()) {
            reasons.computeIfAbsent(r.getString(0), f -> new TreeMap<>()).put(r.getString(1), r.getLong(2));
            byFile.get(r.getString(0))[2] += r.getLong(2);
        }
        for (Row r : result.repeated().groupBy(MappedRows.SOURCE_FILE).agg(count(lit(1))).collectAsList()) {
            ignored.computeIfAbsent(r.getString(0), f -> new TreeMap<>()).put(RepeatedRows.CONDITION, r.getLong(1));
        }
        Dataset<Row> flaggedLines = result.flags().select(MappedRows.SOURCE_FILE, MappedRows.LINE, "reason_code")
                .distinct();
        for (Row r : flaggedLines.select(MappedRows.SOURCE_FILE, MappedRows.LINE).distinct()
                .groupBy(MappedRows.SOURCE_FILE).agg(count(lit(1))).collectAsList()) {
            byFile.get(r.getString(0))[4] = r.getLong(1);
        }
        Map<String, Map<String, Long>> rules = new TreeMap<>();
        for (Row r : flaggedLines.groupBy(MappedRows.SOURCE_FILE, "reason_code").agg(count(lit(1))).collectAsList()) {
            rules.computeIfAbsent(r.getString(0), f -> new TreeMap<>()).put(r.getString(1), r.getLong(2));
        }
        List<FileCounts> files = new ArrayList<>();
        byFile.forEach((file, c) -> files.add(new FileCounts(file, c[0], c[1], c[4], c[2], c[3],
                reasons.getOrDefault(file, Map.of()), rules.getOrDefault(file, Map.of()),
                ignored.getOrDefault(file, Map.of()))));
        return new Reconciliation(files);
    }

    /**
     * Accepted lines per file: lines with at least one accepted record. A line holds at most one record of a table,
     * so a file whose records are all in one table counts its accepted records; only the lines of a file that
     * feeds several tables (a customer read off an invoice line) are told apart, which the millions of lines of
     * one-table files are spared.
     */
    private static Map<String, Long> acceptedLines(ReferenceChecks.Result result) {
        Map<String, Long> records = new TreeMap<>();
        Map<String, List<CanonicalTable>> tables = new TreeMap<>();
        Dataset<Row> all = null;
        for (CanonicalTable table : CanonicalTable.values()) {
            Dataset<Row> lines = result.acceptedWithLines().get(table)
                    .select(col(MappedRows.SOURCE_FILE), lit(table.ordinal()).as("table"));
            all = all == null ? lines : all.union(lines);
        }
        for (Row r : all.groupBy(MappedRows.SOURCE_FILE, "table").agg(count(lit(1))).collectAsList()) {
            records.merge(r.getString(0), r.getLong(2), Long::sum);
            tables.computeIfAbsent(r.getString(0), f -> new ArrayList<>()).add(CanonicalTable.values()[r.getInt(1)]);
        }
        Map<String, Long> accepted = new TreeMap<>(records);
        Dataset<Row> shared = null;
        for (Map.Entry<String, List<CanonicalTable>> e : tables.entrySet()) {
            if (e.getValue().size() > 1) {
                accepted.remove(e.getKey());
                for (CanonicalTable table : e.getValue()) {
                    Dataset<Row> lines = result.acceptedWithLines().get(table)
                            .filter(col(MappedRows.SOURCE_FILE).equalTo(e.getKey()))
                            .select(MappedRows.SOURCE_FILE, MappedRows.LINE);
                    shared = shared == null ? lines : shared.union(lines);
                }
            }
        }
        if (shared != null) {
            for (Row r : shared.distinct().groupBy(MappedRows.SOURCE_FILE).agg(count(lit(1))).collectAsList()) {
                accepted.put(r.getString(0), r.getLong(1));
            }
        }
        return accepted;
    }

    public long read() {
        return files.stream().mapToLong(FileCounts::read).sum();
    }

    public long accepted() {
        return files.stream().mapToLong(FileCounts::accepted).sum();
    }

    public long flagged() {
        return files.stream().mapToLong(FileCounts::flagged).sum();
    }

    public long rejected() {
        return files.stream().mapToLong(FileCounts::rejected).sum();
    }

    public long ignored() {
        return files.stream().mapToLong(FileCounts::ignored).sum();
    }

    /** Rows ignored as {@link RepeatedRows}, of {@link #ignored()}. */
    public long repeated() {
        return files.stream().mapToLong(f -> f.ignoredBy().getOrDefault(RepeatedRows.CONDITION, 0L)).sum();
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
                        "read = accepted + rejected + ignored, flagged <= accepted per file", "file=" + f.file()
                                + ": read " + f.read() + " vs accepted " + f.accepted() + " + rejected " + f.rejected()
                                + " + ignored " + f.ignored() + ", flagged " + f.flagged());
            }
        }
        return this;
    }

    /** The report printed at the end of an ingest run: per file its counts, rejects by reason, flags by rule. */
    public String report() {
        // As wide as the longest name, so that a long one (a workbook's file and sheet) keeps the columns aligned.
        int w = Math.max(40, files.stream().mapToInt(f -> f.file().length()).max().orElse(0));
        String sub = "    %-" + (w - 4) + "s %10d";
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-" + w + "s %10s %10s %10s %10s %8s%n", "file", "read", "accepted", "flagged",
                "rejected", "share"));
        for (FileCounts f : files) {
            sb.append(String.format("%-" + w + "s %10d %10d %10d %10d %7.2f%%%n", f.file(), f.read(), f.accepted(),
                    f.flagged(), f.rejected(), 100 * f.rejectedShare()));
            f.rejectedByReason().forEach((reason, n) -> sb.append(String.format(sub + "%n", reason + " (rejected)",
                    n)));
            f.flaggedByRule().forEach((rule, n) -> sb.append(String.format(sub + "%n", rule + " (flagged)", n)));
            f.ignoredBy().forEach((condition, n) -> sb.append(String.format(sub + "  %s%n",
                    condition.equals(RepeatedRows.CONDITION) ? "(ignored as a repeat)" : "(ignored by the mapping)",
                    n, condition)));
            if (f.blank() > 0) {
                sb.append(String.format(sub + "%n", "(blank lines, not rows)", f.blank()));
            }
        }
        sb.append(String.format("%-" + w + "s %10d %10d %10d %10d%n", "total", read(), accepted(), flagged(),
                rejected()));
        return sb.toString();
    }

    /**
     * CSV: a line per file with reason ALL and its counts, then per file a line per reject reason (rows in
     * {@code rejected}), per flagged rule (rows in {@code flagged}) and per ignore condition met (reason
     * {@code IGNORED: } and the condition in words, rows in {@code ignored}).
     */
    public String csv() {
        StringBuilder sb = new StringBuilder("source_file,reason_code,read,accepted,flagged,rejected,ignored\n");
        for (FileCounts f : files) {
            String file = CsvCells.text(f.file());
            sb.append(file).append(",ALL,").append(f.read()).append(',').append(f.accepted()).append(',')
                    .append(f.flagged()).append(',').append(f.rejected()).append(',').append(f.ignored()).append('\n');
            f.rejectedByReason().forEach((reason, n) -> sb.append(file).append(',').append(reason).append(",,,,")
                    .append(n).append(",\n"));
            f.flaggedByRule().forEach((rule, n) -> sb.append(file).append(',').append(rule).append(",,,").append(n)
                    .append(",,\n"));
            f.ignoredBy().forEach((condition, n) -> sb.append(file).append(',')
                    .append(CsvCells.text("IGNORED: " + condition)).append(",,,,,").append(n).append('\n'));
        }
        return sb.toString();
    }
}
