package io.arscope.pipeline;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * What a run does with each step: run it, keep the output the date's published run already has, or go without.
 * Skipped steps, and steps before {@code --from}, keep the published output when there is one; a step that runs
 * must find everything it needs either run or kept.
 */
public final class RunPlan {

    /** What happens to one step. */
    public enum Action {
        RUN, KEEP, NONE;

        public String label() {
            return switch (this) {
                case RUN -> "run";
                case KEEP -> "kept from the published run";
                case NONE -> "not run";
            };
        }
    }

    private final Map<Step, Action> actions;

    private RunPlan(Map<Step, Action> actions) {
        this.actions = actions;
    }

    /**
     * @param givenModel whether the run was given a model (then it trains none and scores with that one)
     * @param skip       steps not to run
     * @param from       the first step to run (earlier ones are skipped), or null for the first
     * @param published  steps whose output the date's published run holds
     * @throws IllegalArgumentException when a step that runs would lack an input
     */
    public static RunPlan of(boolean givenModel, Set<Step> skip, Step from, Set<Step> published) {
        if (givenModel && skip.contains(Step.TRAIN)) {
            throw new IllegalArgumentException("--skip train has no meaning with --model: a run given a model trains "
                    + "none");
        }
        Map<Step, Action> actions = new EnumMap<>(Step.class);
        for (Step step : Step.values()) {
            boolean skipped = skip.contains(step) || (from != null && step.ordinal() < from.ordinal());
            Action action;
            if (step == Step.TRAIN && givenModel) {
                action = Action.NONE;
            } else if (!skipped) {
                action = Action.RUN;
            } else {
                action = published.contains(step) ? Action.KEEP : Action.NONE;
            }
            actions.put(step, action);
        }
        for (Step step : Step.values()) {
            if (actions.get(step) != Action.RUN) {
                continue;
            }
            for (Step need : step.needs()) {
                if (need == Step.TRAIN && givenModel) {
                    continue;
                }
                if (actions.get(need) == Action.NONE) {
                    throw new IllegalArgumentException(step.command() + " needs the output of " + need.command()
                            + ", which this run skips and the date's published run does not hold"
                            + (need == Step.TRAIN ? "; give --model or let the run train" : ""));
                }
            }
        }
        return new RunPlan(actions);
    }

    public Action action(Step step) {
        return actions.get(step);
    }

    /** Whether the run will hold this step's output. */
    public boolean has(Step step) {
        return actions.get(step) != Action.NONE;
    }

    @Override
    public String toString() {
        return actions.toString();
    }
}
