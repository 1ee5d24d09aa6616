package io.arscope.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.testing.TestSpark;

/**
 * The session's local file system sets the permissions Hadoop's own sets by running chmod, file by file and folder
 * by folder, Hadoop's umask applied.
 */
class InProcessLocalFileSystemTest {

    @TempDir
    java.nio.file.Path dir;

    @Test
    void modeBitsAreReadOwnerGroupOthers() {
        assertEquals("rw-r--r--", PosixFilePermissions.toString(InProcessLocalFileSystem.posix(0644)));
        assertEquals("rwxr-x---", PosixFilePermissions.toString(InProcessLocalFileSystem.posix(0750)));
        assertEquals("r---w---x", PosixFilePermissions.toString(InProcessLocalFileSystem.posix(0421)));
        assertEquals("---------", PosixFilePermissions.toString(InProcessLocalFileSystem.posix(0)));
    }

    @Test
    void filesAndFoldersGetThePermissionsHadoopsChmodGives() throws IOException {
        Configuration conf = new Configuration();
        LocalFileSystem hadoops = new LocalFileSystem();
        hadoops.initialize(URI.create("file:///"), conf);
        InProcessLocalFileSystem ours = new InProcessLocalFileSystem();
        ours.initialize(URI.create("file:///"), conf);
        for (int mode : List.of(0644, 0640, 0777, 0600, 0751)) {
            FsPermission permission = new FsPermission((short) mode);
            String expectedFile = null;
            String expectedFolder = null;
            String expectedParent = null;
            for (FileSystem fs : List.of(hadoops, ours)) {
                Path file = new Path(dir.toUri().toString(), fs.getClass().getSimpleName() + mode + ".txt");
                try (FSDataOutputStream out = fs.create(file, permission, true, 4096, (short) 1, 1 << 20, null)) {
                    out.writeBytes("x");
                }
                Path folder = new Path(dir.toUri().toString(), fs.getClass().getSimpleName() + mode + "/a/b");
                assertTrue(fs.mkdirs(folder, permission));
                String fileMode = mode(file);
                String folderMode = mode(folder);
                String parentMode = mode(folder.getParent());
                if (expectedFile == null) {
                    expectedFile = fileMode;
                    expectedFolder = folderMode;
                    expectedParent = parentMode;
                }
                assertEquals(expectedFile, fileMode, "file " + Integer.toOctalString(mode));
                assertEquals(expectedFolder, folderMode, "folder " + Integer.toOctalString(mode));
                assertEquals(expectedParent, parentMode, "parent " + Integer.toOctalString(mode));
            }
        }
        // Hadoop's umask (022) applies as before: 0777 asked gives rwxr-xr-x.
        assertEquals("rwxr-xr-x", mode(new Path(dir.toUri().toString(), "InProcessLocalFileSystem" + 0777 + ".txt")));
    }

    @Test
    void theSessionsLocalFilesAreWrittenThroughIt() throws IOException {
        SparkSession spark = TestSpark.session();
        FileSystem fs = FileSystem.get(URI.create("file:///"), spark.sparkContext().hadoopConfiguration());
        assertEquals(InProcessLocalFileSystem.class, fs.getClass());
        String out = dir.resolve("written").toString();
        spark.range(3).write().parquet(out);
        try (var files = Files.list(dir.resolve("written"))) {
            for (java.nio.file.Path f : files.toList()) {
                assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
            }
        }
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("written"))));
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(java.nio.file.Path.of(path.toUri())));
    }
}
