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
 * means before the due date), {@code min_open_amount}, {@code risk_bands} (the bands it applies to) and
 * {@code channel} (how the customer is contacted, one of {@link #CHANNELS}; an {@code email} or {@code letter} step
 * is a written contact, for which a reminder is drafted). Any other key, or a key given twice, is refused: a
 * misspelt bound would otherwise leave the step matching every invoice.
 */
public record DunningStrategy(List<Step> steps) implements Serializable {

    /** The keys a step of a strategy file may have. */
    private static final Set<String> STEP_KEYS = new LinkedHashSet<>(List.of("code", "action", "min_days_past_due",
            "max_days_past_due", "min_open_amount", "risk_bands", "channel"));

    /** The channels a step may name: those of the contacts table. */
    public static final List<String> CHANNELS = CanonicalTable.CONTACT_CHANNELS;
    /** The channels of a written contact, for which a reminder is drafted. */
    public static final Set<String> WRITTEN_CHANNELS = Set.of("email", "letter");

    /** The code of the action when no step matches. */
    public static final String NO_ACTION = "none";
    /** What a collector reads when no step matches. */
    public static final String NO_ACTION_TEXT = "No action yet";

    /** One step; null bounds do not constrain; a null channel says nothing of how the customer is contacted. */
    public record Step(String code, String action, Integer minDaysPastDue, Integer maxDaysPastDue,
            BigDecimal minOpenAmount, List<String> riskBands, String channel) implements Serializable {

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
        }

        /** A step that names no channel. */
        public Step(String code, String action, Integer minDaysPastDue, Integer maxDaysPastDue,
                BigDecimal minOpenAmount, List<String> riskBands) {
            this(code, action, minDaysPastDue, maxDaysPastDue, minOpenAmount, riskBands, null);
        }

        /** Whether the step is a written contact (email or letter), for which a reminder is drafted. */
        public boolean written() {
            return channel != null && WRITTEN_CHANNELS.contains(channel);
        }

        boolean matches(int daysPastDue, BigDecimal openAmount, String band) {
            return (minDaysPastDue == null || daysPastDue >= minDaysPastDue)
                    && (maxDaysPastDue == null || daysPastDue <= maxDaysPastDue)
                    && (minOpenAmount == null || openAmount.compareTo(minOpenAmount) >= 0)
                    && (riskBands == null || riskBands.contains(band));
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
     * The default: legal review at 90+ days above 5,000, final notice at 90+, a payment plan or escalation at
     * 45-89, a call at 15-44, a firm reminder at 8-14, a polite reminder at 1-7, and a reminder in the week before
     * the due date for high-risk invoices only. The notices are letters, the reminders emails, the rest calls.
     */
    public static final DunningStrategy DEFAULT = new DunningStrategy(List.of(
            new Step("legal_review", "Refer to collection agency or legal review", 90, null,
                    new BigDecimal("5000.00"), null, "letter"),
            new Step("final_notice", "Call and send a final notice; hold further credit", 90, null, null, null,
                    "letter"),
            new Step("payment_plan", "Offer a payment plan or escalate to the account owner", 45, 89, null, null,
                    "call"),
            new Step("call", "Call the customer", 15, 44, null, null, "call"),
            new Step("firm_reminder", "Send a firm reminder", 8, 14, null, null, "email"),
            new Step("polite_reminder", "Send a polite reminder", 1, 7, null, null, "email"),
            new Step("pre_due_reminder", "Remind before the due date", -7, 0, null, List.of("high"), "email")));

    public DunningStrategy {
        steps = List.copyOf(steps);
        if (steps.stream().map(Step::code).distinct().count() != steps.size()) {
            throw new IllegalArgumentException("dunning step codes must be unique");
        }
    }

    /** The first step that matches, or no action. */
    public Decision decide(int daysPastDue, BigDecimal openAmount, String band) {
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            if (s.matches(daysPastDue, openAmount, band)) {
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
                List<String> bands = null;
                if (s.hasNonNull("risk_bands")) {
                    bands = new ArrayList<>();
                    for (JsonNode b : s.get("risk_bands")) {
                        bands.add(b.asText().toLowerCase(Locale.ROOT));
                    }
                }
                steps.add(new Step(text(s, "code"), text(s, "action"), integer(s, "min_days_past_due"),
                        integer(s, "max_days_past_due"),
                        s.hasNonNull("min_open_amount") ? new BigDecimal(s.get("min_open_amount").asText()) : null,
                        bands, text(s, "channel")));
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
