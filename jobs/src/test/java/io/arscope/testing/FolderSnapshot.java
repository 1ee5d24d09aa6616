package io.arscope.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Every file under a folder, byte for byte, to check that a failed or killed run left published outputs alone. */
public final class FolderSnapshot {

    private FolderSnapshot() {
    }

    /** Every file under the folder (a link to it followed), by relative path. */
    public static Map<String, byte[]> of(Path folder) throws IOException {
        Path real = folder.toRealPath();
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> tree = Files.walk(real)) {
            for (Path p : (Iterable<Path>) tree.filter(Files::isRegularFile)::iterator) {
                files.put(real.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    /** The same files with the same bytes. */
    public static void assertSame(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((name, content) -> assertArrayEquals(content, actual.get(name), name));
    }
}
