package io.arscope.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.testing.TestSpark;

/**
 * The run an alerts list compares with is its manifest's: a run whose only alerts are metrics out of their range
 * (rows that name no earlier run) was shown as "compared with no earlier run" though its alerts step said
 * "compared with 2013-09-30".
 */
class AlertListTest {

    @TempDir
    Path dir;

    @Test
    void theRunComparedWithIsTheManifestsEvenWhenNoRowNamesIt() throws Exception {
        SparkSession spark = TestSpark.session();
        Row ceiAbove = AlertsTables.ALERTS.row().set(AlertsTables.KIND, AlertsTables.METRIC_OUT_OF_RANGE)
                .set(AlertsTables.SEVERITY, AlertsTables.MEDIUM).set(AlertsTables.SUBJECT_ID, "cei")
                .set(AlertsTables.SUBJECT_NAME, "CEI").set(AlertsTables.CHANGE, "CEI 100.0% in 2013-12, above its range")
                .set(AlertsTables.AS_OF, LocalDate.of(2013, 12, 31)).set(AlertsTables.PREVIOUS_AS_OF, null)
                .set(AlertsTables.CURRENT_VALUE, 100.0).set(AlertsTables.PREVIOUS_VALUE, 91.2)
                .set(AlertsTables.AMOUNT, null).set(AlertsTables.CURRENCY, null).build();
        spark.createDataFrame(List.of(ceiAbove), AlertsTables.ALERTS.schema()).write()
                .parquet(AlertsTables.ALERTS.path(dir.toString()));
        AlertList read = AlertList.read(spark, dir.toString());
        assertEquals(null, read.previousAsOf());
        Files.writeString(dir.resolve(AlertsTables.MANIFEST), """
                {"job": "alerts", "options": {"as_of": "2013-12-31", "previous_as_of": "2013-09-30"}}
                """);
        read = AlertList.read(spark, dir.toString());
        assertEquals(LocalDate.of(2013, 9, 30), read.previousAsOf());
        assertEquals(List.of("CEI"), read.alerts().stream().map(AlertList.Alert::subject).toList());
    }
}
