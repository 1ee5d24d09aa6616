package io.arscope.walkthroughs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.arscope.testing.PipelineOutputs;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Runs every walk-through in notebooks-docs/walkthroughs as JShell runs it, snippet by snippet in a separate JVM,
 * against the outputs of the jobs on a generated history: a snippet that no longer compiles or throws fails the
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
                "-Darscope.forecast=" + outputs.forecast(), "-Darscope.worklist=" + outputs.worklist(),
                "--class-path", classPath));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        List<String> problems = new ArrayList<>();
        int snippets = 0;
        try (JShell shell = JShell.builder().out(out).err(out).remoteVMOptions(vm.toArray(String[]::new))
                .compilerOptions("--class-path", classPath).build()) {
            // Commands such as /exit are for the jshell tool, not Java: leave them out.
            String remaining = Files.readAllLines(DIR.resolve(file)).stream().filter(l -> !l.startsWith("/"))
                    .collect(Collectors.joining("\n"));
            while (!remaining.isBlank()) {
                SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(remaining);
                if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                    break;
                }
                if (!info.completeness().isComplete()) {
                    fail(file + ": incomplete snippet at the end: " + remaining);
                }
                remaining = info.remaining();
                for (SnippetEvent e : shell.eval(info.source())) {
                    if (e.status() == Snippet.Status.REJECTED) {
                        problems.add("does not compile: " + e.snippet().source() + " -> " + shell.diagnostics(
                                e.snippet()).map(d -> d.getMessage(null)).toList());
                    } else if (e.exception() != null) {
                        problems.add("throws " + e.exception() + ": " + e.snippet().source());
                    }
                }
                snippets++;
                if (!problems.isEmpty()) {
                    break;
                }
            }
        }
        String text = printed.toString(StandardCharsets.UTF_8);
        assertEquals(List.of(), problems, file + " printed:\n" + text);
        assertTrue(snippets > 5, file + " ran " + snippets + " snippets");
        assertTrue(text.contains("checked") || !file.equals("cfo-metrics.jsh"), text);
    }
}
