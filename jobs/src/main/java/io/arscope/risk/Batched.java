package io.arscope.risk;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * A partition's rows handed to a function a batch at a time, on the executors: the models score a batch per call
 * (one matrix for XGBoost, one pass for the linear model), which is much faster than a row at a time, and a
 * partition is never held whole.
 */
final class Batched {

    /** What is done to one batch: its rows in, as many rows out, in the same order. */
    interface Step extends Serializable {
        List<Row> apply(List<Row> batch);
    }

    private Batched() {
    }

    static MapPartitionsFunction<Row, Row> of(int size, Step step) {
        return rows -> new Iterator<>() {
            private Iterator<Row> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                if (!current.hasNext() && rows.hasNext()) {
                    List<Row> batch = new ArrayList<>(size);
                    while (rows.hasNext() && batch.size() < size) {
                        batch.add(rows.next());
                    }
                    current = step.apply(batch).iterator();
                }
                return current.hasNext();
            }

            @Override
            public Row next() {
                hasNext();
                return current.next();
            }
        };
    }
}
