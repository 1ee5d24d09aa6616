package io.arscope.report;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;

import com.fasterxml.jackson.core.type.TypeReference;
import com.univocity.parsers.common.record.Record;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;

import io.arscope.ingest.IngestTables;
import io.arscope.job.InputException;
import io.arscope.metrics.MetricsTables;
import io.arscope.run.OutputFiles;
import io.arscope.run.RunManifest;

/**
 * What ingest rejected of the export behind the figures, as the report says it under its title: no figure holds a
 * rejected row, and a realistic SAP extract can lose a fifth of an open-items file (a payment line clearing several
 * invoices, residual items) while the whole run's share, diluted by a rates file, reads 1.4%.
 */
final class IngestRejects {

    /**
     * One source file's counts, from the ingest's reconciliation.csv: its data rows are the rows read less those the
     * mapping ignores (report layout, repeats of an earlier row), as the ingest's reject share counts them; a line
     * export's extra lines of one invoice would otherwise halve its share.
     */
    record SourceFile(String file, long read, long ignored, long rejected) {

        /** The rows the ingest took as data: its reject share's base. */
        long dataRows() {
            return read - ignored;
        }
    }

    /** Files named before the rest are counted together. */
    static final int FILES_NAMED = 4;

    private IngestRejects() {
    }

    /**
     * The sentence for the ingest the metrics run at {@code metrics} read; null when nothing was rejected, or when
     * that run or its ingest does not record its counts (outputs from before they did).
     */
    static String of(SparkSession spark, String metrics) throws InputException {
        RunManifest<Map<String, Object>, Map<String, Object>, Map<String, Object>> run = RunManifest.readIfThere(
                spark, OutputFiles.child(metrics, MetricsTables.MANIFEST), "metrics", new TypeReference<>() { });
        if (run == null || run.options() == null || !(run.options().get("input") instanceof String input)) {
            return null;
        }
        String reconciliation = OutputFiles.child(input, IngestTables.RECONCILIATION_CSV);
        String text;
        try {
            text = OutputFiles.readText(spark, reconciliation);
        } catch (FileNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new InputException("cannot read " + reconciliation + ", the reconciliation of the ingest the "
                    + "metrics run read: " + e.getMessage());
        }
        CsvParserSettings settings = new CsvParserSettings();
        settings.setHeaderExtractionEnabled(true);
        List<SourceFile> files = new ArrayList<>();
        for (Record r : new CsvParser(settings).parseAllRecords(new StringReader(text))) {
            if ("ALL".equals(r.getString("reason_code"))) {
                files.add(new SourceFile(r.getString("source_file"), r.getLong("read"), r.getLong("ignored"),
                        r.getLong("rejected")));
            }
        }
        return sentence(files);
    }

    /**
     * "Ingest rejected 18 of the 1,277 data rows (1.4%; of the 1,302 rows read, the mapping ignored 25): BSID.csv 10
     * of 57 (17.5%), BSAD.csv 8 of 564 (1.4%). ..." The files with the most rejected first; null when none was
     * rejected. The rows read are named beside the data rows, as ingest counts them: a reader holding the ingest's
     * "2,705 rows read" would otherwise find a 946 unexplained.
     */
    static String sentence(List<SourceFile> files) {
        long data = files.stream().mapToLong(SourceFile::dataRows).sum();
        long read = files.stream().mapToLong(SourceFile::read).sum();
        long rejected = files.stream().mapToLong(SourceFile::rejected).sum();
        if (rejected == 0) {
            return null;
        }
        List<SourceFile> with = files.stream().filter(f -> f.rejected() > 0)
                .sorted(Comparator.comparingLong(SourceFile::rejected).reversed()
                        .thenComparing(SourceFile::file))
                .toList();
        List<String> named = new ArrayList<>();
        for (SourceFile f : with.subList(0, Math.min(FILES_NAMED, with.size()))) {
            named.add(String.format("%s %,d of %,d (%s)", f.file(), f.rejected(), f.dataRows(),
                    percent(f.rejected(), f.dataRows())));
        }
        int more = with.size() - named.size();
        String others = more == 0 ? ""
                : String.format(" and %,d more file%s", more, more == 1 ? "" : "s");
        String base = read == data ? String.format("%,d rows read (%s)", read, percent(rejected, data))
                : String.format("%,d data rows (%s; of the %,d rows read, the mapping ignored %,d)", data,
                        percent(rejected, data), read, read - data);
        return String.format("Ingest rejected %,d of the %s: %s%s. No figure in this report holds what those rows "
                + "hold; the ingest's rejects.csv gives each one's line, field and reason.", rejected, base,
                String.join(", ", named), others);
    }

    private static String percent(long part, long whole) {
        return String.format("%.1f%%", 100.0 * part / whole);
    }
}
