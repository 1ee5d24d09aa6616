package io.arscope.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.Test;

import io.arscope.testing.TestSpark;

/**
 * {@link InvoiceHistory#dimensionText} on four customers: a collector named, none, a blank one and one of spaces
 * are "ana", "unassigned" three times, as the worklists call them; a region not given is "(none)".
 */
class DimensionTextTest {

    @Test
    void aCustomerWithNoCollectorIsUnassignedAndAMissingRegionIsNone() {
        Dataset<Row> customers = TestSpark.session().createDataFrame(List.of(
                RowFactory.create("C1", "ana", "North"), RowFactory.create("C2", null, null),
                RowFactory.create("C3", "", "South"), RowFactory.create("C4", " \t", null)),
                DataTypes.createStructType(List.of(
                        DataTypes.createStructField("customer_id", DataTypes.StringType, false),
                        DataTypes.createStructField("collector", DataTypes.StringType, true),
                        DataTypes.createStructField("region", DataTypes.StringType, true))));

        List<String> shown = customers.orderBy("customer_id").select(InvoiceHistory.dimensionText("collector"),
                InvoiceHistory.dimensionText("region")).collectAsList().stream().map(r -> r.mkString("|")).toList();

        assertEquals(Arrays.asList("ana|North", "unassigned|(none)", "unassigned|South", "unassigned|(none)"), shown);
    }
}
