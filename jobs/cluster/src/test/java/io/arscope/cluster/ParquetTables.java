package io.arscope.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the Parquet tables a run wrote in a local folder: the folders Spark marked complete with {@code _SUCCESS}
 * that hold Parquet files (a CSV written by Spark has the marker too, and is not a table).
 */
final class ParquetTables {

    private ParquetTables() {
    }

    /** The tables under {@code root}, as paths relative to it, in sorted order. */
    static List<Path> under(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().equals("_SUCCESS"))
                    .map(Path::getParent)
                    .filter(ParquetTables::holdsParquet)
                    .map(root::relativize)
                    .sorted()
                    .toList();
        }
    }

    private static boolean holdsParquet(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
