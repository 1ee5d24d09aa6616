package io.arscope.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.testing.FolderSnapshot;

/**
 * {@link PublishedFolder} on local folders: the output is a link switched to each new version when it is
 * published, the version before stays for readers still on it and older ones go, a discarded version leaves the
 * published one byte for byte as it was, a plain folder from before links existed is kept as a version, and an
 * output that is a file is refused.
 */
class PublishedFolderTest {

    private static final Configuration HADOOP = new Configuration();

    @TempDir
    Path dir;

    @Test
    void publishingPointsTheLinkAtTheNewVersion() throws Exception {
        Path out = dir.resolve("out");
        Path version = publish(out, Map.of("a.csv", bytes("1,2\n")));
        assertTrue(Files.isSymbolicLink(out));
        // Relative, so that the parent folder can be moved or mounted elsewhere with its outputs.
        assertEquals(Path.of(".out.versions", version.getFileName().toString()), Files.readSymbolicLink(out));
        assertEquals(version.toRealPath(), out.toRealPath());
        assertEquals(Map.of("a.csv", "1,2\n"), text(FolderSnapshot.of(out)));
        assertEquals(List.of(".out.versions", "out"), names(dir), "no .out.next left behind");
    }

    @Test
    void aSecondPublicationSwitchesTheLinkAndKeepsExactlyThePreviousVersion() throws Exception {
        Path out = dir.resolve("out");
        Path first = publish(out, Map.of("a.csv", bytes("first")));
        Path second = publish(out, Map.of("a.csv", bytes("second")));
        assertEquals(second.toRealPath(), out.toRealPath());
        assertEquals(Map.of("a.csv", "second"), text(FolderSnapshot.of(out)));
        assertEquals(sorted(first, second), names(PublishedFolder.versions(out)));
        assertEquals(Map.of("a.csv", "first"), text(FolderSnapshot.of(first)), "the previous version, for readers still on it");
    }

    @Test
    void aThirdPublicationPrunesTheOldestVersion() throws Exception {
        Path out = dir.resolve("out");
        Path first = publish(out, Map.of("a.csv", bytes("first")));
        Path second = publish(out, Map.of("a.csv", bytes("second")));
        Path third = publish(out, Map.of("a.csv", bytes("third")));
        assertEquals(third.toRealPath(), out.toRealPath());
        assertEquals(sorted(second, third), names(PublishedFolder.versions(out)));
        assertFalse(Files.exists(first));
    }

    @Test
    void discardingLeavesThePublishedVersionByteForByte() throws Exception {
        Path out = dir.resolve("out");
        byte[] binary = {0, 1, 2, (byte) 0xff, '\n', '\r'};
        Path published = publish(out, Map.of("a.csv", bytes("1,2\n"), "table/part-0.parquet", binary,
                "run.json", bytes("{\"rows\":2}")));
        Map<String, byte[]> before = FolderSnapshot.of(out);

        PublishedFolder next = PublishedFolder.begin(out.toString(), HADOOP);
        write(Path.of(next.folder()), Map.of("a.csv", bytes("3,4\n"), "table/part-0.parquet", bytes("other"),
                "extra.csv", bytes("x")));
        next.discard(HADOOP);

        assertFalse(Files.exists(Path.of(next.folder())));
        assertEquals(published.toRealPath(), out.toRealPath());
        FolderSnapshot.assertSame(before, FolderSnapshot.of(out));
        assertEquals(sorted(published), names(PublishedFolder.versions(out)));
    }

    @Test
    void aPlainFolderFromBeforeIsKeptAsAVersionAndReplacedByTheLink() throws Exception {
        Path out = dir.resolve("out");
        write(out, Map.of("old.csv", bytes("old"), "nested/old.parquet", bytes("old table")));
        Map<String, byte[]> old = FolderSnapshot.of(out);

        PublishedFolder next = PublishedFolder.begin(out.toString(), HADOOP);
        write(Path.of(next.folder()), Map.of("new.csv", bytes("new")));
        FolderSnapshot.assertSame(old, FolderSnapshot.of(out));
        assertFalse(Files.isSymbolicLink(out), "readers see the plain folder until the publication");
        next.publish(HADOOP);

        assertTrue(Files.isSymbolicLink(out));
        assertEquals(Map.of("new.csv", "new"), text(FolderSnapshot.of(out)));
        Path kept = PublishedFolder.versions(out).resolve("00000000T000000.000Z-earlier");
        FolderSnapshot.assertSame(old, FolderSnapshot.of(kept));
        assertEquals(sorted(kept, Path.of(next.folder())), names(PublishedFolder.versions(out)));
    }

    @Test
    void anOutputThatIsAFileIsRefused() throws IOException {
        Path out = Files.writeString(dir.resolve("out"), "a file");
        UsageException refused = assertThrows(UsageException.class, () -> PublishedFolder.begin(out.toString(),
                HADOOP));
        assertEquals("output " + out + " is a file, not a folder", refused.getMessage());
        assertEquals("a file", Files.readString(out));
        assertEquals(List.of("out"), names(dir), "no version folder started");
    }

    /** Builds a version holding {@code files} and publishes it; returns its folder. */
    private static Path publish(Path out, Map<String, byte[]> files) throws Exception {
        PublishedFolder version = PublishedFolder.begin(out.toString(), HADOOP);
        write(Path.of(version.folder()), files);
        version.publish(HADOOP);
        return Path.of(version.folder());
    }

    private static void write(Path folder, Map<String, byte[]> files) throws IOException {
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path file = folder.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, f.getValue());
        }
    }

    private static Map<String, String> text(Map<String, byte[]> files) {
        Map<String, String> text = new TreeMap<>();
        files.forEach((name, content) -> text.put(name, new String(content, StandardCharsets.UTF_8)));
        return text;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> children = Files.list(folder)) {
            return children.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> sorted(Path... folders) {
        return Stream.of(folders).map(p -> p.getFileName().toString()).sorted().toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
