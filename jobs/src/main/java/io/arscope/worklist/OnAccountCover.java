package io.arscope.worklist;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.math.BigDecimal;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * How much of each open invoice its customer's on-account credit (unapplied cash and unallocated credit memos at
 * the as-of day) covers. The credit is set against the customer's undisputed open invoices, the most overdue first
 * (earliest due date, then invoice id), each up to its open amount, until it runs out; a disputed invoice is worked
 * in the dispute queue and takes none. What is covered is not chased: a collector applies the credit instead.
 */
final class OnAccountCover {

    /** The column added to each scored invoice: the part of its open amount the customer's credit covers. */
    static final String COVERED = "covered_by_credit";

    private OnAccountCover() {
    }

    /**
     * A customer row's open amount as its collector's page and summary show it: with the credit on account and what
     * is left to collect when the customer has any, since the row's next action already counts it ("GBP 877.68, less
     * GBP 475.40 on account: GBP 402.28 net"), and a collector reading only the open amount would chase all of it.
     */
    static String openShown(java.math.BigDecimal open, java.math.BigDecimal credit, java.math.BigDecimal net,
            String currency) {
        String shown = io.arscope.risk.InvoiceCurrency.shown(open, currency);
        if (credit == null || credit.signum() <= 0) {
            return shown;
        }
        return shown + ", less " + io.arscope.risk.InvoiceCurrency.shown(credit, currency) + " on account: "
                + (net.signum() <= 0 ? "nothing to collect" : io.arscope.risk.InvoiceCurrency.shown(net, currency)
                        + " net");
    }

    /**
     * @param invoices open invoices with {@code customer_id}, {@code due_date}, {@code invoice_id},
     *                 {@code open_amount}, the customer's {@link CollectionContext#ON_ACCOUNT_CREDIT} (null when it has none) and
     *                 {@code disputed}, a boolean column
     * @return the same rows with {@link #COVERED}, DECIMAL(18,2)
     */
    static Dataset<Row> of(Dataset<Row> invoices, Column disputed) {
        WindowSpec earlier = Window.partitionBy(col("customer_id"), disputed)
                .orderBy(col("due_date"), col("invoice_id"))
                .rowsBetween(Window.unboundedPreceding(), -1);
        Column zero = lit(BigDecimal.ZERO);
        Column credit = coalesce(col(CollectionContext.ON_ACCOUNT_CREDIT), zero);
        Column left = greatest(credit.minus(coalesce(sum(col("open_amount")).over(earlier), zero)), zero);
        return invoices.withColumn(COVERED, when(disputed, zero).otherwise(least(col("open_amount"), left))
                .cast(io.arscope.job.Column.MONEY));
    }
}
