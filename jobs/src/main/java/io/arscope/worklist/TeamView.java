package io.arscope.worklist;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The collections lead's view of one day's worklists: each collector's load against capacity, the money on today's
 * lists, the work nobody owns (customers with no collector) and the work nobody reaches (beyond a collector's
 * capacity); and a rebalancing suggestion ({@link #rebalancing}).
 *
 * <p>A customer row "has an action" unless its action is {@link DunningStrategy#NO_ACTION} (nothing to do yet) or
 * {@link Worklist#APPLY_ON_ACCOUNT} (apply the credit, do not chase); every dispute row has one. Today's list of
 * an assigned collector is its rows with {@code in_today}; the rest with an action are unreached, but for those
 * cooling off: they were contacted a few days ago and are held back on purpose, not for want of capacity. Nobody
 * works the rows of {@link Worklist#UNASSIGNED}: its capacity is 0 and all its rows with an action are unreached,
 * but for those cooling off.
 *
 * @param loads     one per collector, assigned collectors by name, then {@link Worklist#UNASSIGNED} if it has rows
 * @param moves     the suggested moves, in the order they were chosen
 * @param collectorOf each customer's collector, by customer id
 */
public record TeamView(List<Load> loads, List<Move> moves, Map<String, String> collectorOf) {

    /**
     * A customer row of {@link WorklistTables#CUSTOMERS}, with what the team view reads of it.
     *
     * @param rank          its rank in its collector's queue
     * @param coolingOff    contacted within the cool-off: left off today's list on purpose
     * @param promised      with a promise to pay not kept
     */
    public record Customer(String collector, String queue, String customerId, String customerName, int rank,
            boolean inToday, String actionCode, BigDecimal open, BigDecimal overdue, BigDecimal priority,
            int maxDaysPastDue, boolean coolingOff, boolean promised) {

        /** A customer with no collection activity that holds it. */
        public Customer(String collector, String queue, String customerId, String customerName, int rank,
                boolean inToday, String actionCode, BigDecimal open, BigDecimal overdue, BigDecimal priority,
                int maxDaysPastDue) {
            this(collector, queue, customerId, customerName, rank, inToday, actionCode, open, overdue, priority,
                    maxDaysPastDue, false, false);
        }

        /** Cooling off, or with a promise to pay not kept: it stays with its collector. */
        boolean held() {
            return coolingOff || promised;
        }

        boolean hasAction() {
            return !DunningStrategy.NO_ACTION.equals(actionCode) && !Worklist.APPLY_ON_ACCOUNT.equals(actionCode);
        }

        boolean collects() {
            return Worklist.COLLECT.equals(queue);
        }
    }

    /**
     * One collector's day. For {@link Worklist#UNASSIGNED}, capacities and today's figures are 0.
     *
     * @param assigned           false for the customers with no collector
     * @param todayCustomers     customers on today's collection list
     * @param todayOpen          their open amount; {@code todayOverdue} its overdue part
     * @param disputesToday      disputes on today's list, {@code disputesTodayOpen} their open amount
     * @param unreachedCustomers  customers in the collection queue with an action, not on today's list and not
     *                            cooling off
     * @param disputesUnreached   disputes not on today's list
     * @param waitingCustomers    customers in the collection queue with nothing to do yet
     * @param coolingOffCustomers customers in the collection queue with an action, held back by the cool-off
     */
    public record Load(String collector, boolean assigned, int capacity, int todayCustomers, BigDecimal todayOpen,
            BigDecimal todayOverdue, int disputeCapacity, int disputesToday, BigDecimal disputesTodayOpen,
            int unreachedCustomers, BigDecimal unreachedOpen, BigDecimal unreachedOverdue, int disputesUnreached,
            BigDecimal disputesUnreachedOpen, int waitingCustomers, BigDecimal waitingOpen, int coolingOffCustomers,
            BigDecimal coolingOffOpen) {

        /** Collection slots left today. */
        public int spare() {
            return capacity - todayCustomers;
        }
    }

    /**
     * A suggested move of a customer's collection work.
     *
     * @param order the move's place in the suggestion, from 1
     * @param from  its collector, or {@link Worklist#UNASSIGNED}
     */
    public record Move(int order, String customerId, String customerName, String from, String to, BigDecimal open,
            BigDecimal overdue, BigDecimal priority, int maxDaysPastDue) {
    }

    /** The worklist's own order of customers: priority, then days past due, then open amount, then id. */
    static final Comparator<Customer> WORKLIST_ORDER = Comparator.comparing(Customer::priority).reversed()
            .thenComparing(Comparator.comparingInt(Customer::maxDaysPastDue).reversed())
            .thenComparing(Comparator.comparing(Customer::open).reversed())
            .thenComparing(Customer::customerId);

    /** The team view of the customer rows of one day's worklists. */
    public static TeamView of(List<Customer> customers, WorklistConfig config) {
        Map<String, List<Customer>> byCollector = customers.stream()
                .collect(Collectors.groupingBy(Customer::collector, TreeMap::new, Collectors.toList()));
        List<Load> loads = new ArrayList<>();
        for (Map.Entry<String, List<Customer>> e : byCollector.entrySet()) {
            if (!e.getKey().equals(Worklist.UNASSIGNED)) {
                loads.add(load(e.getKey(), true, e.getValue(), config));
            }
        }
        List<Customer> unassigned = byCollector.get(Worklist.UNASSIGNED);
        if (unassigned != null) {
            loads.add(load(Worklist.UNASSIGNED, false, unassigned, config));
        }
        Map<String, String> collectorOf = new TreeMap<>();
        customers.forEach(c -> collectorOf.putIfAbsent(c.customerId(), c.collector()));
        return new TeamView(List.copyOf(loads), rebalancing(customers, loads), Map.copyOf(collectorOf));
    }

    private static Load load(String collector, boolean assigned, List<Customer> rows, WorklistConfig config) {
        List<Customer> collect = rows.stream().filter(Customer::collects).toList();
        List<Customer> disputes = rows.stream().filter(c -> !c.collects()).toList();
        List<Customer> today = assigned ? collect.stream().filter(Customer::inToday).toList() : List.of();
        List<Customer> disputesToday = assigned ? disputes.stream().filter(Customer::inToday).toList() : List.of();
        List<Customer> coolingOff = collect.stream().filter(c -> c.hasAction() && !today.contains(c)
                && c.coolingOff()).toList();
        List<Customer> unreached = collect.stream().filter(c -> c.hasAction() && !today.contains(c)
                && !c.coolingOff()).toList();
        List<Customer> disputesUnreached = disputes.stream().filter(c -> !disputesToday.contains(c)).toList();
        List<Customer> waiting = collect.stream().filter(c -> DunningStrategy.NO_ACTION.equals(c.actionCode()))
                .toList();
        return new Load(collector, assigned, assigned ? config.capacity() : 0, today.size(), sum(today, true),
                sum(today, false), assigned ? config.disputeCapacity() : 0, disputesToday.size(),
                sum(disputesToday, true), unreached.size(), sum(unreached, true), sum(unreached, false),
                disputesUnreached.size(), sum(disputesUnreached, true), waiting.size(), sum(waiting, true),
                coolingOff.size(), sum(coolingOff, true));
    }

    private static BigDecimal sum(List<Customer> rows, boolean open) {
        return rows.stream().map(open ? Customer::open : Customer::overdue).reduce(BigDecimal.ZERO.setScale(2),
                BigDecimal::add);
    }

    /**
     * The rebalancing rule. Work to move: the collection rows with an action that no list reaches today, those
     * beyond an assigned collector's capacity and those of {@link Worklist#UNASSIGNED}, taken in the worklist's own
     * order ({@link #WORKLIST_ORDER}) across collectors. A customer with an open dispute (a row in any dispute
     * queue) is never moved: its dispute stays with whoever works it. Nor is a customer {@link Customer#held}: one
     * cooling off was just contacted, and a promise to pay is followed up by whoever took it. Each row in turn goes to the assigned collector with the most spare
     * collection slots left (ties to the first by name), until no slot or no row is left. A collector with work
     * beyond capacity has no spare slot (its first {@code capacity} rows with an action are today's), so work
     * only ever moves from a full list to one with room.
     */
    static List<Move> rebalancing(List<Customer> customers, List<Load> loads) {
        Set<String> disputed = customers.stream().filter(c -> !c.collects()).map(Customer::customerId)
                .collect(Collectors.toSet());
        Map<String, Integer> spare = new TreeMap<>();
        for (Load l : loads) {
            if (l.assigned() && l.spare() > 0) {
                spare.put(l.collector(), l.spare());
            }
        }
        List<Customer> work = customers.stream()
                .filter(c -> c.collects() && c.hasAction() && !c.held() && !disputed.contains(c.customerId())
                        && (c.collector().equals(Worklist.UNASSIGNED) || !c.inToday()))
                .sorted(WORKLIST_ORDER).toList();
        List<Move> moves = new ArrayList<>();
        for (Customer c : work) {
            String to = spare.entrySet().stream().filter(e -> e.getValue() > 0)
                    .max(Map.Entry.<String, Integer>comparingByValue()
                            .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                    .map(Map.Entry::getKey).orElse(null);
            if (to == null) {
                break;
            }
            spare.merge(to, -1, Integer::sum);
            moves.add(new Move(moves.size() + 1, c.customerId(), c.customerName(), c.collector(), to, c.open(),
                    c.overdue(), c.priority(), c.maxDaysPastDue()));
        }
        return List.copyOf(moves);
    }

    /** The loads of the assigned collectors. */
    public List<Load> collectors() {
        return loads.stream().filter(Load::assigned).toList();
    }
}
