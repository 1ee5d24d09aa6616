package io.arscope.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line that starts arscope in a JVM of its own, as a scheduler does, for tests that kill or lock a run:
 * this test JVM's Java and class path, the launcher's JVM flags, the tests' JVM flags (the root pom's
 * {@code test.jvm.flags}), 1 GB of heap.
 */
public final class ArscopeJvm {

    private ArscopeJvm() {
    }

    /**
     * {@code java ... io.arscope.cli.Arscope} followed by {@code args}, with the JVM settings users run and the
     * build's {@code test.jvm.flags}.
     */
    public static List<String> command(List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx1g"));
        command.addAll(List.of(Files.readString(Path.of("target", "launch", "jvm-flags")).trim().split("\\s+")));
        String flags = System.getProperty("arscope.test.jvm.flags", "").trim();
        if (!flags.isEmpty()) {
            command.addAll(List.of(flags.split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.arscope.cli.Arscope"));
        command.addAll(args);
        return command;
    }
}
