package io.arscope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.ExitCode;
import io.arscope.run.Progress;
import picocli.CommandLine;

/**
 * {@code --progress}: every command that runs Spark takes it, from the command line or the config file; a command in
 * terminal mode draws its line on stderr only, and clears it before the summary.
 */
@Tag("integration")
class ProgressOptionTest {

    @Test
    void everySparkCommandTakesTheOptionAndGenerateDoesNot() {
        for (String command : new String[] {"run", "ingest", "metrics", "train", "evaluate", "score", "worklist",
            "worklist-backtest", "actions-summary", "forecast", "alerts", "report"}) {
            assertTrue(ArscopeTest.run(command, "--help").out().contains("--progress=<progress>"), command);
        }
        assertFalse(ArscopeTest.run("generate", "--help").out().contains("--progress"));
    }

    @Test
    void anUnknownModeIsAUsageError() {
        ArscopeTest.Run r = ArscopeTest.run("metrics", "--input", "in", "--output", "out", "--progress", "loud");
        assertEquals(ExitCode.USAGE, r.code());
        assertTrue(r.err().startsWith("arscope: Invalid value for option '--progress': 'loud' is no progress mode; "
                + "the modes are auto, off, terminal, log"), r.err());
    }

    @Test
    void theModeComesFromTheConfigFileInAnyCaseAndTheCommandLineWins(@TempDir Path dir) throws Exception {
        // An unquoted off is YAML's false, and still off.
        Path config = Files.writeString(dir.resolve("arscope.yaml"), "metrics: {progress: LOG}\nrun: {progress: off}\n");
        assertEquals(Progress.Mode.LOG, mode(config, "metrics", "--input", "in", "--output", "out"));
        assertEquals(Progress.Mode.TERMINAL, mode(config, "metrics", "--input", "in", "--output", "out",
                "--progress=terminal"));
        assertEquals(Progress.Mode.OFF, mode(config, "run", "--as-of", "2026-10-31", "--root", "r", "--mapping", "m"));
        assertEquals(Progress.Mode.AUTO, mode(config, "forecast", "--input", "in", "--output", "out"));
    }

    private static Progress.Mode mode(Path config, String... args) throws Exception {
        CommandLine arscope = new CommandLine(new Arscope());
        arscope.setDefaultValueProvider(ConfigDefaults.load(config, arscope));
        CommandLine.ParseResult parsed = arscope.parseArgs(args);
        return parsed.subcommand().commandSpec().findOption("--progress").getValue();
    }

    @Test
    void theTerminalLineIsOnStderrAndClearedBeforeTheSummary(@TempDir Path dir) {
        Path history = dir.resolve("history");
        assertEquals(ExitCode.OK, ArscopeTest.run("generate", "--output", history.toString(), "--invoices", "100")
                .code());
        ArscopeTest.Run r = ArscopeTest.run("ingest", "--input", history.toString(), "--mapping",
                "../data-samples/mappings/arscope-generator.yaml", "--output", dir.resolve("ingested").toString(),
                "--as-of", "2026-10-31", "--progress", "terminal");
        assertEquals(ExitCode.OK, r.code(), r.err());
        assertFalse(r.out().contains("\r") || r.out().contains(" · "), r.out());
        assertTrue(r.out().contains("ingest: "), r.out());
        // Nothing after the line is cleared: the ingest had no warning.
        assertTrue(r.err().endsWith("\r"), r.err());
        List<String> drawn = Arrays.asList(r.err().substring(1).split("\r"));
        assertTrue(drawn.size() >= 2, r.err());
        String cleared = drawn.get(drawn.size() - 1);
        String last = drawn.get(drawn.size() - 2);
        assertTrue(cleared.isBlank() && cleared.length() == last.stripTrailing().length(), r.err());
        assertTrue(drawn.subList(0, drawn.size() - 1).stream().allMatch(l -> l.startsWith("ingest")), r.err());
    }
}
