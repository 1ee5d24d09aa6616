package io.arscope.ingest;

import java.io.Serializable;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.rdd.PartitionPruningRDD;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import io.arscope.model.CanonicalTable;
import scala.Tuple2;
import scala.runtime.AbstractFunction1;

/**
 * The mapped lines that can hold each table's records: only the partitions where any of them is. An export's
 * lines come as at least one partition per source file, and most files produce one table, so every step on one
 * table's records would otherwise run a task on each other file's partition too, and every union of tables would
 * add them up: a small export's ingest ran some two thousand tasks, most of them on nothing.
 */
final class TableLines {

    private TableLines() {
    }

    /**
     * @param lines mapped lines ({@link MappedRows#SCHEMA}), checkpointed: they are read once to find which
     *              partitions hold which table (each up to its first row of every table), then once per table
     */
    static Map<CanonicalTable, Dataset<Row>> of(Dataset<Row> lines) {
        // The partitions are found and pruned on one RDD, so that their numbers are the same ones.
        JavaRDD<Row> rows = lines.javaRDD();
        int[] fields = Arrays.stream(CanonicalTable.values()).mapToInt(t -> lines.schema().fieldIndex(t.tableName()))
                .toArray();
        List<Tuple2<Integer, Integer>> held = rows.mapPartitionsWithIndex((partition, it) -> {
            Set<Integer> tables = new HashSet<>();
            while (it.hasNext() && tables.size() < fields.length) {
                Row r = it.next();
                for (int t = 0; t < fields.length; t++) {
                    if (!r.isNullAt(fields[t])) {
                        tables.add(t);
                    }
                }
            }
            return tables.stream().map(t -> new Tuple2<>(partition, t)).iterator();
        }, false).collect();
        Map<CanonicalTable, Dataset<Row>> byTable = new EnumMap<>(CanonicalTable.class);
        for (CanonicalTable table : CanonicalTable.values()) {
            Set<Integer> holding = new HashSet<>();
            held.stream().filter(h -> h._2() == table.ordinal()).forEach(h -> holding.add(h._1()));
            RDD<Row> kept = PartitionPruningRDD.create(rows.rdd(), new In(holding));
            byTable.put(table, lines.sparkSession().createDataFrame(kept.toJavaRDD(), lines.schema()));
        }
        return byTable;
    }

    /** Whether a partition index is among the given ones; Spark's own pruning takes a Scala function. */
    private static final class In extends AbstractFunction1<Object, Object> implements Serializable {
        private static final long serialVersionUID = 1L;
        private final Set<Integer> partitions;

        In(Set<Integer> partitions) {
            this.partitions = partitions;
        }

        @Override
        public Object apply(Object index) {
            return partitions.contains((Integer) index);
        }
    }
}
