package io.arscope.risk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The hyperparameter search on hand-made invoices (no Spark): its grid, its choice on validation only. */
class HyperparameterSearchTest {

    @Test
    void theGridHoldsEveryCombinationAndTheConfigurationsOwnPoint() {
        List<Hyperparameters> grid = Hyperparameters.grid(RiskConfig.DEFAULT);
        assertEquals(List.of(Hyperparameters.logisticRegression(0.1, 10), Hyperparameters.logisticRegression(0.1, 30),
                Hyperparameters.logisticRegression(1.0, 10), Hyperparameters.logisticRegression(1.0, 30),
                Hyperparameters.xgboost(3, 100, 0.05), Hyperparameters.xgboost(3, 100, 0.1),
                Hyperparameters.xgboost(3, 300, 0.05), Hyperparameters.xgboost(3, 300, 0.1),
                Hyperparameters.xgboost(6, 100, 0.05), Hyperparameters.xgboost(6, 100, 0.1),
                Hyperparameters.xgboost(6, 300, 0.05), Hyperparameters.xgboost(6, 300, 0.1)), grid);
        // Settings outside the lists join the search rather than being dropped.
        RiskConfig other = new RiskConfig(0, 0.7, 0.15, 42L, 50, 4, 0.2, 20, 0.6, 0.3);
        List<Hyperparameters> withOther = Hyperparameters.grid(other);
        assertEquals(14, withOther.size());
        assertEquals(Hyperparameters.logisticRegression(1.0, 20), withOther.get(4));
        assertEquals(Hyperparameters.xgboost(4, 50, 0.2), withOther.get(13));
        assertEquals("learning rate 0.1, 10 epochs", grid.get(0).describe());
        assertEquals("depth 6, 300 trees, eta 0.05", grid.get(10).describe());
    }

    @Test
    void eachFamilysBestValidationPointIsComparedAndTheHigherKept() {
        RiskTrainer.Result r = RiskTrainer.train(invoices(400), RiskConfig.DEFAULT);
        assertEquals(Hyperparameters.grid(RiskConfig.DEFAULT),
                r.search().stream().map(RiskTrainer.Tried::hyperparameters).toList());
        // Each family's row is its first point with the highest validation ROC AUC.
        for (String family : List.of(Hyperparameters.LOGISTIC_REGRESSION, Hyperparameters.XGBOOST)) {
            RiskTrainer.Tried best = r.search().stream().filter(t -> t.hyperparameters().family().equals(family))
                    .reduce((a, b) -> b.validationRocAuc() > a.validationRocAuc() ? b : a).orElseThrow();
            RiskTrainer.Compared row = r.comparison().stream().filter(c -> c.name().equals(family)).findFirst()
                    .orElseThrow();
            assertEquals(best.hyperparameters(), row.hyperparameters());
            assertEquals(best.validationRocAuc(), r.validationAuc().get(family));
        }
        String chosen = r.validationAuc().get(Hyperparameters.XGBOOST) > r.validationAuc()
                .get(Hyperparameters.LOGISTIC_REGRESSION) ? Hyperparameters.XGBOOST
                : Hyperparameters.LOGISTIC_REGRESSION;
        assertEquals(chosen, r.chosen());
        RiskTrainer.Compared winner = r.comparison().stream().filter(c -> c.name().equals(chosen)).findFirst()
                .orElseThrow();
        assertEquals(winner.test(), r.test());
        assertEquals(winner.validation(), r.validationModel());
        assertEquals(winner.hyperparameters(), r.hyperparameters());
        RiskTrainer.Compared baseline = r.comparison().get(2);
        assertEquals(List.of(RiskTrainer.BASELINE, 3), List.of(baseline.name(), r.comparison().size()));
        assertEquals(r.baseline(), baseline.test());
        assertEquals(r.validationBaseline(), baseline.validation());
        assertFalse(baseline.calibrated());
    }

    @Test
    void aLongTrainingWindowIsSearchedOnAnEvenlySpacedSample() {
        LabelledInvoices ten = invoices(10);
        LabelledInvoices four = ten.evenlySpaced(4);
        // rows floor(i x 10 / 4): 0, 2, 5, 7, each with everything the row carries
        assertEquals(List.of("I0000", "I0002", "I0005", "I0007"), four.ids());
        assertEquals(List.of(ten.dates().get(0), ten.dates().get(2), ten.dates().get(5), ten.dates().get(7)),
                four.dates());
        assertEquals(List.of(ten.features().get(0), ten.features().get(2), ten.features().get(5),
                ten.features().get(7)), four.features());
        assertArrayEquals(new double[] {100, 102, 105, 100}, four.amounts());
        assertArrayEquals(new boolean[] {ten.late()[0], ten.late()[2], ten.late()[5], ten.late()[7]}, four.late());
        assertSame(ten, ten.evenlySpaced(10));

        // 400 invoices: 280 train; a window this short is searched whole.
        assertEquals(280, RiskTrainer.train(invoices(400), RiskConfig.DEFAULT).searchInvoices());

        // Searched on 100 of the 280: the published model is the chosen point refit on all 280.
        RiskTrainer.Result r = RiskTrainer.train(invoices(400), RiskConfig.DEFAULT, 100);
        assertEquals(100, r.searchInvoices());
        Standardizer standardizer = Standardizer.fit(r.train().features());
        var refit = r.hyperparameters().trainer(RiskConfig.DEFAULT.seed())
                .train(RiskTrainer.classification(r.train(), standardizer, "train"));
        var validation = RiskTrainer.standardised(r.validation(), standardizer);
        assertArrayEquals(RiskModel.rawProbabilities(refit, validation),
                RiskModel.rawProbabilities(r.model().classifier(), validation));
    }

    /**
     * n invoices a day apart with one feature whose higher values are late more often: customers 0..9 pay late
     * with probability (customer + 1) / 11, drawn by a fixed rule so the set is the same on every run.
     */
    static LabelledInvoices invoices(int n) {
        List<String> ids = new ArrayList<>();
        List<LocalDate> dates = new ArrayList<>();
        List<Map<String, Double>> features = new ArrayList<>();
        double[] amounts = new double[n];
        boolean[] late = new boolean[n];
        double[] daysLate = new double[n];
        for (int i = 0; i < n; i++) {
            int customer = i % 10;
            ids.add(String.format("I%04d", i));
            dates.add(LocalDate.of(2024, 1, 1).plusDays(i));
            Map<String, Double> f = new TreeMap<>();
            f.put("hist_late_share", customer / 10.0);
            f.put("log_amount", Math.log(100 + i % 7));
            features.add(f);
            amounts[i] = 100 + i % 7;
            late[i] = (i * 7919 % 11) <= customer;
            daysLate[i] = late[i] ? 5 : 0;
        }
        return new LabelledInvoices(ids, dates, amounts, features, late, daysLate);
    }
}
