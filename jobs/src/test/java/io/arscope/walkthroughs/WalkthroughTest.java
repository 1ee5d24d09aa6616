package io.arscope.walkthroughs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.arscope.cli.Walkthrough;
import io.arscope.testing.PipelineOutputs;

/**
 * Runs every walk-through in notebooks-docs/walkthroughs as {@code jobs/arscope-jshell} runs it ({@link Walkthrough}),
 * snippet by snippet in a separate JVM, against the outputs of the jobs on a generated history: a snippet that no longer compiles or throws fails the
 * build, so the walk-throughs cannot drift from the outputs they read.
 */
@Tag("integration")
class WalkthroughTest {

    private static final Path DIR = Path.of("..", "notebooks-docs", "walkthroughs");

    @ParameterizedTest
    @ValueSource(strings = {"cfo-metrics.jsh", "cash-forecast.jsh", "collections-worklist.jsh"})
    void walkthroughRunsCleanly(String file) throws Exception {
        PipelineOutputs outputs = PipelineOutputs.get();
        String classPath = System.getProperty("java.class.path");
        List<String> vm = new ArrayList<>(Arrays.asList(
                Files.readString(Path.of("target", "launch", "jvm-flags")).trim().split("\\s+")));
        vm.addAll(List.of("-Xmx1g", "-Darscope.metrics=" + outputs.metrics(),
                "-Darscope.forecast=" + outputs.forecast(), "-Darscope.worklist=" + outputs.worklist()));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Walkthrough.Result result = Walkthrough.run(DIR.resolve(file), vm, classPath,
                new PrintStream(printed, true, StandardCharsets.UTF_8));
        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(null, result.problem(), file + " printed:\n" + text);
        assertTrue(result.snippets() > 5, file + " ran " + result.snippets() + " snippets");
        assertTrue(text.contains("checked") || !file.equals("cfo-metrics.jsh"), text);
    }
}
