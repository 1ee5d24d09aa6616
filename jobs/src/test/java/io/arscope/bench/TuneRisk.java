package io.arscope.bench;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.SparkSession;
import org.tribuo.Model;
import org.tribuo.classification.Label;

import io.arscope.ledger.ReceivablesLedger;
import io.arscope.risk.LabelledInvoices;
import io.arscope.risk.RiskConfig;
import io.arscope.risk.RiskFeatures;
import io.arscope.risk.RiskTrainer;
import io.arscope.run.SparkSessions;

/** Compares risk-model settings on one ingest output (a tuning aid, not a test). */
public final class TuneRisk {
    private TuneRisk() {
    }

    public static void main(String[] args) {
        SparkSession spark = SparkSessions.create("tune", null);
        ReceivablesLedger ledger = ReceivablesLedger.read(spark, args[0] + "/canonical");
        LocalDate asOf = ledger.latestDate();
        LabelledInvoices all = LabelledInvoices.collect(RiskFeatures.atIssue(ledger, asOf, 0));
        for (RiskConfig c : List.of(RiskConfig.DEFAULT,
                new RiskConfig(0, 0.7, 0.15, 42, 100, 3, 0.05, 10, 0.6, 0.3),
                new RiskConfig(0, 0.7, 0.15, 42, 300, 3, 0.03, 30, 0.6, 0.3))) {
            RiskTrainer.Result r = RiskTrainer.train(all, c);
            System.out.printf("%s%n  valid %s chosen %s test %.3f baseline %.3f%n", c, r.validationAuc(), r.chosen(),
                    r.test().rocAuc(), r.baseline().rocAuc());
        }
    }
}
