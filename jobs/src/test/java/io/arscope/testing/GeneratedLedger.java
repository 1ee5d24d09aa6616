package io.arscope.testing;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import io.arscope.model.CanonicalTable;
import io.arscope.samples.GeneratorConfig;
import io.arscope.samples.HistoryGenerator;

/**
 * A generated history laid out as an ingest run lays out its canonical tables, without running the ingest's
 * validation (the generator's rows are valid by construction): for tests and benchmarks of later jobs.
 */
public final class GeneratedLedger {

    private GeneratedLedger() {
    }

    /** Generates {@code config} into {@code dir/csv} and writes {@code dir/canonical}; reuses a finished one. */
    public static Path write(SparkSession spark, GeneratorConfig config, Path dir) throws IOException {
        if (Files.exists(dir.resolve("canonical/_done"))) {
            return dir;
        }
        Path csv = dir.resolve("csv");
        HistoryGenerator.generate(config, csv);
        for (CanonicalTable table : CanonicalTable.values()) {
            if (!Files.exists(csv.resolve(table.tableName() + ".csv"))) {
                // Only a history in several currencies comes with rates, and only one with collection activity with
                // contacts, promises and plans; the readers take an absent table as none.
                continue;
            }
            // Valid by construction: no row is flagged.
            Dataset<Row> rows = spark.read().option("header", "true").schema(table.schema())
                    .csv(csv.resolve(table.tableName() + ".csv").toString())
                    .withColumn(CanonicalTable.QUALITY_FLAGS, lit(null).cast("string"));
            String out = dir.resolve("canonical").resolve(table.tableName()).toString();
            if (table.dateField().isPresent()) {
                rows.withColumn("month", date_format(col(table.dateField().get()), "yyyy-MM"))
                        .repartition(col("month")).write().mode(SaveMode.Overwrite).partitionBy("month").parquet(out);
            } else {
                rows.write().mode(SaveMode.Overwrite).parquet(out);
            }
        }
        Files.createFile(dir.resolve("canonical/_done"));
        return dir;
    }
}
