package io.arscope.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a benchmark starts a run in a JVM of its own, as a scheduler would: this JVM's Java and class path, the
 * launcher's flags ({@code jobs/target/launch/jvm-flags}, as {@code jobs/arscope} gives them), then
 * {@code RUN_JAVA_OPTS} (default {@code -Xmx16g}), after them so that a flag given there wins.
 */
final class BenchJvm {

    private BenchJvm() {
    }

    /** The command running {@code mainClass} with {@code args}. */
    static List<String> command(String mainClass, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(List.of(Files.readString(Path.of("jobs/target/launch/jvm-flags")).trim().split("\\s+")));
        command.addAll(List.of(System.getenv().getOrDefault("RUN_JAVA_OPTS", "-Xmx16g").split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        return command;
    }

    /** Runs {@code command}, its output on this one's; its exit code. */
    static int run(List<String> command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }
}
