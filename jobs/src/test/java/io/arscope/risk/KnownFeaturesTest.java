package io.arscope.risk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.Feature;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;

/** Scoring builds each example from the features the model knows, in name order, without sorting the row. */
class KnownFeaturesTest {

    @Test
    void keepsTheKnownFeaturesOfARowInNameOrderAndSkipsTheRest() {
        Map<String, Double> row = new HashMap<>(Map.of("terms_days", 30.0, "amount_log", 7.5, "unheard_of", 9.0,
                "hist_late_share", 0.25));
        String[] known = {"amount_log", "credit_limit", "hist_late_share", "terms_days"};
        Example<Label> example = RiskModel.knownFeatures(row, known, LabelFactory.UNKNOWN_LABEL);
        List<String> names = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (Feature f : example) {
            names.add(f.getName());
            values.add(f.getValue());
        }
        // credit_limit is absent from the row (missing, not 0); unheard_of is no feature of the model.
        assertEquals(List.of("amount_log", "hist_late_share", "terms_days"), names);
        assertArrayEquals(new double[] {7.5, 0.25, 30.0}, values.stream().mapToDouble(Double::doubleValue).toArray());
        assertEquals(LabelFactory.UNKNOWN_LABEL, example.getOutput());
    }
}
