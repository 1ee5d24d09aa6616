package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.hadoop.io.Text;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.cli.Arscope;
import io.arscope.ingest.mapping.Mapping;
import io.arscope.ingest.mapping.SourceSpec;
import io.arscope.job.ExitCode;
import io.arscope.model.CanonicalField;
import io.arscope.model.CanonicalTable;
import io.arscope.samples.GeneratorConfig;
import io.arscope.samples.HistoryGenerator;
import io.arscope.testing.TestSpark;

/**
 * Seeded fuzzing of ingest: {@value #CASES} copies of a small generated export, each damaged at random by
 * {@link ExportFuzzer} from its own seed ({@value #FIRST_SEED} on), and each required to end with a documented
 * exit code, never 1, with every row accepted or rejected.
 *
 * <p>A full Spark ingest costs tens of seconds here, so every case goes through the part of ingest every row goes
 * through, in-process and with the job's own classes: records framed as the job frames them ({@link RecordFramer}),
 * the file's header read and checked ({@link SourceFiles#mapper}), and each record decoded, split into fields,
 * mapped and checked ({@link RecordMapper}).
 * A failure there is turned into its exit code by {@link ExitCode#of}, as the command does. The first
 * {@value #SPARK_CASES} cases whose files can be read are then ingested for real, in one run of the command over
 * their rows put together (their ids never meet: each case prefixes its own), and the published reconciliation,
 * rejects and tables are held against what the row path found line by line, and the exit code against the
 * reject-share rule.
 *
 * <p>A failure names the seed; replay it alone with {@code -Darscope.fuzz.seed=<seed>}.
 */
@Tag("integration")
class IngestFuzzTest {

    private static final long FIRST_SEED = 20_261_201L;
    private static final int CASES = 500;
    private static final int SPARK_CASES = 40;
    private static final double MAX_REJECT_SHARE = 0.05;
    /** A case is a hundred short lines: no cell may make it take longer than this, however hostile. */
    private static final long CASE_NANOS = 2_000_000_000L;
    private static final Set<String> REASONS = Arrays.stream(RejectReason.values()).map(Enum::name)
            .collect(Collectors.toSet());

    @TempDir
    static Path dir;
    private static ExportFuzzer fuzzer;
    private static LocalDate asOf;
    private static Mapping mapping;

    /** What the row path made of one case: the exit code it ended with, and each file's mapped rows. */
    private record RowPath(int exitCode, Exception failure, Map<String, List<Row>> rowsByFile, long nanos) {
    }

    @BeforeAll
    static void generateTheCleanExport() throws Exception {
        // With the collectors' contacts, promises and plan instalments: their files are damaged like the others.
        GeneratorConfig config = GeneratorConfig.of(3, 60, LocalDate.of(2025, 1, 1), 12)
                .withActivity(io.arscope.samples.CollectionsActivity.DEFAULT);
        HistoryGenerator.generate(config, dir.resolve("clean"));
        withCommitments(dir.resolve("clean"));
        asOf = config.exportDate();
        fuzzer = new ExportFuzzer(dir.resolve("clean"));
        mapping = Mapping.load(IngestJobTest.generatorMapping());
    }

