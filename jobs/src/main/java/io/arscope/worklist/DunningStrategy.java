package io.arscope.worklist;

import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import io.arscope.activity.PlanStatus;
import io.arscope.activity.PromiseStatus;
import io.arscope.job.StrictYaml;
import io.arscope.model.CanonicalTable;

/**
 * The dunning strategy: which collection step an open invoice is at, from its days past due, open amount and
 * risk band. Steps are tried in order and the first that matches wins, so the list runs from the most severe
 * step to the mildest; an invoice no step matches needs no action yet. A customer's next action is the most
 * severe step among its invoices.
 *
 * <p>A strategy file (YAML or JSON) is a list under {@code steps}, each with {@code code}, {@code action} (the
 * words a collector reads) and any of {@code min_days_past_due}, {@code max_days_past_due} (inclusive; negative
 * means before the due date), {@code min_open_amount}, {@code risk_bands} (the bands it applies to),
 * {@code channel} (how the customer is contacted, one of {@link #CHANNELS}; an {@code email} or {@code letter} step
 * is a written contact, for which a reminder is drafted), {@code promise_status} (the customer's promise statuses it
 * applies to: {@value PromiseStatus#BROKEN}, {@value PromiseStatus#PARTLY_KEPT}, {@value PromiseStatus#PENDING}) and
 * {@code plan_status} (the statuses of the customer's plan instalment it applies to: {@value PlanStatus#DUE},
 * {@value PlanStatus#MISSED}). The promise and plan are the customer's, as its worklist row shows them, so a step on
 * them applies to each of its invoices that its other bounds let through. Any other key, or a key given twice, is
 * refused: a misspelt bound would otherwise leave the step matching every invoice.
 */
public record DunningStrategy(List<Step> steps) implements Serializable {

    /** The keys a step of a strategy file may have. */
    private static final Set<String> STEP_KEYS = new LinkedHashSet<>(List.of("code", "action", "min_days_past_due",
            "max_days_past_due", "min_open_amount", "risk_bands", "channel", "promise_status", "plan_status"));

    /** The channels a step may name: those of the contacts table. */
    public static final List<String> CHANNELS = CanonicalTable.CONTACT_CHANNELS;
    /** The channels of a written contact, for which a reminder is drafted. */
    public static final Set<String> WRITTEN_CHANNELS = Set.of("email", "letter");
    /** The promise statuses a step may name: those a worklist row shows (kept promises are not shown). */
    private static final List<String> STEP_PROMISE_STATUSES = List.of(PromiseStatus.BROKEN, PromiseStatus.PARTLY_KEPT,
            PromiseStatus.PENDING);
    /** The plan instalment statuses a step may name: those a worklist row shows. */
    private static final List<String> STEP_PLAN_STATUSES = List.of(PlanStatus.DUE, PlanStatus.MISSED);

    /** The code of the action when no step matches. */
    public static final String NO_ACTION = "none";
    /** What a collector reads when no step matches. */
    public static final String NO_ACTION_TEXT = "No action yet";

