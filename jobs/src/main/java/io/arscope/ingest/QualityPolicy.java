package io.arscope.ingest;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.arscope.job.ClosestName;

/**
 * What ingest does with a row that breaks each rule: reject it, or accept it with the rule's code in its
 * {@code quality_flags}. A mapping's top-level {@code quality:} key sets it per code; a rule it does not name keeps
 * its default, which is what an accountant does with the row: a {@link RejectReason#flaggable() flaggable} business
 * oddity (the ERP booked it so, and it is real money) is flagged, a structural fault is rejected and cannot be set to
 * flag.
 */
public final class QualityPolicy implements Serializable {

    /** The two things a rule can do with a row that breaks it. */
    public enum Action {
        REJECT, FLAG;

        /** As a mapping and the outputs spell it: {@code reject}, {@code flag}. */
        public String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Every rule at its default action. */
    public static final QualityPolicy DEFAULT = of(Map.of());

    private final EnumMap<RejectReason, Action> actions = new EnumMap<>(RejectReason.class);

    private QualityPolicy(Map<RejectReason, Action> set) {
        for (RejectReason rule : RejectReason.values()) {
            actions.put(rule, set.getOrDefault(rule, rule.flaggable() ? Action.FLAG : Action.REJECT));
        }
    }

    /**
     * The policy a mapping's {@code quality:} map sets.
     *
     * @throws IllegalArgumentException when {@link #problems} finds any
     */
    public static QualityPolicy of(Map<String, String> settings) {
        List<String> problems = problems(settings);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        Map<RejectReason, Action> set = new EnumMap<>(RejectReason.class);
        settings.forEach((code, action) -> set.put(RejectReason.valueOf(code),
                Action.valueOf(action.trim().toUpperCase(Locale.ROOT))));
        return new QualityPolicy(set);
    }

    /**
     * What is wrong with a {@code quality:} map, one message per entry: a code that is no rule (with the nearest
     * one), an action other than reject or flag, and flag set on a structural fault.
     */
    public static List<String> problems(Map<String, String> settings) {
        List<String> codes = Arrays.stream(RejectReason.values()).map(Enum::name).toList();
        List<String> flaggable = Arrays.stream(RejectReason.values()).filter(RejectReason::flaggable)
                .map(Enum::name).toList();
        List<String> problems = new ArrayList<>();
        settings.forEach((code, action) -> {
            String where = "quality." + code;
            if (!codes.contains(code)) {
                problems.add("quality: '" + code + "' is not a rule code; " + ClosestName.hint(code, codes));
            } else if (action == null || Arrays.stream(Action.values())
                    .noneMatch(a -> a.word().equals(action.trim().toLowerCase(Locale.ROOT)))) {
                problems.add(where + ": the action must be 'reject' or 'flag', was '" + action + "'");
            } else if (action.trim().equalsIgnoreCase("flag") && !RejectReason.valueOf(code).flaggable()) {
                problems.add(where + ": cannot be 'flag': it is a structural fault, so the record is not usable as "
                        + "it stands; only " + flaggable + " can be flagged");
            }
        });
        return problems;
    }

    public Action action(RejectReason rule) {
        return actions.get(rule);
    }

    /** The codes of the rules with the given action, in declaration order. */
    public List<String> codes(Action action) {
        return actions.entrySet().stream().filter(e -> e.getValue() == action).map(e -> e.getKey().name()).toList();
    }

    /** Every rule's code and action word, in declaration order: as the run manifest records the policy. */
    public Map<String, String> words() {
        Map<String, String> words = new LinkedHashMap<>();
        actions.forEach((rule, action) -> words.put(rule.name(), action.word()));
        return words;
    }
}