    /**
     * A year of 60 invoices has contacts but hardly a promise to pay or a plan: promises and plan instalments are
     * written for its first invoices, each naming its invoice and the customer's next one, so that those files are
     * damaged too, lists of invoice ids included.
     */
    private static void withCommitments(Path export) throws IOException {
        List<String[]> invoices = Files.readAllLines(export.resolve("invoices.csv")).stream().skip(1)
                .map(l -> l.split(",", -1)).toList();
        List<String> promises = new ArrayList<>(List.of(
                "promise_id,customer_id,invoice_ids,promised_on,promised_date,amount,currency,collector"));
        List<String> plans = new ArrayList<>(List.of(
                "plan_id,instalment,customer_id,invoice_ids,agreed_on,due_date,amount,currency"));
        for (int i = 0; i < 8; i++) {
            String[] invoice = invoices.get(i);
            String ids = invoices.stream().filter(o -> o[1].equals(invoice[1]) && !o[0].equals(invoice[0]))
                    .findFirst().map(o -> invoice[0] + CanonicalTable.INVOICE_ID_SEPARATOR + o[0]).orElse(invoice[0]);
            LocalDate due = LocalDate.parse(invoice[3]);
            promises.add(String.join(",", "PRM" + i, invoice[1], ids, due.plusDays(10).toString(),
                    due.plusDays(20).toString(), invoice[4], invoice[5], "ana.ruiz"));
            for (int k = 1; k <= 2; k++) {
                plans.add(String.join(",", "PLN" + i, String.valueOf(k), invoice[1], ids, due.plusDays(25).toString(),
                        due.plusDays(25 + 30L * k).toString(), new BigDecimal(invoice[4]).divide(BigDecimal.valueOf(2), 2,
                                java.math.RoundingMode.DOWN).toPlainString(), invoice[5]));
            }
        }
        Files.write(export.resolve("promises.csv"), promises);
        Files.write(export.resolve("plan_instalments.csv"), plans);
    }

