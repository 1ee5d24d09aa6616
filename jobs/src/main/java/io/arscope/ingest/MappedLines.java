package io.arscope.ingest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import io.arscope.ingest.mapping.SourceSpec;
import io.arscope.model.CanonicalTable;
import io.arscope.run.SparkJobsAtOnce;

/**
 * An export's mapped lines ({@link MappedRows#SCHEMA}), checkpointed: all of them, and for each canonical table
 * only the lines of the sources whose mapping produces its records, so that a step on one table's records runs no
 * task on another file's lines.
 *
 * @param all     every line
 * @param byTable per table, the lines that can hold its records (every table has an entry)
 */
record MappedLines(Dataset<Row> all, Map<CanonicalTable, Dataset<Row>> byTable) {

    /** One source's lines, mapped, and the tables its mapping produces records of. */
    record Part(Set<CanonicalTable> tables, JavaRDD<Row> lines) {

        static Part of(SourceSpec source, JavaRDD<Row> lines) {
            Set<CanonicalTable> tables = EnumSet.noneOf(CanonicalTable.class);
            for (CanonicalTable table : CanonicalTable.values()) {
                if (source.produces().containsKey(table.tableName())) {
                    tables.add(table);
                }
            }
            return new Part(tables, lines);
        }
    }

    /**
     * Maps and checkpoints each source's lines, the sources at once: a small file's job alone would leave a core
     * idle. Each source is a frame of its own, so a table's lines are the union of its sources' frames; finding
     * them in one frame of every line meant reading each line into a Java row and back.
     */
    static MappedLines checkpoint(SparkSession spark, List<Part> parts) throws IOException {
        List<Callable<Dataset<Row>>> jobs = new ArrayList<>();
        for (Part part : parts) {
            jobs.add(() -> spark.createDataFrame(part.lines(), MappedRows.SCHEMA).localCheckpoint());
        }
        List<Dataset<Row>> frames = SparkJobsAtOnce.run(spark, "reading the export", jobs);
        Dataset<Row> none = spark.createDataFrame(List.of(), MappedRows.SCHEMA);
        Map<CanonicalTable, Dataset<Row>> byTable = new EnumMap<>(CanonicalTable.class);
        for (CanonicalTable table : CanonicalTable.values()) {
            List<Dataset<Row>> holding = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                if (parts.get(i).tables().contains(table)) {
                    holding.add(frames.get(i));
                }
            }
            byTable.put(table, holding.stream().reduce(Dataset::union).orElse(none));
        }
        return new MappedLines(frames.stream().reduce(Dataset::union).orElse(none), byTable);
    }

    /**
     * Lines in one frame, as a test makes them by hand, whose sources are not known: every table's lines are all of
     * them. Finding each table's partitions instead cost more than it saved: the frames rebuilt from Java rows turned
     * every line of the wide schema into a Java row and back in every query that read them.
     */
    static MappedLines of(Dataset<Row> lines) {
        Map<CanonicalTable, Dataset<Row>> byTable = new EnumMap<>(CanonicalTable.class);
        for (CanonicalTable table : CanonicalTable.values()) {
            byTable.put(table, lines);
        }
        return new MappedLines(lines, byTable);
    }
}
