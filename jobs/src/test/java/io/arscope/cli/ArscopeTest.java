package io.arscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.ExitCode;

/** The command line's contract with schedulers: help on every subcommand, exit codes, config-file defaults. */
class ArscopeTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Arscope.execute(new PrintWriter(o, true), new PrintWriter(e, true), args);
        return new Run(code, o.toString(), e.toString());
    }

    @Test
    void everySubcommandHasHelp() {
        for (String sub : new String[] {"ingest", "metrics", "train", "evaluate", "score", "worklist",
            "worklist-backtest", "actions-summary", "forecast", "alerts", "report", "generate"}) {
            Run r = run(sub, "--help");
            assertEquals(ExitCode.OK, r.code(), sub);
            assertTrue(r.out().startsWith("Usage: arscope " + sub), r.out());
        }
        Run ingest = run("ingest", "--help");
        for (String option : new String[] {"--input", "--mapping", "--output", "--as-of", "--config",
                "--max-reject-share"}) {
            assertTrue(ingest.out().contains(option), option);
        }
        Run top = run("--help");
        assertTrue(top.out().contains("Exit codes: 0 success"), top.out());
    }

    @Test
    void forecastAndReportSayWhichJobToRunFirst() {
        Run forecast = run("forecast", "--input", "no-such-folder", "--output", "x");
        assertEquals(ExitCode.INPUT, forecast.code());
        assertTrue(forecast.err().contains("run arscope ingest first"), forecast.err());
        Run report = run("report", "--metrics", "no-such-folder", "--output", "x");
        assertEquals(ExitCode.INPUT, report.code());
        assertTrue(report.err().contains("no-such-folder holds no period_metrics; run arscope metrics first"), report.err());
    }

    @Test
    void usageErrorsExitWithTwoAndSayWhatIsWrong() {
        Run missing = run("ingest", "--input", "x");
        assertEquals(ExitCode.USAGE, missing.code());
        assertTrue(missing.err().contains("Missing required options"), missing.err());
        Run badDate = run("generate", "--output", "x", "--start", "2024-13-01");
        assertEquals(ExitCode.USAGE, badDate.code());
        assertTrue(badDate.err().contains("--start"), badDate.err());
        assertEquals(ExitCode.USAGE, run("no-such-job").code());
        Run none = run();
        assertEquals(ExitCode.USAGE, none.code());
        assertTrue(none.err().startsWith("arscope: a command is required\nUsage: arscope"), none.err());
        assertEquals("", none.out());
    }

    @Test
    void aConfigFileGivesDefaultsAndTheCommandLineWins(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("arscope.yaml"), "generate:\n  invoices: 400\n  months: 12\n  seed: 9\n");
        Run r = run("generate", "--config", dir.resolve("arscope.yaml").toString(), "--output",
                dir.resolve("out").toString(), "--seed", "10");
        assertEquals(ExitCode.OK, r.code(), r.err());
        // 400 invoices / 15 = 26 customers.
        assertEquals(26, Files.readAllLines(dir.resolve("out/customers.csv")).size() - 1);
        assertTrue(r.out().contains("history 2023-11-01 to 2024-10-31"), r.out());
        Run again = run("generate", "--output", dir.resolve("again").toString(), "--invoices", "400", "--months",
                "12", "--seed", "10");
        assertEquals(Files.readString(dir.resolve("out/invoices.csv")),
                Files.readString(dir.resolve("again/invoices.csv")));
        assertEquals(ExitCode.OK, again.code());
        Files.writeString(dir.resolve("broken.yaml"), "- just a list\n");
        assertEquals(ExitCode.USAGE, run("generate", "--config", dir.resolve("broken.yaml").toString(), "--output",
                "x").code());
    }

    @Test
    void metricsWithoutAnIngestRunIsAnInputErrorSayingWhatToDo(@TempDir Path dir) {
        Run r = run("metrics", "--input", dir.toString(), "--output", dir.resolve("m").toString());
        assertEquals(ExitCode.INPUT, r.code());
        assertTrue(r.err().contains("run arscope ingest first"), r.err());
        Run badBuckets = run("metrics", "--input", dir.toString(), "--output", "x", "--buckets", "60,30");
        assertEquals(ExitCode.USAGE, badBuckets.code());
        assertTrue(badBuckets.err().contains("increasing"), badBuckets.err());
    }
}
