package io.arscope.risk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Evaluation figures against values worked out by hand. */
class EvaluationTest {

    private static final double[] P = {0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1};
    private static final boolean[] LATE = {true, true, false, true, false, false, true, false};
    private static final double[] AMOUNTS = {100, 200, 300, 400, 500, 600, 700, 800};

    @Test
    void rankingAndProbabilityScores() {
        Evaluation e = Evaluation.of(P, LATE, AMOUNTS);
        // Late scores 0.9, 0.8, 0.6, 0.2 beat 4, 4, 3 and 1 of the 4 on-time scores: 12 of 16 pairs.
        assertEquals(0.75, e.rocAuc(), 1e-12);
        // Precision at each late invoice down the ranking: 1/1, 2/2, 3/4, 4/7.
        assertEquals((1 + 1 + 0.75 + 4.0 / 7) / 4, e.prAuc(), 1e-12);
        // Squared errors 0.01 0.04 0.49 0.16 0.16 0.09 0.64 0.01 sum to 1.6.
        assertEquals(0.2, e.brier(), 1e-12);
        assertEquals(0.5, e.lateShare(), 1e-12);
        // Late amount 1,400; the top invoice (10% of 8, rounded up) holds 100, the top two 300.
        assertEquals(100.0 / 1400, e.captureTop10(), 1e-12);
        assertEquals(300.0 / 1400, e.captureTop20(), 1e-12);
    }

    @Test
    void tiesCountHalfAndDecilesRunFromLeastToMostRisky() {
        assertEquals(0.5, Evaluation.of(new double[] {0.5, 0.5}, new boolean[] {true, false}, new double[] {1, 1})
                .rocAuc(), 1e-12);
        double[] p = new double[20];
        boolean[] late = new boolean[20];
        double[] amounts = new double[20];
        for (int i = 0; i < 20; i++) {
            p[i] = i / 20.0;
            late[i] = i >= 10;
            amounts[i] = 1;
        }
        Evaluation e = Evaluation.of(p, late, amounts);
        assertEquals(1.0, e.rocAuc(), 1e-12);
        Evaluation.Decile least = e.calibration().get(0);
        Evaluation.Decile most = e.calibration().get(9);
        assertEquals(java.util.List.of(1, 2, 10, 2), java.util.List.of(least.decile(), least.rows(), most.decile(),
                most.rows()));
        assertEquals(0.025, least.meanPredicted(), 1e-12);
        assertEquals(0.0, least.observedLate(), 1e-12);
        assertEquals(0.925, most.meanPredicted(), 1e-12);
        assertEquals(1.0, most.observedLate(), 1e-12);
    }

    @Test
    void manyLateInvoicesDoNotOverflow() {
        // 100,000 late invoices: the rank-sum correction overflowed an int (AUC 1.17 in the 1M benchmark).
        int n = 200_000;
        double[] p = new double[n];
        boolean[] late = new boolean[n];
        double[] amounts = new double[n];
        for (int i = 0; i < n; i++) {
            p[i] = (double) i / n;
            late[i] = i >= n / 2;
            amounts[i] = 1;
        }
        assertEquals(1.0, Evaluation.of(p, late, amounts).rocAuc(), 1e-12);
        for (int i = 0; i < n; i++) {
            late[i] = !late[i];
        }
        assertEquals(0.0, Evaluation.of(p, late, amounts).rocAuc(), 1e-12);
    }

    @Test
    void expectedCalibrationErrorOverTenEqualWidthBins() {
        double[] p = {0.05, 0.15, 0.12, 0.1, 0.55, 0.95, 1.0};
        boolean[] late = {false, true, false, false, false, true, true};
        // Bin [0, 0.1): 0.05, none late, gap 0.05. Bin [0.1, 0.2): 0.15, 0.12 and 0.1 (its lower edge), mean 0.37 / 3
        // against 1 / 3 late, weighted gap |0.37 - 1| / 7. Bin [0.5, 0.6): 0.55, none late. Bin [0.9, 1]: 0.95 and
        // 1.0 (the top edge), both late, weighted gap |1.95 - 2| / 7.
        double expected = (0.05 + 0.63 + 0.55 + 0.05) / 7;
        assertEquals(expected, Evaluation.expectedCalibrationError(p, late), 1e-12);
        assertEquals(expected, Evaluation.of(p, late, new double[7]).ece(), 1e-12);
        // Perfectly calibrated within each bin: no error.
        assertEquals(0.0, Evaluation.expectedCalibrationError(new double[] {0.5, 0.5, 0.0}, new boolean[] {true, false,
            false}), 1e-12);
    }

    @Test
    void anEvaluationStoredBeforeTheCalibrationErrorReadsAsNotRecorded() throws Exception {
        Evaluation e = new com.fasterxml.jackson.databind.ObjectMapper().readValue("{\"rows\":4,\"lateShare\":0.5,"
                + "\"rocAuc\":0.75,\"prAuc\":0.7,\"brier\":0.2,\"captureTop10\":0.1,\"captureTop20\":0.3,"
                + "\"calibration\":[]}", Evaluation.class);
        assertEquals(Double.NaN, e.ece());
        assertEquals(0.2, e.brier(), 1e-12);
    }
}
