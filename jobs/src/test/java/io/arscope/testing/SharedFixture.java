package io.arscope.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A costly test fixture (a whole pipeline run) built once per Maven build and shared by every test JVM of that
 * build: the tests run in two forks, and each would otherwise build it again. The first JVM to ask builds the folder
 * under a file lock; the others wait on the lock and read what it built. A build that failed leaves no mark, so the
 * next JVM to ask tries again.
 *
 * <p>The build id comes from the pom ({@value #BUILD_ID}, Maven's session start); a test run outside Maven gets a
 * folder of its own JVM.
 */
public final class SharedFixture {
    /** The system property naming this Maven build. */
    public static final String BUILD_ID = "arscope.build.id";

    /** What builds a fixture into its (empty) folder. */
    @FunctionalInterface
    public interface Build {
        void into(Path folder) throws Exception;
    }

    private SharedFixture() {
    }

    /** This build's folder of fixtures, {@code target/fixtures/<build id>}, absolute. */
    public static Path buildFolder() {
        String id = System.getProperty(BUILD_ID, "jvm-" + ProcessHandle.current().pid());
        return Path.of("target", "fixtures", id).toAbsolutePath();
    }

    /** {@code name} in this build's folder, built by {@code build} unless a JVM of this build already has. */
    public static Path folder(String name, Build build) {
        return folder(buildFolder(), name, build);
    }

    /** {@code parent/name}, built by {@code build} unless a JVM of this build already has. */
    public static synchronized Path folder(Path parent, String name, Build build) {
        Path folder = parent.resolve(name);
        try {
            Files.createDirectories(parent);
            try (FileChannel channel = FileChannel.open(parent.resolve(name + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                Path built = parent.resolve(name + ".built");
                if (!Files.exists(built)) {
                    delete(folder);
                    Files.createDirectories(folder);
                    build.into(folder);
                    Files.createFile(built);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("building the test fixture " + folder + " failed", e);
        }
        return folder;
    }

    private static void delete(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
