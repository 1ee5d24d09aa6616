package io.arscope.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/**
 * A command's output folder, published atomically. A run builds its outputs in a version folder of its own beside
 * the output, {@code <parent>/.<name>.versions/<start time>}; when the job has succeeded, {@code <parent>/<name>}
 * (a symbolic link) is switched to it in one rename. A reader, or a scheduler looking at the manifest, sees the
 * previous complete output or the new one; a run that fails or is killed leaves the previous one exactly as it was.
 * The version before the published one is kept for readers still on it; older and unfinished ones are removed.
 *
 * <p>An output given as a URI ({@code hdfs://}, {@code s3a://}) has no symbolic links: it is built in a sibling
 * folder {@code <name>.staging} and moved into place when complete, a delete and a rename through Hadoop's file
 * system, atomic where that file system's rename is.
 */
public final class PublishedFolder {
    static final String VERSIONS = ".versions";
    private static final DateTimeFormatter VERSION_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final String output;
    private final Path link;
    private final String staging;

    private PublishedFolder(String output, Path link, String staging) {
        this.output = output;
        this.link = link;
        this.staging = staging;
    }

    /**
     * Starts a new version of {@code output}: creates its empty folder.
     *
     * @throws UsageException when {@code output} is a file
     */
    public static PublishedFolder begin(String output, Configuration hadoop) throws IOException, UsageException {
        if (output.contains("://")) {
            org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(output);
            org.apache.hadoop.fs.Path stage = target.suffix(".staging");
            FileSystem fs = target.getFileSystem(hadoop);
            fs.delete(stage, true);
            fs.mkdirs(stage);
            return new PublishedFolder(output, null, stage.toString());
        }
        Path link = Path.of(output).toAbsolutePath().normalize();
        if (Files.isRegularFile(link, LinkOption.NOFOLLOW_LINKS)) {
            throw new UsageException("output " + output + " is a file, not a folder");
        }
        Path versions = versions(link);
        Files.createDirectories(versions);
        Instant now = Instant.now();
        for (int attempt = 0; ; attempt++) {
            Path version = versions.resolve(VERSION_ID.format(now) + (attempt == 0 ? "" : "-" + attempt));
            try {
                return new PublishedFolder(output, link, Files.createDirectory(version).toString());
            } catch (FileAlreadyExistsException e) {
                // Two runs in the same millisecond: the names only have to differ.
            }
        }
    }

    /** The folder to write the new version into. */
    public String folder() {
        return staging;
    }

    /** Makes the new version the published one, in one rename. */
    public void publish(Configuration hadoop) throws IOException {
        if (link == null) {
            org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(output);
            FileSystem fs = target.getFileSystem(hadoop);
            fs.delete(target, true);
            if (!fs.rename(new org.apache.hadoop.fs.Path(staging), target)) {
                throw new IOException("could not move " + staging + " to " + output);
            }
            return;
        }
        Optional<Path> previous = published(link);
        Path versions = versions(link);
        if (Files.exists(link, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(link)) {
            // A plain folder from an earlier version of arscope: kept as a version, so the switch below is a rename.
            Path moved = versions.resolve("00000000T000000.000Z-earlier");
            deleteTree(moved);
            Files.move(link, moved, StandardCopyOption.ATOMIC_MOVE);
            previous = Optional.of(moved);
        }
        Path next = link.resolveSibling("." + link.getFileName() + ".next");
        Files.deleteIfExists(next);
        Files.createSymbolicLink(next, link.getParent().relativize(Path.of(staging)));
        Files.move(next, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        prune(versions, Path.of(staging), previous.orElse(null));
    }

    /** Removes the unfinished new version after a failure; the published one is untouched. */
    public void discard(Configuration hadoop) throws IOException {
        if (link == null) {
            org.apache.hadoop.fs.Path stage = new org.apache.hadoop.fs.Path(staging);
            stage.getFileSystem(hadoop).delete(stage, true);
        } else {
            deleteTree(Path.of(staging));
        }
    }

    static Path versions(Path link) {
        return link.resolveSibling("." + link.getFileName() + VERSIONS);
    }

    private static Optional<Path> published(Path link) throws IOException {
        if (!Files.isSymbolicLink(link)) {
            return Optional.empty();
        }
        return Optional.of(link.getParent().resolve(Files.readSymbolicLink(link)).normalize());
    }

    /** Deletes every version but the published one and the one before it (unfinished ones of killed runs too). */
    private static void prune(Path versions, Path current, Path previous) throws IOException {
        List<Path> all;
        try (Stream<Path> children = Files.list(versions)) {
            all = children.toList();
        }
        for (Path version : all) {
            if (!version.equals(current) && !version.equals(previous)) {
                deleteTree(version);
            }
        }
    }

    /** Deletes a folder and everything under it, without following links out of it. */
    public static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(folder)) {
            tree.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
