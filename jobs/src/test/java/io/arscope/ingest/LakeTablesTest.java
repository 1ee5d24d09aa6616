package io.arscope.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.job.InputException;
import io.arscope.ledger.LakeSnapshot;
import io.arscope.model.CanonicalTable;
import io.arscope.testing.TestSpark;

/**
 * The lake's tables on hand-made customers: exported records upsert, derived ones only fill gaps; a table from before
 * a canonical column existed gains it; a folder that is no lake is refused.
 */
@Tag("integration")
class LakeTablesTest {

    @TempDir
    static Path dir;
    private static SparkSession spark;
    private static LakeTables lake;
    private static Map<CanonicalTable, Long> made;

    @BeforeAll
    static void makeLake() throws InputException {
        spark = TestSpark.session();
        lake = new LakeTables(spark, dir.resolve("lake").toString());
        made = lake.latest();
    }

    @Test
    void exportedRecordsUpsertAndDerivedOnesNeverReplaceThem() {
        assertEquals(0L, made.get(CanonicalTable.CUSTOMERS));
        LakeTables.TableLoad first = merge(customers(row("C1", "Acme GmbH", "DE", "Enterprise")), List.of());
        assertEquals(List.of(1L, 1L, 0L), List.of(first.version(), first.inserted(), first.updated()));

        // An invoice line names C1 in another country and a new C2: C1 stays as its own export gave it.
        LakeTables.TableLoad derived = merge(customers(row("C1", null, "FR", null), row("C2", null, "FR", null)),
                List.of("C1", "C2"));
        assertEquals(List.of(2L, 1L, 0L), List.of(derived.version(), derived.inserted(), derived.updated()));
        assertEquals(List.of("[C1,Acme GmbH,DE,Enterprise]", "[C2,null,FR,null]"), stored());
        // Each commit names the load that made it.
        assertEquals("test", io.delta.tables.DeltaTable.forPath(spark, LakeSnapshot.path(dir.resolve("lake")
                .toString(), CanonicalTable.CUSTOMERS)).history(1).select("userMetadata").first().getString(0));

        LakeTables.TableLoad changed = merge(customers(row("C1", "Acme GmbH", "DE", "Mid-market"),
                row("C2", null, "FR", null)), List.of());
        assertEquals(List.of(1L, 0L), List.of(changed.updated(), changed.inserted()));
        assertEquals(List.of("[C1,Acme GmbH,DE,Mid-market]", "[C2,null,FR,null]"), stored());

        LakeTables.TableLoad same = merge(customers(row("C1", "Acme GmbH", "DE", "Mid-market")), List.of());
        assertEquals(List.of(0L, 0L), List.of(same.inserted(), same.updated()));
        assertEquals(List.of("[C1,Acme GmbH,DE,Mid-market]", "[C2,null,FR,null]"), stored());
        // Each load's version still reads as that load left it.
        assertEquals(List.of("[C1,Acme GmbH,DE,Enterprise]", "[C2,null,FR,null]"), storedAt(derived.version()));
    }

    @Test
    void aTableStoredBeforeAColumnExistedGetsTheColumnEmpty() throws Exception {
        String older = dir.resolve("older").toString();
        StructType withoutSince = new StructType();
        for (var field : LakeTables.schema(CanonicalTable.CUSTOMERS).fields()) {
            if (!field.name().equals("customer_since")) {
                withoutSince = withoutSince.add(field);
            }
        }
        spark.createDataFrame(List.of(RowFactory.create("C1", "Acme GmbH", "DE", null, null, null, null, null, null)),
                withoutSince).write().format("delta").save(LakeSnapshot.path(older, CanonicalTable.CUSTOMERS));
        Map<CanonicalTable, Long> versions = new LakeTables(spark, older).latest();
        assertEquals(1L, versions.get(CanonicalTable.CUSTOMERS));
        Row stored = spark.read().format("delta").load(LakeSnapshot.path(older, CanonicalTable.CUSTOMERS)).first();
        assertEquals("C1", stored.getAs("customer_id"));
        assertNull(stored.getAs("customer_since"));
    }

    @Test
    void aFolderHoldingSomethingElseIsRefused() throws Exception {
        Path other = Files.createDirectories(dir.resolve("not-a-lake/customers"));
        Files.writeString(other.resolve("part-0.parquet"), "not delta");
        InputException refused = assertThrows(InputException.class,
                () -> new LakeTables(spark, dir.resolve("not-a-lake").toString()).latest());
        assertEquals("the lake folder " + other + " holds files but no Delta table: give --lake a lake's folder, or "
                + "a new or empty one", refused.getMessage());
    }

    @Test
    void theLakeKeepsItsLogForACenturySoThatOldRunsCanBeReproduced() {
        Row detail = io.delta.tables.DeltaTable.forPath(spark, LakeSnapshot.path(dir.resolve("lake").toString(),
                CanonicalTable.INVOICES)).detail().select("properties").first();
        assertEquals("interval 36500 days", detail.getJavaMap(0).get("delta.logRetentionDuration"));
    }

    private static LakeTables.TableLoad merge(Dataset<Row> rows, List<String> derivedIds) {
        Dataset<Row> keys = spark.createDataFrame(derivedIds.stream().map(id -> RowFactory.create(id)).toList(),
                new StructType().add("customer_id", "string", false));
        return lake.merge(CanonicalTable.CUSTOMERS, rows, rows.count(), keys, made.get(CanonicalTable.CUSTOMERS), "test");
    }

    /** A customer's id, name, country and segment (region and the rest empty). */
    private static Object[] row(String id, String name, String country, String segment) {
        return new Object[] {id, name, country, null, segment};
    }

    private static Dataset<Row> customers(Object[]... given) {
        List<Row> rows = new ArrayList<>();
        int width = CanonicalTable.CUSTOMERS.fields().size() + 1;
        for (Object[] g : given) {
            Object[] values = Arrays.copyOf(g, width);
            rows.add(RowFactory.create(values));
        }
        return spark.createDataFrame(rows, CanonicalTable.CUSTOMERS.schema()
                .add(CanonicalTable.QUALITY_FLAGS, "string", true));
    }

    private static List<String> stored() {
        return storedAt(null);
    }

    private static List<String> storedAt(Long version) {
        var reader = spark.read().format("delta");
        if (version != null) {
            reader = reader.option("versionAsOf", version);
        }
        return reader.load(LakeSnapshot.path(dir.resolve("lake").toString(), CanonicalTable.CUSTOMERS))
                .selectExpr("customer_id", "name", "country", "segment").orderBy("customer_id").collectAsList()
                .stream().map(Row::toString).toList();
    }
}
