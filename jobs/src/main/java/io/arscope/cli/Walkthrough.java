package io.arscope.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Runs a walk-through (notebooks-docs/walkthroughs/*.jsh) snippet by snippet in a JVM of its own, as JShell reads a
 * whole source (a statement continued on a line that starts with {@code .} is one snippet, which the jshell tool
 * reading a file line by line would split), and stops at the first snippet that does not compile or throws, naming
 * it. {@code jobs/arscope-jshell <file>.jsh} runs a walk-through this way and CI's {@code WalkthroughTest} too, so
 * what a user runs is what CI checked, and a broken walk-through ends with exit 1 rather than printing on.
 */
public final class Walkthrough {

    private Walkthrough() {
    }

    /** What running a walk-through came to: the snippets run, and the first problem (null when there was none). */
    public record Result(int snippets, String problem) {
    }

    /** {@code Walkthrough <file.jsh> [option of the JVM that runs the snippets]...}: exit 1 on a problem, 2 on usage. */
    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("usage: Walkthrough <walk-through.jsh> [JVM option]...");
            System.exit(2);
        }
        Result r = run(Path.of(args[0]), Arrays.asList(args).subList(1, args.length),
                System.getProperty("java.class.path"), System.out);
        if (r.problem() != null) {
            System.err.println("arscope-jshell: error: " + args[0] + ": " + r.problem());
            System.exit(1);
        }
    }

    /**
     * Runs the file's snippets, leaving out the jshell tool's commands ({@code /exit}); everything they print goes
     * to {@code out}.
     *
     * @param remoteVm  options of the JVM that runs the snippets (Spark's flags, the heap, {@code -Dname=value})
     * @param classPath the class path of that JVM and of the compiler
     */
    public static Result run(Path file, List<String> remoteVm, String classPath, PrintStream out) throws IOException {
        String[] vm = Stream.concat(remoteVm.stream(), Stream.of("--class-path", classPath)).toArray(String[]::new);
        int snippets = 0;
        try (JShell shell = JShell.builder().out(out).err(out).remoteVMOptions(vm)
                .compilerOptions("--class-path", classPath).build()) {
            String remaining = Files.readAllLines(file).stream().filter(l -> !l.startsWith("/"))
                    .collect(Collectors.joining("\n"));
            while (!remaining.isBlank()) {
                SourceCodeAnalysis.CompletionInfo info = shell.sourceCodeAnalysis().analyzeCompletion(remaining);
                if (info.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
                    break;
                }
                if (!info.completeness().isComplete()) {
                    return new Result(snippets, "incomplete snippet at the end: " + remaining.strip());
                }
                remaining = info.remaining();
                for (SnippetEvent e : shell.eval(info.source())) {
                    if (e.status() == Snippet.Status.REJECTED) {
                        return new Result(snippets, "does not compile: " + e.snippet().source().strip() + " -> "
                                + shell.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList());
                    }
                    if (e.exception() != null) {
                        return new Result(snippets, "throws " + e.exception() + ": " + e.snippet().source().strip());
                    }
                }
                snippets++;
            }
        }
        return new Result(snippets, null);
    }
}
