package io.arscope.ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import scala.collection.JavaConverters;

/**
 * The ledger the steps of one {@code arscope run} share. Every step reads the same ingest output cut at the same day
 * and groups the same payments, adjustments and disputes by invoice; each step on its own paid for that grouping
 * again (at 5M invoices about 25 s a step). While a scope is open, reading a canonical folder again gives the ledger
 * read before, cutting it at a day again gives the cut made before, and the invoices' events and disputes of a cut
 * ({@link InvoiceHistory}) are grouped once and held (checkpointed, spilling to disk) for every later step, and so
 * are the invoices settled in full ({@link PaidInvoices#settled}) and the on-account items ({@link OnAccountItems}),
 * which the metrics, the scores and the worklist all read. Closing
 * the scope releases what it held.
 *
 * <p>Outside a scope (a job run on its own, a test) nothing is shared and every call builds what it asks for. A scope
 * is for one as-of date of one run: the folders it read must not be rewritten while it is open.
 */
public final class SharedLedger implements AutoCloseable {

    private static final AtomicReference<SharedLedger> OPEN = new AtomicReference<>();

    private final Map<String, ReceivablesLedger> read = new HashMap<>();
    private final Map<ReceivablesLedger, Map<LocalDate, ReceivablesLedger>> cuts = new IdentityHashMap<>();
    /** The tables of each cut made in the scope, and of each copy of them, to the cut's whose history they share. */
    private final Map<Events, Events> sharing = new HashMap<>();
    private final Map<Events, Dataset<Row>> histories = new HashMap<>();
    private final Map<Events, Dataset<Row>> settled = new HashMap<>();
    private final Map<Events, Dataset<Row>> onAccount = new HashMap<>();
    private final List<RDD<?>> held = new ArrayList<>();

    /** The tables an invoice's events and disputes come from; equal only for the very same datasets. */
    private record Events(Dataset<Row> invoices, Dataset<Row> payments, Dataset<Row> adjustments,
            Dataset<Row> disputes) {

        static Events of(ReceivablesLedger ledger) {
            return new Events(ledger.invoices(), ledger.payments(), ledger.adjustments(), ledger.disputes());
        }
    }

    private SharedLedger() {
    }

    /** Opens the scope; one at a time. */
    public static SharedLedger open() {
        SharedLedger scope = new SharedLedger();
        if (!OPEN.compareAndSet(null, scope)) {
            throw new IllegalStateException("a shared ledger scope is open already");
        }
        return scope;
    }

    /** Releases everything held and ends the scope. */
    @Override
    public void close() {
        OPEN.compareAndSet(this, null);
        // Blocking: a run closes the scope just before it stops Spark, and a removal still in flight then fails
        // with a stack trace on stderr after the run's last line.
        held.forEach(rdd -> rdd.unpersist(true));
        held.clear();
        read.clear();
        cuts.clear();
        sharing.clear();
        histories.clear();
        settled.clear();
        onAccount.clear();
    }

    /** The ledger under {@code canonicalDir}: read once in a scope. */
    static ReceivablesLedger read(String canonicalDir, Supplier<ReceivablesLedger> reader) {
        SharedLedger scope = OPEN.get();
        return scope == null ? reader.get()
                : scope.read.computeIfAbsent(new Path(canonicalDir).toString(), d -> reader.get());
    }

    /**
     * {@code ledger} cut at {@code day}: in a scope, made once for a ledger read there, and a cut cut again at its
     * own day is itself.
     */
    static ReceivablesLedger cut(ReceivablesLedger ledger, LocalDate day, Supplier<ReceivablesLedger> cutter) {
        SharedLedger scope = OPEN.get();
        if (scope == null) {
            return cutter.get();
        }
        if (!scope.read.containsValue(ledger) && !scope.cuts.containsKey(ledger)) {
            return cutter.get();
        }
        Map<LocalDate, ReceivablesLedger> byDay = scope.cuts.computeIfAbsent(ledger, l -> new HashMap<>());
        ReceivablesLedger cut = byDay.get(day);
        if (cut == null) {
            cut = cutter.get();
            byDay.put(day, cut);
            scope.cuts.computeIfAbsent(cut, l -> new HashMap<>()).put(day, cut);
            Events events = Events.of(cut);
            scope.sharing.put(events, events);
        }
        return cut;
    }

