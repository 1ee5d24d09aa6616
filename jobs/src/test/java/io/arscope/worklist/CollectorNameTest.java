package io.arscope.worklist;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.Encoders;
import org.junit.jupiter.api.Test;

import io.arscope.testing.TestSpark;

/** The lists' collector rule, in Java and as a Spark column, gives the same name for every customer. */
class CollectorNameTest {

    @Test
    void aMissingOrBlankCollectorIsNobodysInJavaAndInSparkAlike() {
        // \u2003 (em space) is whitespace to Java; \u00a0 (no-break space) is not, so it is a name, if an odd one.
        List<String> named = Arrays.asList(null, "", "  ", "\t\n\u2003", "\u00a0", "ann", " bob ");
        List<String> expected = Arrays.asList("unassigned", "unassigned", "unassigned", "unassigned", "\u00a0", "ann",
                " bob ");
        assertEquals(expected, named.stream().map(Worklist::collector).toList());
        assertEquals(expected, TestSpark.session().createDataset(named, Encoders.STRING()).toDF("c")
                .select(Worklist.collector(col("c"))).as(Encoders.STRING()).collectAsList());
    }
}