    /** One step; null bounds do not constrain; a null channel says nothing of how the customer is contacted. */
    public record Step(String code, String action, Integer minDaysPastDue, Integer maxDaysPastDue,
            BigDecimal minOpenAmount, List<String> riskBands, String channel, List<String> promiseStatuses,
            List<String> planStatuses) implements Serializable {

        public Step {
            if (code == null || code.isBlank() || action == null || action.isBlank()) {
                throw new IllegalArgumentException("a dunning step needs a code and an action");
            }
            if (code.equals(NO_ACTION)) {
                throw new IllegalArgumentException("'" + NO_ACTION + "' is reserved for invoices no step matches");
            }
            if (code.equals(Worklist.APPLY_ON_ACCOUNT)) {
                throw new IllegalArgumentException("'" + Worklist.APPLY_ON_ACCOUNT
                        + "' is reserved for invoices the customer's on-account credit covers");
            }
            if (minDaysPastDue != null && maxDaysPastDue != null && maxDaysPastDue < minDaysPastDue) {
                throw new IllegalArgumentException("dunning step " + code + ": max_days_past_due " + maxDaysPastDue
                        + " is below min_days_past_due " + minDaysPastDue);
            }
            riskBands = riskBands == null ? null : List.copyOf(riskBands);
            if (channel != null && !CHANNELS.contains(channel)) {
                throw new IllegalArgumentException("channel '" + channel + "' is not one of " + CHANNELS);
            }
            promiseStatuses = statuses(code, "promise_status", promiseStatuses, STEP_PROMISE_STATUSES);
            planStatuses = statuses(code, "plan_status", planStatuses, STEP_PLAN_STATUSES);
        }

        /** A step that names a channel, on days, amount and band alone. */
        public Step(String code, String action, Integer minDaysPastDue, Integer maxDaysPastDue,
                BigDecimal minOpenAmount, List<String> riskBands, String channel) {
            this(code, action, minDaysPastDue, maxDaysPastDue, minOpenAmount, riskBands, channel, null, null);
        }

        /** Whether the step is a written contact (email or letter), for which a reminder is drafted. */
        public boolean written() {
            return channel != null && WRITTEN_CHANNELS.contains(channel);
        }

        /**
         * Whether only an overdue invoice can reach the step (its {@code min_days_past_due} is 1 or more), so that
         * its words ("the overdue invoices below") hold for overdue invoices alone.
         */
        public boolean overdueOnly() {
            return minDaysPastDue != null && minDaysPastDue > 0;
        }

        /** A step on days, amount and band alone, naming no channel. */
        public Step(String code, String action, Integer minDaysPastDue, Integer maxDaysPastDue,
                BigDecimal minOpenAmount, List<String> riskBands) {
            this(code, action, minDaysPastDue, maxDaysPastDue, minOpenAmount, riskBands, null, null, null);
        }

        private static List<String> statuses(String code, String key, List<String> given, List<String> known) {
            if (given == null) {
                return null;
            }
            for (String s : given) {
                if (!known.contains(s)) {
                    throw new IllegalArgumentException("dunning step " + code + ": " + key + " '" + s
                            + "' is not one of " + known);
                }
            }
            return List.copyOf(given);
        }

        /** Whether the step applies; {@code promiseStatus} and {@code planStatus} are null when there is none. */
        boolean matches(int daysPastDue, BigDecimal openAmount, String band, String promiseStatus,
                String planStatus) {
            return (minDaysPastDue == null || daysPastDue >= minDaysPastDue)
                    && (maxDaysPastDue == null || daysPastDue <= maxDaysPastDue)
                    && (minOpenAmount == null || openAmount.compareTo(minOpenAmount) >= 0)
                    && (riskBands == null || riskBands.contains(band))
                    && (promiseStatuses == null || promiseStatus != null && promiseStatuses.contains(promiseStatus))
                    && (planStatuses == null || planStatus != null && planStatuses.contains(planStatus));
        }
    }

    /**
     * Which step matched: its code, the words, and its severity, which ascends with the step's severity: 0 when no
     * step matches, 1 for the mildest (last) step, up to the number of steps for the first, most severe one.
     */
    public record Decision(String code, String action, int severity) {
    }

    /** The severity of no action. */
    public static final int NO_ACTION_SEVERITY = 0;

    /**
     * How many days before the due date the default strategy sends a high-risk invoice a courtesy reminder: two
     * weeks, so that a customer likely to pay late hears of the invoice while it can still be paid on time, and
     * every high-band invoice due within that window has a step.
     */
    public static final int PRE_DUE_REMINDER_DAYS = 14;

    /**
     * The default: legal review at 90+ days above 5,000, final notice at 90+, an escalation of an overdue invoice
     * whose customer broke a promise to pay (or kept it in part), then of one whose customer missed a plan
     * instalment, a payment plan or escalation at 45-89, a call at 15-44, a firm reminder at 8-14, a polite
     * reminder at 1-7, and a courtesy reminder in the {@link #PRE_DUE_REMINDER_DAYS} days before the due date (and
     * on it) for high-risk invoices only. The notices are letters, the reminders emails, the rest calls.
     */
    public static final DunningStrategy DEFAULT = new DunningStrategy(List.of(
            new Step("legal_review", "Refer to collection agency or legal review", 90, null,
                    new BigDecimal("5000.00"), null, "letter"),
            new Step("final_notice", "Call and send a final notice; hold further credit", 90, null, null, null,
                    "letter"),
            new Step("broken_promise", "Call about the broken promise to pay; escalate to the account owner", 1,
                    null, null, null, "call", List.of(PromiseStatus.BROKEN, PromiseStatus.PARTLY_KEPT), null),
            new Step("missed_instalment", "Call about the missed plan instalment; escalate to the account owner", 1,
                    null, null, null, "call", null, List.of(PlanStatus.MISSED)),
            new Step("payment_plan", "Offer a payment plan or escalate to the account owner", 45, 89, null, null,
                    "call"),
            new Step("call", "Call the customer", 15, 44, null, null, "call"),
            new Step("firm_reminder", "Send a firm reminder", 8, 14, null, null, "email"),
            new Step("polite_reminder", "Send a polite reminder", 1, 7, null, null, "email"),
            new Step("pre_due_reminder", "Send a courtesy reminder before the due date", -PRE_DUE_REMINDER_DAYS, 0,
                    null, List.of("high"), "email")));

