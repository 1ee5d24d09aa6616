package io.arscope.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.SerializableWritable;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.internal.SQLConf;
import org.apache.spark.util.TaskCompletionListener;

/**
 * A source file read in parallel, record by record: cut into byte ranges by the rule Spark's own file sources follow
 * ({@code spark.sql.files.maxPartitionBytes}, {@code spark.sql.files.openCostInBytes}), each range told the framing
 * state and line number at its start by a first quick pass over the bytes ({@link RecordFramer#summarize}), then
 * each read by one task into the records that start in it. A record over a range boundary is read once, whole, by
 * the range it starts in. A compressed file is read whole by one task.
 */
final class FileSplits {

    /** A byte range of a file, and what the bytes before it leave at its start. */
    record Split(String path, long start, long length, int state, long firstLine) implements Serializable {
    }

    private FileSplits() {
    }

    /** The records of a file, each once, in the file's order. */
    static JavaRDD<RecordFramer.Record> records(SparkSession spark,
            Broadcast<SerializableWritable<Configuration>> conf, FileStatus file, RecordFramer framer) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        String path = file.getPath().toString();
        List<Split> splits = new ArrayList<>();
        if (compressed(conf.value().value(), path)) {
            splits.add(new Split(path, 0, Long.MAX_VALUE, RecordFramer.RECORD_START, 1));
        } else {
            SQLConf sql = spark.sessionState().conf();
            long size = file.getLen();
            long splitSize = Math.max(1, Math.min(sql.filesMaxPartitionBytes(),
                    Math.max(sql.filesOpenCostInBytes(), size / jsc.defaultParallelism())));
            List<Split> ranges = new ArrayList<>();
            for (long start = 0; start == 0 || start < size; start += splitSize) {
                ranges.add(new Split(path, start, Math.min(splitSize, size - start), RecordFramer.RECORD_START, 1));
            }
            List<RecordFramer.Summary> summaries = ranges.size() == 1 ? List.of()
                    : jsc.parallelize(ranges.subList(0, ranges.size() - 1), ranges.size() - 1)
                            .map(r -> summarize(conf.value().value(), framer, r)).collect();
            int state = RecordFramer.RECORD_START;
            long line = 1;
            for (int i = 0; i < ranges.size(); i++) {
                Split r = ranges.get(i);
                splits.add(new Split(path, r.start(), r.length(), state, line));
                if (i < summaries.size()) {
                    state = summaries.get(i).endStates()[state];
                    line += summaries.get(i).lineBreaks();
                }
            }
        }
        return jsc.parallelize(splits, splits.size()).flatMap(s -> read(conf.value().value(), framer, s));
    }

    /**
     * The first record of a file that starts after its first {@code skipLines} lines (report titles), read here and
     * now; null when there is none.
     */
    static RecordFramer.Record first(Configuration conf, FileStatus file, RecordFramer framer, int skipLines)
            throws IOException {
        String path = file.getPath().toString();
        try (InputStream in = open(conf, path, 0)) {
            RecordFramer.Reader reader = framer.reader(in, false, skipLines == 0 ? 1 : Long.MAX_VALUE,
                    RecordFramer.RECORD_START, 1);
            RecordFramer.Record r = reader.next();
            while (r != null && r.line() <= skipLines) {
                r = reader.next();
            }
            return r;
        }
    }

    private static RecordFramer.Summary summarize(Configuration conf, RecordFramer framer, Split range)
            throws IOException {
        boolean previous = range.start() > 0;
        try (InputStream in = open(conf, range.path(), previous ? range.start() - 1 : 0)) {
            return framer.summarize(in, previous, range.length());
        }
    }

    private static Iterator<RecordFramer.Record> read(Configuration conf, RecordFramer framer, Split split)
            throws IOException {
        boolean previous = split.start() > 0;
        InputStream in = open(conf, split.path(), previous ? split.start() - 1 : 0);
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) t -> close(in));
        }
        RecordFramer.Reader reader = framer.reader(in, previous, split.length(), split.state(), split.firstLine());
        return new Iterator<>() {
            private RecordFramer.Record next = advance();

            private RecordFramer.Record advance() {
                try {
                    RecordFramer.Record r = reader.next();
                    if (r == null) {
                        in.close();
                    }
                    return r;
                } catch (IOException e) {
                    throw new UncheckedIOException(split.path() + ": " + e.getMessage(), e);
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public RecordFramer.Record next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                RecordFramer.Record r = next;
                next = advance();
                return r;
            }
        };
    }

    private static boolean compressed(Configuration conf, String path) {
        return new CompressionCodecFactory(conf).getCodec(new Path(path)) != null;
    }

    /** The file's bytes from {@code from}; a compressed file's from its start, decompressed. */
    private static InputStream open(Configuration conf, String path, long from) throws IOException {
        Path p = new Path(path);
        FSDataInputStream raw = p.getFileSystem(conf).open(p);
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(p);
        if (codec != null) {
            return codec.createInputStream(raw);
        }
        raw.seek(from);
        return raw;
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
