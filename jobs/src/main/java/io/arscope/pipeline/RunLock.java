package io.arscope.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * The lock that keeps two runs from writing the same date. An operating-system file lock, so a run that dies,
 * even by SIGKILL, releases it with its process: no stale lock to clear by hand. The file names the holder for
 * the message the second run prints.
 */
public final class RunLock implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    public Path file() {
        return file;
    }

    /** Thrown when another run holds the lock. */
    public static final class HeldException extends io.arscope.job.LockedException {
        public HeldException(String message) {
            super(message);
        }
    }

    /** Takes the lock at {@code file} (created if missing) or fails at once, naming the holder. */
    public static RunLock acquire(Path file, String what) throws IOException, HeldException {
        Files.createDirectories(file.getParent());
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
            channel.close();
            throw new HeldException("another arscope run is writing " + what + " (" + (holder.isEmpty() ? "holder "
                    + "unknown" : holder) + "); lock " + file);
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + ", started " + Instant.now() + "\n")
                .getBytes(StandardCharsets.UTF_8)));
        channel.force(false);
        return new RunLock(file, channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
