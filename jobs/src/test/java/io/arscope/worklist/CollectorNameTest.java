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
    void aMissingBlankOrUnassignedCollectorIsNobodysInJavaAndInSparkAlike() {
        // \u2003 (em space) is whitespace to Java; \u00a0 (no-break space) is not, so it is a name, if an odd one.
        // An export's own "Unassigned", in any case and padded, is nobody too: counted apart it would be a second
        // unassigned list; a name that only holds the word is a name.
        List<String> named = Arrays.asList(null, "", "  ", "\t\n\u2003", "\u00a0", "ann", " bob ", "Unassigned",
                " UNASSIGNED\t", "unassigned", "Unassigned Team");
        List<String> expected = Arrays.asList("unassigned", "unassigned", "unassigned", "unassigned", "\u00a0", "ann",
                " bob ", "unassigned", "unassigned", "unassigned", "Unassigned Team");
        assertEquals(expected, named.stream().map(Worklist::collector).toList());
        assertEquals(expected, TestSpark.session().createDataset(named, Encoders.STRING()).toDF("c")
                .select(Worklist.collector(col("c"))).as(Encoders.STRING()).collectAsList());
    }
}
