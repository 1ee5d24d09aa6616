package io.arscope.bench;

import java.nio.file.Path;
import java.time.LocalDate;

import org.apache.spark.sql.SparkSession;

import io.arscope.ledger.AgingBuckets;
import io.arscope.ledger.ReceivablesLedger;
import io.arscope.metrics.CoreBalances;
import io.arscope.run.SparkSessions;

/** Times the core-number queries one by one (a profiling aid, not a test). */
public final class ProfileCore {
    private ProfileCore() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        LocalDate asOf = LocalDate.parse(args[1]);
        SparkSession spark = SparkSessions.create("profile", null);
        for (int round = 0; round < 3; round++) {
            ReceivablesLedger ledger = ReceivablesLedger.read(spark, dir.resolve("canonical").toString()).asOf(asOf);
            ProfileMetrics.time("monthly", () -> CoreBalances.monthly(ledger, asOf));
            ProfileMetrics.time("aging", () -> CoreBalances.aging(ledger, asOf, AgingBuckets.DEFAULT));
        }
    }
}
