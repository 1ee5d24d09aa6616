package io.arscope.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file://}), but setting a file's or folder's permissions from Java instead of
 * starting a {@code chmod} process for it. Without Hadoop's native library, which Spark's own distribution does not
 * ship either, Hadoop runs {@code chmod} in a process of its own for every file and folder a write creates, its
 * checksum files and the committer's temporary folders included: 876 processes in one ingest of a million invoices,
 * each with two threads of the JVM's to read its output (2 to 3 ms a file on this project's machine). The
 * permissions set are the same, umask applied as before; where the file system has no POSIX permissions (Windows),
 * Hadoop's own way is kept.
 * {@link SparkSessions#LOCAL_SETTINGS} makes it the session's {@code file://} file system.
 */
public final class InProcessLocalFileSystem extends LocalFileSystem {

    public InProcessLocalFileSystem() {
        super(new Raw());
    }

    /** The raw local file system under the checksums, with the permissions set in-process. */
    static final class Raw extends RawLocalFileSystem {
        @Override
        public void setPermission(Path p, FsPermission permission) throws IOException {
            // The sticky bit has no Java equivalent; no write of Spark's asks for it, but a caller may.
            if (permission.getStickyBit()) {
                super.setPermission(p, permission);
                return;
            }
            try {
                Files.setPosixFilePermissions(pathToFile(p).toPath(), posix(permission.toShort()));
            } catch (UnsupportedOperationException e) {
                super.setPermission(p, permission);
            }
        }
    }

    /** The POSIX permissions of the low nine bits of {@code mode}: 0644 is rw-r--r--. */
    static Set<PosixFilePermission> posix(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        // PosixFilePermission lists owner read, write, execute, then group's, then others': bit 8 down to bit 0.
        PosixFilePermission[] order = PosixFilePermission.values();
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << (order.length - 1 - i))) != 0) {
                permissions.add(order[i]);
            }
        }
        return permissions;
    }
}
