package io.arscope.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.testing.TestSpark;

/**
 * A lake version read as the Parquet files it lists gives that version's rows, and a table whose files are not its
 * rows as they stand (deletion vectors: a deleted row's file is still listed) is read through Delta.
 */
@Tag("integration")
class CanonicalSourceLakeTest {

    private final SparkSession spark = TestSpark.session();

    @TempDir
    Path dir;

    @Test
    void eachVersionReadsItsOwnRowsWithItsPartitions() {
        String path = dir.resolve("plain").toString();
        spark.sql("CREATE TABLE delta.`" + path + "` (id STRING, month STRING) USING delta PARTITIONED BY (month)");
        spark.sql("INSERT INTO delta.`" + path + "` VALUES ('a', '2024-01'), ('b', '2024-02')");
        spark.sql("UPDATE delta.`" + path + "` SET id = 'b2' WHERE id = 'b'");
        assertEquals(List.of("[a,2024-01]", "[b,2024-02]"), rows(path, 1));
        assertEquals(List.of("[a,2024-01]", "[b2,2024-02]"), rows(path, 2));
        assertEquals(List.of(), rows(path, 0));
    }

    @Test
    void aTableWithDeletionVectorsIsReadThroughDelta() {
        String path = dir.resolve("vectors").toString();
        spark.sql("CREATE TABLE delta.`" + path + "` (id STRING) USING delta "
                + "TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')");
        spark.sql("INSERT INTO delta.`" + path + "` VALUES ('a'), ('b'), ('c')");
        spark.sql("DELETE FROM delta.`" + path + "` WHERE id = 'b'");
        assertEquals(List.of("[a]", "[c]"), rows(path, 2));
    }

    private List<String> rows(String path, long version) {
        return CanonicalSource.lakeVersion(spark, path, version).collectAsList().stream().map(Row::toString).sorted()
                .toList();
    }
}
