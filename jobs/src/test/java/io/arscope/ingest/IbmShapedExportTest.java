package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.arscope.cli.Arscope;
import io.arscope.job.ExitCode;
import io.arscope.metrics.MetricsTables;
import io.arscope.report.ReportJob;
import io.arscope.testing.IbmExport;

/**
 * An export of IBM's shape, as two overlapping extracts joined give it and as IBM's own export ends: its invoices
 * stop on 2 December while its settlements run to the 30th. Through the shipped mapping, as of 2013-12-31:
 *
 * <pre>
 * line  invoice      issued      amount  settled
 * 2     0000000001   2013-09-28  100.00  2013-10-20
 * 3     0000000002   2013-10-30  200.00  2013-11-25
 * 4     0000000003   2013-11-27  300.00  2013-12-20
 * 5     0000000004   2013-12-02  400.00  2013-12-30
 * 6     line 4 again, every field the same (the second extract's copy)
 * </pre>
 *
 * Line 6 is ignored as a repeat, not rejected: 5 read, 4 accepted, 1 ignored. December's last invoice (day 2) is
 * more than 7 days earlier than the last of each month before (28, 30, 27): metrics publishes with warnings (exit 7),
 * the manifest records why, and the CFO report says it above the headline figures. Then one of the ingest's Parquet
 * files is cut short, as an interrupted copy leaves it: metrics ends with exit 3 and a line naming the file, not
 * exit 1 and a stack trace ("unexpected failure: SparkException: Job aborted due to stage failure ... is not a
 * Parquet file").
 */
@Tag("integration")
class IbmShapedExportTest {

    private static final String CUT_OFF = "invoices in 2013-12 stop on 2013-12-02, while in each of the 3 months "
            + "before they ran to day 27 or later (2013-12 has 1 invoice, against 1 a month on average before): if "
            + "the export was cut early, 2013-12's credit sales are short and its DSO and CEI are not comparable";

    @TempDir
    static Path dir;
    private static int ingestExit;
    private static int metricsExit;
    private static int reportExit;
    private static Path damaged;
    private static int damagedExit;
    private static String damagedErr;

    @BeforeAll
    static void run() throws Exception {
        Path export = IbmExport.write(dir,
                "391,0379-NEVHP,4/6/2013,0000000001,9/28/2013,10/28/2013,100.00,No,10/20/2013,Paper,22,0",
                "391,0379-NEVHP,4/6/2013,0000000002,10/30/2013,11/29/2013,200.00,No,11/25/2013,Paper,26,0",
                "406,8976-AMJEO,3/3/2012,0000000003,11/27/2013,12/27/2013,300.00,No,12/20/2013,Electronic,23,0",
                "406,8976-AMJEO,3/3/2012,0000000004,12/2/2013,1/1/2014,400.00,No,12/30/2013,Electronic,28,0",
                "406,8976-AMJEO,3/3/2012,0000000004,12/2/2013,1/1/2014,400.00,No,12/30/2013,Electronic,28,0");
        String mapping = IbmExport.mapping();
        ingestExit = Arscope.execute("ingest", "--input", export.toString(), "--mapping", mapping, "--output",
                dir.resolve("ingest").toString(), "--as-of", "2013-12-31", "--master", "local[2]");
        metricsExit = Arscope.execute("metrics", "--input", dir.resolve("ingest").toString(), "--output",
                dir.resolve("metrics").toString(), "--as-of", "2013-12-31", "--master", "local[2]");
        reportExit = Arscope.execute("report", "--metrics", dir.resolve("metrics").toString(), "--output",
                dir.resolve("report").toString(), "--master", "local[2]");
        damageACopyOfTheIngestThenMeasureIt();
    }

    private static void damageACopyOfTheIngestThenMeasureIt() throws IOException {
        Path copy = dir.resolve("copied-ingest");
        Path from = dir.resolve("ingest").toRealPath();
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path to = copy.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else if (!f.getFileName().toString().endsWith(".crc")) {
                    Files.copy(f, to);
                }
            }
        }
        try (Stream<Path> files = Files.walk(copy.resolve("canonical/invoices"))) {
            damaged = files.filter(f -> f.toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
        }
        try (RandomAccessFile file = new RandomAccessFile(damaged.toFile(), "rw")) {
            file.setLength(file.length() / 2);
        }
        StringWriter err = new StringWriter();
        damagedExit = Arscope.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true),
                "metrics", "--input", copy.toString(), "--output", dir.resolve("damaged-metrics").toString(),
                "--as-of", "2013-12-31", "--master", "local[2]");
        damagedErr = err.toString();
    }

    @Test
    void theSecondExtractsCopyIsIgnoredAsARepeatNotRejected() throws Exception {
        assertEquals(ExitCode.OK, ingestExit);
        // read, accepted, flagged, rejected, ignored; then the ignored rows by condition.
        assertEquals(List.of("ibm-accounts-receivable.csv,ALL,5,4,0,0,1",
                        "ibm-accounts-receivable.csv,IGNORED: " + RepeatedRows.CONDITION + ",,,,,1"),
                Files.readAllLines(dir.resolve("ingest").resolve(IngestTables.RECONCILIATION_CSV)).subList(1, 3));
        assertEquals(1, Files.readAllLines(dir.resolve("ingest").resolve(IngestTables.REJECTS_CSV)).size());
    }

    @Test
    void metricsWarnThatDecembersInvoicesStopEarlyAndTheReportSaysSo() throws Exception {
        assertEquals(ExitCode.PUBLISHED_WITH_WARNINGS, metricsExit);
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("metrics").resolve(MetricsTables.MANIFEST)
                .toFile());
        assertEquals("complete_with_warnings", manifest.get("status").asText());
        assertEquals(CUT_OFF, manifest.get("outputs").get("invoicing_cut_off").asText());
        assertEquals(ExitCode.OK, reportExit);
        String html = Files.readString(dir.resolve("report").resolve(ReportJob.REPORT));
        assertTrue(html.contains("<p class=\"note\">Read the latest month with care: " + CUT_OFF + ".</p>"), html);
    }

    @Test
    void aParquetFileCutShortEndsTheNextJobWithExitThreeNamingTheFile() {
        assertEquals(ExitCode.INPUT, damagedExit, damagedErr);
        List<String> said = damagedErr.lines().filter(l -> l.startsWith("arscope metrics:")).toList();
        assertEquals(1, said.size(), damagedErr);
        assertTrue(said.get(0).startsWith("arscope metrics: an input file is damaged: file:" + damaged
                + " is not a Parquet file. Expected magic number at tail"), said.get(0));
        assertTrue(said.get(0).endsWith("; write it again (run the job that made it, or copy it again) and rerun"),
                said.get(0));
    }
}
