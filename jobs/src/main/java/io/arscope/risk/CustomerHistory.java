package io.arscope.risk;

import static org.apache.spark.sql.functions.col;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

import io.arscope.activity.CollectionActivity;
import io.arscope.ledger.ReceivablesLedger;

/**
 * Every invoice known at the end of a day, with its events, disputes, its customer's on-account items and
 * collection activity ({@link RiskFeatures#history}): what the segment priors ({@link SegmentPriors}), the invoice
 * features ({@link RiskFeatures}) and the customer features ({@link CustomerFeatures}) all read, one customer at a
 * time. Computed once, partitioned and sorted by customer, and held, so that each of them reads a customer's rows
 * where they lie instead of shuffling the whole ledger by customer again.
 */
public final class CustomerHistory {

    /** The history rows, held once computed, each customer's together and in a run in one partition. */
    private final Dataset<Row> rows;
    private final LocalDate labelAsOf;

    private CustomerHistory(Dataset<Row> rows, LocalDate labelAsOf) {
        this.rows = rows;
        this.labelAsOf = labelAsOf;
    }

    /** @param activity the customers' collection activity, or null for none */
    public static CustomerHistory of(ReceivablesLedger ledger, CollectionActivity activity, LocalDate labelAsOf) {
        return new CustomerHistory(RiskFeatures.history(ledger, activity, labelAsOf)
                .repartition(col("customer_id")).sortWithinPartitions("customer_id").localCheckpoint(false),
                labelAsOf);
    }

    /** The day the rows are known at. */
    public LocalDate labelAsOf() {
        return labelAsOf;
    }

    /**
     * Applies {@code perCustomer} to each customer's rows, one customer at a time and in no particular order, without
     * a shuffle: the rows are held partitioned and sorted by customer.
     */
    Dataset<Row> perCustomer(FlatMapGroupsFunction<String, Row, Row> perCustomer, StructType schema) {
        return rows.mapPartitions(new Grouped(perCustomer), Encoders.row(schema));
    }

    /** Runs of one customer's rows in a partition sorted by customer, each handed to the function whole. */
    private static final class Grouped implements MapPartitionsFunction<Row, Row> {
        private final FlatMapGroupsFunction<String, Row, Row> perCustomer;

        Grouped(FlatMapGroupsFunction<String, Row, Row> perCustomer) {
            this.perCustomer = perCustomer;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> input) {
            return new Iterator<>() {
                private final Set<String> done = new HashSet<>();
                private Row pending = input.hasNext() ? input.next() : null;
                private Iterator<Row> out = Collections.emptyIterator();

                @Override
                public boolean hasNext() {
                    while (!out.hasNext() && pending != null) {
                        String customer = pending.getAs("customer_id");
                        if (!done.add(customer)) {
                            throw new IllegalStateException("the rows of customer " + customer
                                    + " are not together in their partition");
                        }
                        List<Row> group = new ArrayList<>();
                        while (pending != null && Objects.equals(customer, pending.getAs("customer_id"))) {
                            group.add(pending);
                            pending = input.hasNext() ? input.next() : null;
                        }
                        try {
                            out = perCustomer.call(customer, group.iterator());
                        } catch (Exception e) {
                            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
                        }
                    }
                    return out.hasNext();
                }

                @Override
                public Row next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    return out.next();
                }
            };
        }
    }
}
