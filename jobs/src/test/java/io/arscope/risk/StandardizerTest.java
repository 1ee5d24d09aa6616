package io.arscope.risk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * Features centred and scaled on the training rows and held within their training range: the invoice model's from the
 * least to the greatest value, the customer model's within its outer percentiles. x
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
    void theInvoiceModelHoldsAValueWithinTheLeastAndGreatestTrainingValueAndNamesWhatItHeld() {
        // x: 1, 2, 3 (mean 2, sd 0.816497, range 1..3); disputes never varied (0 throughout): unscaled, held at 0.
        List<Map<String, Double>> rows = List.of(Map.of("x", 1.0, "disputes", 0.0), Map.of("x", 2.0, "disputes", 0.0),
                Map.of("x", 3.0, "disputes", 0.0));
        Standardizer fitted = Standardizer.fit(rows);
        assertArrayEquals(new double[] {2, SD, 1, 3}, fitted.meanAndScale().get("x"), 1e-12);
        assertArrayEquals(new double[] {0, 1, 0, 0}, fitted.meanAndScale().get("disputes"), 0);
        // Every training value transforms as before ranges were recorded: (1 - 2) / 0.816497 = -1.224745, 0 as 0.
        assertEquals(-1.224745, fitted.apply(Map.of("x", 1.0)).get("x"), 1e-6);
        assertEquals(0.0, fitted.apply(Map.of("disputes", 0.0)).get("disputes"));
        // 100 is held at 3, a dispute at 0: both named, in name order; 2.5 is within and named by nothing.
        Map<String, Double> extreme = Map.of("x", 100.0, "disputes", 1.0, "segment=a", 1.0);
        assertEquals(1.224745, fitted.apply(extreme).get("x"), 1e-6);
        assertEquals(0.0, fitted.apply(extreme).get("disputes"));
        assertEquals(List.of("disputes", "x"), fitted.beyond(extreme));
        assertEquals(List.of(), fitted.beyond(Map.of("x", 2.5, "disputes", 0.0)));
        assertEquals(List.of("x"), fitted.beyond(Map.of("x", 0.999)));
        assertTrue(fitted.rangesRecorded());
    }

    @Test
    void aModelJsonWrittenBeforeRangesWereRecordedIsKnownAsSuch() {
        Standardizer old = new Standardizer(Map.of("x", new double[] {2, SD}));
        assertFalse(old.rangesRecorded());
        // (100 - 2) / 0.816497 = 120.024: not held, and nothing named, as nothing is known.
        assertEquals(120.024, old.apply(Map.of("x", 100.0)).get("x"), 1e-3);
        assertEquals(List.of(), old.beyond(Map.of("x", 100.0)));
    }
}
