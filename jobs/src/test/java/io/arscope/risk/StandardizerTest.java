package io.arscope.risk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Features centred and scaled on the training rows; the customer model's also held within their training range. x
 * takes 1, 2 and 3: mean 2, standard deviation sqrt(2/3) = 0.816497.
 */
class StandardizerTest {

    private static final List<Map<String, Double>> TRAINING = List.of(Map.of("x", 1.0, "segment=a", 1.0),
            Map.of("x", 2.0, "segment=a", 0.0), Map.of("x", 3.0, "segment=a", 1.0));
    private static final double SD = Math.sqrt(2.0 / 3);

    @Test
    void aValueBeyondTheTrainingRangeIsHeldAtItsEdgeWhenTheRangeIsRecorded() {
        Standardizer within = Standardizer.fitWithinRange(TRAINING);
        assertArrayEquals(new double[] {2, SD, 1, 3}, within.meanAndScale().get("x"), 1e-12);
        // 100 is held at 3: (3 - 2) / 0.816497 = 1.224745; 0 at 1: -1.224745; 2.5 as it is: 0.612372.
        assertEquals(1.224745, within.apply(Map.of("x", 100.0)).get("x"), 1e-6);
        assertEquals(-1.224745, within.apply(Map.of("x", 0.0)).get("x"), 1e-6);
        assertEquals(0.612372, within.apply(Map.of("x", 2.5)).get("x"), 1e-6);
        // A one-hot level is left as it is.
        assertEquals(1.0, within.apply(Map.of("segment=a", 1.0)).get("segment=a"));
    }

    @Test
    void theRangeRunsFromTheFirstToTheNinetyNinthPercentileSoThatOneOutlierCannotStretchIt() {
        // 1..200: nearest ranks floor(0.01 x 199) = 1 and ceil(0.99 x 199) = 198 hold values to [2, 199]; held, their
        // mean is 100.5 and their standard deviation 57.717155. 1,000,000 is then (199 - 100.5) / 57.717155.
        List<Map<String, Double>> rows = java.util.stream.IntStream.rangeClosed(1, 200)
                .mapToObj(k -> Map.of("x", (double) k)).toList();
        Standardizer s = Standardizer.fitWithinRange(rows);
        assertArrayEquals(new double[] {100.5, 57.717155, 2, 199}, s.meanAndScale().get("x"), 1e-6);
        assertEquals(1.706598, s.apply(Map.of("x", 1_000_000.0)).get("x"), 1e-6);
        // 0 for 100 customers and 1,000 for one: the percentiles are both 0, so the whole range is kept.
        List<Map<String, Double>> rare = new java.util.ArrayList<>(java.util.Collections.nCopies(100,
                Map.of("disputes", 0.0)));
        rare.add(Map.of("disputes", 1000.0));
        assertArrayEquals(new double[] {1000.0 / 101, 10000.0 / 101, 0, 1000},
                Standardizer.fitWithinRange(rare).meanAndScale().get("disputes"), 1e-6);
    }

    @Test
    void withoutARecordedRangeAValueIsOnlyCentredAndScaled() {
        Standardizer plain = Standardizer.fit(TRAINING);
        assertArrayEquals(new double[] {2, SD}, plain.meanAndScale().get("x"), 1e-12);
        // (100 - 2) / 0.816497 = 120.024; a model.json written before ranges were recorded reads the same way.
        assertEquals(120.024, plain.apply(Map.of("x", 100.0)).get("x"), 1e-3);
    }
}