    private static List<Long> seeds() {
        String replay = System.getProperty("arscope.fuzz.seed");
        if (replay != null) {
            return List.of(Long.parseLong(replay));
        }
        List<Long> seeds = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            seeds.add(FIRST_SEED + i);
        }
        return seeds;
    }

    private static String folder(long seed) {
        return "case-" + seed;
    }

    private static ExportFuzzer.Case damaged(long seed) {
        return fuzzer.damage(seed, "K" + seed + "-");
    }

    @Test
    void everyRowOfEveryDamagedExportIsAcceptedOrRejectedAndNoCaseEndsTheRunWithExit1() {
        // The clean export first: every row accepted. It also loads the classes, so that no case pays for that.
        RowPath clean = rowPath(null, fuzzer.clean());
        assertEquals(ExitCode.OK, clean.exitCode());
        assertEquals(List.of(), clean.rowsByFile().values().stream().flatMap(List::stream)
                .filter(r -> !r.getList(MappedRows.SCHEMA.fieldIndex(MappedRows.PROBLEMS)).isEmpty()).toList());
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> byExitCode = new TreeMap<>();
        long slowest = 0;
        long start = System.nanoTime();
        for (long seed : seeds()) {
            ExportFuzzer.Case c = damaged(seed);
            RowPath path = rowPath(folder(seed), c.files());
            byExitCode.merge(path.exitCode(), 1, Integer::sum);
            slowest = Math.max(slowest, path.nanos());
            List<String> wrong = new ArrayList<>();
            if (path.exitCode() != ExitCode.OK && path.exitCode() != ExitCode.INPUT) {
                wrong.add("ended with exit " + path.exitCode() + ": " + trace(path.failure()));
            }
            if (path.nanos() > CASE_NANOS) {
                wrong.add("took " + path.nanos() / 1_000_000 + " ms");
            }
            path.rowsByFile().forEach((file, rows) -> rows.forEach(row -> wrong.addAll(rowProblems(file, row))));
            wrong.forEach(w -> failures.add(c + ": " + w));
        }
        System.out.printf("ingest fuzz: %d cases in %.1f s (slowest %.0f ms), by exit code %s%n", seeds().size(),
                (System.nanoTime() - start) / 1e9, slowest / 1e6, byExitCode);
        assertEquals(List.of(), failures.stream().limit(20).toList(), failures.size() + " failure(s)");
        if (seeds().size() == CASES) {
            // The cases must reach both outcomes, or the damage is too weak or too strong to test anything.
            assertTrue(byExitCode.getOrDefault(ExitCode.INPUT, 0) > 0, byExitCode.toString());
            assertTrue(byExitCode.getOrDefault(ExitCode.OK, 0) > CASES * 9 / 10, byExitCode.toString());
        }
    }

    @Test
    void theWholeJobOverManyDamagedExportsPublishesWhatTheRowPathFoundAndReconciles() throws Exception {
        // The cases' rows one after another under one header per file: a folder per case would make ten times the
        // Spark tasks for the same rows. Each case's lines are kept as Hadoop split them, so no line changes.
        Map<String, ByteArrayOutputStream> files = new LinkedHashMap<>();
        Map<String, List<String>> origins = new HashMap<>();
        for (String file : ExportFuzzer.FILES) {
            files.put(file, new ByteArrayOutputStream());
            files.get(file).writeBytes(hadoopLines(fuzzer.clean().get(file)).get(0));
            files.get(file).write('\n');
            origins.put(file, new ArrayList<>(List.of("", "the header")));
        }
        int cases = 0;
        for (long seed = FIRST_SEED; cases < SPARK_CASES; seed++) {
            ExportFuzzer.Case c = damaged(seed);
            if (rowPath(folder(seed), c.files()).exitCode() == ExitCode.INPUT) {
                continue;
            }
            cases++;
            for (String file : ExportFuzzer.FILES) {
                List<byte[]> lines = hadoopLines(c.files().get(file));
                for (int i = 1; i < lines.size(); i++) {
                    files.get(file).writeBytes(lines.get(i));
                    files.get(file).write('\n');
                    origins.get(file).add(c + ", its " + file + ":" + (i + 1));
                }
            }
        }
        Path input = Files.createDirectories(dir.resolve("batch"));
        Map<String, byte[]> batch = new LinkedHashMap<>();
        for (Map.Entry<String, ByteArrayOutputStream> file : files.entrySet()) {
            batch.put(file.getKey(), file.getValue().toByteArray());
            Files.write(input.resolve(file.getKey()), file.getValue().toByteArray());
        }
        RowPath expected = rowPath(null, batch);
        assertEquals(ExitCode.OK, expected.exitCode());

        Path out = dir.resolve("batch-out");
        int exitCode = Arscope.execute("ingest", "--input", input.toString(), "--mapping",
                IngestJobTest.generatorMapping().toString(), "--output", out.toString(), "--as-of", asOf.toString(),
                "--max-reject-share", String.valueOf(MAX_REJECT_SHARE), "--master", "local[2]");
        // Over the reject share the outputs are written for a person to read, but not published.
        Path written = out;
        if (exitCode == ExitCode.TOO_MANY_REJECTS) {
            assertFalse(Files.exists(out, LinkOption.NOFOLLOW_LINKS));
            try (Stream<Path> versions = Files.list(dir.resolve(".batch-out.versions"))) {
                written = versions.collect(Collectors.toList()).get(0);
            }
        }

        Map<String, long[]> reconciliation = new HashMap<>();
        List<String> lines = Files.readAllLines(written.resolve(IngestTables.RECONCILIATION_CSV));
        List<String> header = List.of(lines.get(0).split(","));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f[1].equals("ALL")) {
                reconciliation.put(f[0], new long[] {Long.parseLong(f[header.indexOf("read")]),
                        Long.parseLong(f[header.indexOf("accepted")]), Long.parseLong(f[header.indexOf("rejected")]),
                        Long.parseLong(f[header.indexOf("ignored")])});
            }
        }
        SparkSession spark = TestSpark.session();
        Map<String, Map<Long, String>> rejects = new HashMap<>();
        List<String> failures = new ArrayList<>();
        for (Row r : spark.read().parquet(written.resolve(IngestTables.REJECTS).toString()).collectAsList()) {
            String file = r.getAs(MappedRows.SOURCE_FILE);
            long line = r.getAs(MappedRows.LINE);
            if (rejects.computeIfAbsent(file, f -> new HashMap<>()).put(line, r.getAs("reason_code")) != null) {
                failures.add(origins.get(file).get((int) line) + ": rejected twice");
            }
        }
        Map<String, Long> acceptedByTable = new TreeMap<>();
        boolean overThreshold = false;
        for (Map.Entry<String, List<Row>> file : expected.rowsByFile().entrySet()) {
            List<Row> rows = file.getValue().stream().filter(r -> !r.getBoolean(3)).toList();
            // A file of no rows (the history's promises, say) has no line in the reconciliation.
            long[] counts = reconciliation.getOrDefault(file.getKey(), new long[4]);
            Map<Long, String> fileRejects = rejects.getOrDefault(file.getKey(), Map.of());
            // Ignored: a row repeating an earlier one exactly (a line the fuzzer copied), not a reject.
            assertEquals(List.of((long) rows.size(), counts[1] + counts[2] + counts[3], (long) fileRejects.size()),
                    List.of(counts[0], counts[0], counts[2]), file.getKey() + ": read, read, rejected");
            Set<Long> rowLines = rows.stream().map(r -> r.getLong(1)).collect(Collectors.toSet());
            fileRejects.keySet().stream().filter(l -> !rowLines.contains(l))
                    .forEach(l -> failures.add(file.getKey() + ":" + l + " rejected, but it is no row"));
            for (Row row : rows) {
                List<Row> problems = row.getList(MappedRows.SCHEMA.fieldIndex(MappedRows.PROBLEMS));
                String published = fileRejects.get(row.getLong(1));
                if (!problems.isEmpty() && !problems.get(0).getString(3).equals(published)) {
                    failures.add(origins.get(file.getKey()).get((int) row.getLong(1)) + ": the row path found "
                            + problems.get(0).getString(3) + ", the job " + published);
                }
            }
            acceptedByTable.merge(file.getKey().replace(".csv", ""), counts[1], Long::sum);
            overThreshold |= (double) counts[2] / (counts[0] - counts[3]) > MAX_REJECT_SHARE;
        }
        assertEquals(List.of(), failures.stream().limit(20).toList(), failures.size() + " failure(s)");
        assertEquals(overThreshold ? ExitCode.TOO_MANY_REJECTS : ExitCode.OK, exitCode);
        Map<String, Long> published = new TreeMap<>();
        for (CanonicalTable table : CanonicalTable.values()) {
            published.put(table.tableName(), spark.read().parquet(written.resolve("canonical").resolve(table.tableName())
                    .toString()).count());
        }
        // The generator's mapping makes one record of each accepted line, so the tables hold exactly those; it has
        // no exchange-rates source, so that table is written empty.
        acceptedByTable.put(CanonicalTable.EXCHANGE_RATES.tableName(), 0L);
        assertEquals(acceptedByTable, published);
    }

    /**
     * An export through the row path, as the job takes each file of it in the mapping's order.
     *
     * @param folder where the files are shown to be, for messages; null for none
     */
    private static RowPath rowPath(String folder, Map<String, byte[]> files) {
        Map<String, List<Row>> rowsByFile = new LinkedHashMap<>();
        long start = System.nanoTime();
        try {
            for (SourceSpec source : mapping.sources()) {
                if (source.optional() && !files.containsKey(source.file())) {
                    // As the job reads it: an optional file the export lacks gives no rows.
                    continue;
                }
                String shown = folder == null ? source.file() : folder + "/" + source.file();
                List<RecordFramer.Record> records = records(source, files.get(source.file()));
                boolean header = LineReader.startsWithHeader(source);
                RecordMapper mapper = SourceFiles.mapper(source, shown, header && !records.isEmpty() ? records.get(0)
                        : null, asOf, ValueBounds.DEFAULT);
                List<Row> rows = new ArrayList<>();
                for (int i = header ? 1 : 0; i < records.size(); i++) {
                    rows.addAll(mapper.rows(records.get(i)));
                }
                rowsByFile.put(shown, rows);
            }
        } catch (Exception e) {
            return new RowPath(ExitCode.of(e), e, rowsByFile, System.nanoTime() - start);
        }
        return new RowPath(ExitCode.OK, null, rowsByFile, System.nanoTime() - start);
    }

    /** A file's records as the job frames them, read whole. */
    private static List<RecordFramer.Record> records(SourceSpec source, byte[] file) throws IOException {
        RecordFramer.Reader reader = RecordFramer.of(source).reader(new ByteArrayInputStream(file), false,
                Long.MAX_VALUE, RecordFramer.RECORD_START, 1);
        List<RecordFramer.Record> records = new ArrayList<>();
        for (RecordFramer.Record r = reader.next(); r != null; r = reader.next()) {
            records.add(r);
        }
        return records;
    }

    /** A file's lines as Hadoop's text input splits them: on LF, CR or CR LF, without the line break. */
    private static List<byte[]> hadoopLines(byte[] file) throws IOException {
        List<byte[]> lines = new ArrayList<>();
        try (org.apache.hadoop.util.LineReader reader = new org.apache.hadoop.util.LineReader(
                new ByteArrayInputStream(file))) {
            Text line = new Text();
            while (reader.readLine(line) > 0) {
                lines.add(line.copyBytes());
            }
        }
        return lines;
    }

    /** What is wrong with a mapped row: nothing when it is blank, accepted within bounds, or rejected with a reason. */
    private static List<String> rowProblems(String file, Row row) {
        List<String> wrong = new ArrayList<>();
        String where = file + ":" + row.getLong(1) + " ";
        List<Row> problems = row.getList(MappedRows.SCHEMA.fieldIndex(MappedRows.PROBLEMS));
        List<Row> records = new ArrayList<>();
        List<Row> flags = row.getList(MappedRows.SCHEMA.fieldIndex(MappedRows.FLAGS));
        for (CanonicalTable table : CanonicalTable.values()) {
            if (!row.isNullAt(4 + table.ordinal())) {
                records.add(row.getStruct(4 + table.ordinal()));
                boolean flaggedLater = flags.stream().anyMatch(f -> table.tableName().equals(f.getString(0))
                        && RejectReason.DATED_AFTER_AS_OF.name().equals(f.getString(3)));
                wrong.addAll(recordProblems(where, table, row.getStruct(4 + table.ordinal()), flaggedLater));
            }
        }
        String raw = row.getString(2);
        if (raw.indexOf('\0') >= 0) {
            wrong.add(where + "raw line holds a NUL");
        }
        if (row.getBoolean(3)) {
            if (!problems.isEmpty() || !records.isEmpty()) {
                wrong.add(where + "a blank line with records or problems");
            }
            return wrong;
        }
        if (problems.isEmpty() == records.isEmpty()) {
            wrong.add(where + "neither accepted nor rejected, or both: " + problems.size() + " problem(s), "
                    + records.size() + " record(s)");
        }
        for (Row p : problems) {
            if (!REASONS.contains(p.getString(3)) || p.getString(4).isBlank()) {
                wrong.add(where + "a problem without a known reason: " + p);
            }
            if (p.getString(3).equals(RejectReason.BAD_ENCODING.name()) && raw.indexOf('\uFFFD') >= 0) {
                wrong.add(where + "an unreadable line shown with replacement characters: " + raw);
            }
        }
        return wrong;
    }

    /**
     * An accepted record holds nothing out of bounds or changed by decoding, and a date after the as-of date only
     * when it is flagged for it ({@code flaggedLater}).
     */
    private static List<String> recordProblems(String where, CanonicalTable table, Row record, boolean flaggedLater) {
        List<String> wrong = new ArrayList<>();
        for (CanonicalField field : table.fields()) {
            Object value = record.get(table.indexOf(field.name()));
            if (value == null) {
                continue;
            }
            boolean bad = switch (field.type()) {
                case MONEY -> ((BigDecimal) value).scale() != 2
                        || ((BigDecimal) value).abs().compareTo(ValueBounds.MAX_AMOUNT) > 0;
                case DATE -> !ValueBounds.DEFAULT.contains((LocalDate) value)
                        || (!RowRules.FUTURE_DATES.contains(field.name()) && ((LocalDate) value).isAfter(asOf)
                                && !flaggedLater);
                case TEXT -> ((String) value).indexOf('\uFFFD') >= 0 || ((String) value).indexOf('\0') >= 0
                        || ((String) value).startsWith("\uFEFF") || ((String) value).isBlank();
                case RATE -> ((BigDecimal) value).scale() != 10 || ((BigDecimal) value).signum() <= 0;
                case DAYS -> false;
            };
            if (bad) {
                wrong.add(where + "accepted " + table.tableName() + "." + field.name() + " = " + value);
            }
        }
        return wrong;
    }

    private static String trace(Exception e) {
        StringWriter s = new StringWriter();
        e.printStackTrace(new PrintWriter(s));
        return s.toString().lines().limit(8).collect(Collectors.joining("\n"));
    }
}