    public DunningStrategy {
        steps = List.copyOf(steps);
        if (steps.stream().map(Step::code).distinct().count() != steps.size()) {
            throw new IllegalArgumentException("dunning step codes must be unique");
        }
    }

    /** The first step that matches an invoice whose customer has no promise or plan instalment, or no action. */
    public Decision decide(int daysPastDue, BigDecimal openAmount, String band) {
        return decide(daysPastDue, openAmount, band, null, null);
    }

    /**
     * The first step that matches, or no action.
     *
     * @param promiseStatus the customer's promise status as its worklist row shows it, null when none is shown
     * @param planStatus    the status of the customer's plan instalment as its row shows it, null when none is
     */
    public Decision decide(int daysPastDue, BigDecimal openAmount, String band, String promiseStatus,
            String planStatus) {
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.matches(daysPastDue, openAmount, band, promiseStatus, planStatus)) {
                return new Decision(s.code(), s.action(), steps.size() - i);
            }
        }
        return new Decision(NO_ACTION, NO_ACTION_TEXT, NO_ACTION_SEVERITY);
    }

    /** The step with this code, if the strategy has one. */
    public Optional<Step> step(String code) {
        return steps.stream().filter(s -> s.code().equals(code)).findFirst();
    }

    /**
     * The severity of resolving a dispute: above every dunning step, since dunning waits on it. Disputes are in a
     * queue of their own, so they are never ranked against a dunning step.
     */
    public int disputeSeverity() {
        return steps.size() + 1;
    }

    /** Reads a strategy file; a clear message names the file and the step that is wrong. */
    public static DunningStrategy read(Path file) {
        JsonNode root;
        try {
            root = StrictYaml.tree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot read dunning strategy " + file + ": " + StrictYaml.problem(e),
                    e);
        } catch (IOException e) {
            // A strategy is configuration, like the mapping and the config file: unreadable, it is a usage error.
            throw new IllegalArgumentException("cannot read dunning strategy " + file + ": " + io.arscope.job.UsageException.reason(e), e);
        }
        unknownKey(root, Set.of("steps")).ifPresent(key -> {
            throw new IllegalArgumentException(file + ": " + StrictYaml.unknownKey(key, "", Set.of("steps")));
        });
        JsonNode list = root == null ? null : root.get("steps");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException(file + ": a dunning strategy needs a non-empty list 'steps'");
        }
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode s = list.get(i);
            try {
                unknownKey(s, STEP_KEYS).ifPresent(key -> {
                    throw new IllegalArgumentException(StrictYaml.unknownKey(key, "", STEP_KEYS));
                });
                steps.add(new Step(text(s, "code"), text(s, "action"), integer(s, "min_days_past_due"),
                        integer(s, "max_days_past_due"),
                        s.hasNonNull("min_open_amount") ? new BigDecimal(s.get("min_open_amount").asText()) : null,
                        lowerCaseList(s, "risk_bands"), text(s, "channel"), lowerCaseList(s, "promise_status"),
                        lowerCaseList(s, "plan_status")));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ", step " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        return new DunningStrategy(steps);
    }

    /** The first key of a map that is not one of {@code known}. */
    private static Optional<String> unknownKey(JsonNode node, Set<String> known) {
        if (node == null || !node.isObject()) {
            return Optional.empty();
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext();) {
            String key = keys.next();
            if (!known.contains(key)) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    /** A list of words, in lower case; null when the key is absent. */
    private static List<String> lowerCaseList(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            return null;
        }
        List<String> words = new ArrayList<>();
        for (JsonNode w : node.get(field)) {
            words.add(w.asText().toLowerCase(Locale.ROOT));
        }
        return words;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Integer integer(JsonNode node, String field) {
        if (!node.hasNonNull(field)) {
            return null;
        }
        if (!node.get(field).canConvertToInt() || !node.get(field).isIntegralNumber()) {
            throw new IllegalArgumentException(field + " must be a whole number of days, not " + node.get(field));
        }
        return node.get(field).intValue();
    }
}
