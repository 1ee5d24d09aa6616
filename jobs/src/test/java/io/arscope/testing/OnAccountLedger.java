package io.arscope.testing;

import java.nio.file.Path;
import java.time.LocalDate;

import org.apache.spark.sql.SparkSession;

/**
 * The tiny ledger of the on-account tests, as of 31 March 2025, every figure worked by hand:
 * <ul>
 * <li>C1 (Enterprise): I1 1,000 issued 10 Jan, due 9 Feb (50 days past due on 31 Mar, 31-60); I2 400 issued 1 Mar,
 * due 31 Mar (current). 600 of cash received on account on 20 Feb, applied to no invoice.</li>
 * <li>C2 (Small business): I3 300 issued 1 Feb, due 3 Mar, 100 paid on 10 Mar (200 open, 28 days past due, 1-30).
 * A 250 credit memo on account on 15 Mar, allocated to no invoice.</li>
 * </ul>
 * Gross AR on 31 Mar is 1,000 + 400 + 200 = 1,600; on account 600 + 250 = 850; net 750. At the end of February:
 * gross 1,300 (I1, I3), on account 600, net 700; of January: gross 1,000, nothing on account.
 */
public final class OnAccountLedger {

    public static final LocalDate AS_OF = LedgerBuilder.d("2025-03-31");

    private OnAccountLedger() {
    }

    /** Writes the ledger's canonical tables under {@code dir}. */
    public static Path write(SparkSession spark, Path dir) {
        return new LedgerBuilder().customer("C1", "Enterprise").customer("C2", "Small business")
                .invoice("I1", "C1", "2025-01-10", "2025-02-09", "1000")
                .invoice("I2", "C1", "2025-03-01", "2025-03-31", "400")
                .invoice("I3", "C2", "2025-02-01", "2025-03-03", "300")
                .payment("I3", "C2", "2025-03-10", "100")
                .payment(null, "C1", "2025-02-20", "600")
                .adjustment(null, "C2", "2025-03-15", "250", "credit_memo")
                .write(spark, dir);
    }
}