    /**
     * The ledger's tables checkpointed, to be read once from here on; in a scope, a copy of a cut made there shares
     * the cut's invoice history.
     */
    public static ReceivablesLedger held(ReceivablesLedger ledger) {
        ReceivablesLedger copy = new ReceivablesLedger(ledger.customers().localCheckpoint(),
                ledger.invoices().localCheckpoint(), ledger.payments().localCheckpoint(),
                ledger.adjustments().localCheckpoint(), ledger.disputes(), ledger.ingestAsOf());
        SharedLedger scope = OPEN.get();
        Events of = scope == null ? null : scope.sharing.get(Events.of(ledger));
        if (of != null) {
            scope.sharing.put(Events.of(copy), of);
        }
        return copy;
    }

    /**
     * The invoices of {@code ledger} with their events and disputes: in a scope, built once for the tables of a cut
     * made there (or a copy of them), whatever customers beside them.
     */
    static Dataset<Row> history(ReceivablesLedger ledger, Supplier<Dataset<Row>> builder) {
        return sharedHistory(ledger, builder).orElseGet(builder);
    }

    /**
     * {@link #history} when the scope shares the ledger's history, which it then builds if no step has yet; empty
     * outside a scope, where building a history only to read it once costs more than what the caller needs of it.
     */
    static Optional<Dataset<Row>> sharedHistory(ReceivablesLedger ledger, Supplier<Dataset<Row>> builder) {
        return shared(ledger, scope -> scope.histories, builder);
    }

    /**
     * The invoices settled in full in the history of {@code ledger} ({@link PaidInvoices#settled}): in a scope, found
     * once for a cut made there (or a copy of it) and held, since the alerts and the worklist both read them and
     * finding them walks every invoice's events.
     */
    static Dataset<Row> settled(ReceivablesLedger ledger, Supplier<Dataset<Row>> finder) {
        return shared(ledger, scope -> scope.settled, finder).orElseGet(finder);
    }

    /**
     * The on-account items of {@code ledger} ({@link OnAccountItems}): in a scope, found once for a cut made there
     * (or a copy of it) and held; finding the parts of payments beyond their invoices reads every invoice.
     */
    static Dataset<Row> onAccount(ReceivablesLedger ledger, Supplier<Dataset<Row>> finder) {
        return shared(ledger, scope -> scope.onAccount, finder).orElseGet(finder);
    }

    /**
     * What {@code builder} makes of the ledger's events, made once per cut of the open scope and held in
     * {@code kept}; empty when no scope shares the ledger's events.
     */
    private static Optional<Dataset<Row>> shared(ReceivablesLedger ledger,
            Function<SharedLedger, Map<Events, Dataset<Row>>> kept, Supplier<Dataset<Row>> builder) {
        SharedLedger scope = OPEN.get();
        Events of = scope == null ? null : scope.sharing.get(Events.of(ledger));
        if (of == null) {
            return Optional.empty();
        }
        return Optional.of(kept.apply(scope).computeIfAbsent(of, e -> scope.hold(builder.get())));
    }

    /**
     * The rows checkpointed: stored once as the rows they are, which is cheaper to write and to read than Spark's
     * columnar cache for arrays of structs. The RDDs the checkpoint persisted are noted, to be released on close.
     */
    private Dataset<Row> hold(Dataset<Row> rows) {
        SparkContext context = rows.sparkSession().sparkContext();
        Set<Object> before = new HashSet<>(JavaConverters.mapAsJavaMap(context.getPersistentRDDs()).keySet());
        Dataset<Row> kept = rows.localCheckpoint();
        JavaConverters.mapAsJavaMap(context.getPersistentRDDs()).forEach((id, rdd) -> {
            if (!before.contains(id)) {
                held.add(rdd);
            }
        });
        return kept;
    }
}
