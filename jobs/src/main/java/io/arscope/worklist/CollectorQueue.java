package io.arscope.worklist;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * One collector's worklist as a person reads it: the customers of the collection queue, then those of the dispute
 * queue, each in rank order with its open invoices in rank order. The collectors' pages and workbook sheets are
 * written from these, one collector at a time, so only one collector's rows are on the driver at once.
 *
 * @param collector the collector's name as in the data
 * @param customers rows of {@link WorklistTables#CUSTOMERS}, each with its rows of {@link WorklistTables#INVOICES}
 */
public record CollectorQueue(String collector, List<Customer> customers) {

    /** A customer row of the roll-up and its invoice rows. */
    public record Customer(Row row, List<Row> invoices) {
    }

    /** The number of invoice rows of all customers. */
    public long invoiceCount() {
        return customers.stream().mapToLong(c -> c.invoices().size()).sum();
    }

    /**
     * The collectors' queues in the order of their names, read from the customer roll-up and the invoice rows of
     * {@link Worklist#build} side by side, both sorted the same way.
     *
     * @throws IllegalStateException if an invoice row has no customer row or a customer row no invoice
     */
    public static Iterator<CollectorQueue> read(Dataset<Row> customers, Dataset<Row> invoices) {
        Iterator<Row> c = customers.orderBy(order(customers, false)).toLocalIterator();
        Iterator<Row> i = invoices.orderBy(order(invoices, true)).toLocalIterator();
        return new Merged(c, i);
    }

    private static Column[] order(Dataset<Row> rows, boolean invoices) {
        List<Column> order = new ArrayList<>(List.of(col("collector"),
                when(col("queue").equalTo(Worklist.COLLECT), lit(0)).otherwise(lit(1)), col("customer_rank")));
        if (invoices) {
            order.add(col("invoice_rank"));
        }
        return order.toArray(Column[]::new);
    }

    /** Merges the two sorted streams into one queue per collector. */
    private static final class Merged implements Iterator<CollectorQueue> {
        private final Iterator<Row> customers;
        private final Iterator<Row> invoices;
        private Row nextCustomer;
        private Row nextInvoice;

        Merged(Iterator<Row> customers, Iterator<Row> invoices) {
            this.customers = customers;
            this.invoices = invoices;
            nextCustomer = customers.hasNext() ? customers.next() : null;
            nextInvoice = invoices.hasNext() ? invoices.next() : null;
        }

        @Override
        public boolean hasNext() {
            if (nextCustomer == null && nextInvoice != null) {
                throw new IllegalStateException("invoice " + WorklistTables.INVOICE_ID.of(nextInvoice)
                        + " has no customer row in the worklist of " + WorklistTables.COLLECTOR.of(nextInvoice));
            }
            return nextCustomer != null;
        }

        @Override
        public CollectorQueue next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            String collector = WorklistTables.COLLECTOR.of(nextCustomer);
            List<Customer> list = new ArrayList<>();
            while (nextCustomer != null && collector.equals(WorklistTables.COLLECTOR.of(nextCustomer))) {
                Row customer = nextCustomer;
                List<Row> rows = new ArrayList<>();
                while (nextInvoice != null && sameCustomer(customer, nextInvoice)) {
                    rows.add(nextInvoice);
                    nextInvoice = invoices.hasNext() ? invoices.next() : null;
                }
                if (rows.isEmpty()) {
                    throw new IllegalStateException("customer " + WorklistTables.CUSTOMER_ID.of(customer) + " of "
                            + collector + " has no open invoice in the " + WorklistTables.QUEUE.of(customer)
                            + " queue");
                }
                list.add(new Customer(customer, List.copyOf(rows)));
                nextCustomer = customers.hasNext() ? customers.next() : null;
            }
            return new CollectorQueue(collector, List.copyOf(list));
        }

        private static boolean sameCustomer(Row customer, Row invoice) {
            return WorklistTables.COLLECTOR.of(customer).equals(WorklistTables.COLLECTOR.of(invoice))
                    && WorklistTables.QUEUE.of(customer).equals(WorklistTables.QUEUE.of(invoice))
                    && WorklistTables.CUSTOMER_ID.of(customer).equals(WorklistTables.CUSTOMER_ID.of(invoice));
        }
    }
}
