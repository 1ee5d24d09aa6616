package io.arscope.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.arscope.pipeline.RunPlan.Action;

class RunPlanTest {

    private static final Set<Step> NOTHING = EnumSet.noneOf(Step.class);
    private static final Set<Step> ALL = EnumSet.allOf(Step.class);

    private static String actions(RunPlan plan) {
        StringBuilder s = new StringBuilder();
        for (Step step : Step.values()) {
            s.append(step.command()).append('=').append(plan.action(step)).append(' ');
        }
        return s.toString().trim();
    }

    @Test
    void aFirstRunWithoutAModelRunsEveryStepIncludingTraining() {
        assertEquals("ingest=RUN metrics=RUN train=RUN score=RUN alerts=RUN worklist=RUN forecast=RUN report=RUN",
                actions(RunPlan.of(false, NOTHING, null, NOTHING)));
    }

    @Test
    void aGivenModelReplacesTraining() {
        assertEquals("ingest=RUN metrics=RUN train=NONE score=RUN alerts=RUN worklist=RUN forecast=RUN report=RUN",
                actions(RunPlan.of(true, NOTHING, null, ALL)));
    }

    @Test
    void skippedStepsKeepThePublishedOutputWhenThereIsOne() {
        assertEquals("ingest=KEEP metrics=RUN train=RUN score=RUN alerts=RUN worklist=RUN forecast=KEEP report=RUN",
                actions(RunPlan.of(false, EnumSet.of(Step.INGEST, Step.FORECAST), null, ALL)));
        RunPlan withoutForecast = RunPlan.of(true, EnumSet.of(Step.FORECAST), null, NOTHING);
        assertEquals(Action.NONE, withoutForecast.action(Step.FORECAST));
        assertFalse(withoutForecast.has(Step.FORECAST));
    }

    @Test
    void fromAStepKeepsTheStepsBeforeIt() {
        assertEquals("ingest=KEEP metrics=KEEP train=KEEP score=RUN alerts=RUN worklist=RUN forecast=RUN report=RUN",
                actions(RunPlan.of(false, NOTHING, Step.SCORE, ALL)));
        assertEquals("ingest=KEEP metrics=KEEP train=NONE score=KEEP alerts=KEEP worklist=KEEP forecast=KEEP "
                + "report=RUN",
                actions(RunPlan.of(true, NOTHING, Step.REPORT, ALL)));
    }

    @Test
    void aStepThatWouldLackAnInputIsRefusedBeforeAnythingRuns() {
        IllegalArgumentException noIngest = assertThrows(IllegalArgumentException.class,
                () -> RunPlan.of(true, EnumSet.of(Step.INGEST), null, NOTHING));
        assertEquals("metrics needs the output of ingest, which this run skips and the date's published run does "
                + "not hold", noIngest.getMessage());
        IllegalArgumentException noModel = assertThrows(IllegalArgumentException.class,
                () -> RunPlan.of(false, EnumSet.of(Step.TRAIN), null, EnumSet.of(Step.INGEST)));
        assertEquals("score needs the output of train, which this run skips and the date's published run does not "
                + "hold; give --model or let the run train", noModel.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RunPlan.of(true, EnumSet.of(Step.TRAIN), null, ALL));
        IllegalArgumentException noMetrics = assertThrows(IllegalArgumentException.class,
                () -> RunPlan.of(true, EnumSet.of(Step.METRICS), null, EnumSet.of(Step.INGEST)));
        assertEquals("alerts needs the output of metrics, which this run skips and the date's published run does "
                + "not hold", noMetrics.getMessage());
    }

    @Test
    void skippedAlertsLeaveTheWorklistAndReportWithout() {
        RunPlan withoutAlerts = RunPlan.of(true, EnumSet.of(Step.ALERTS), null, NOTHING);
        assertEquals("ingest=RUN metrics=RUN train=NONE score=RUN alerts=NONE worklist=RUN forecast=RUN report=RUN",
                actions(withoutAlerts));
    }

    @Test
    void stepsAreNamedByTheirCommands() {
        assertEquals(Step.WORKLIST, Step.parse(" Worklist"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Step.parse("features"));
        assertEquals("no step 'features'; the steps are [ingest, metrics, train, score, alerts, worklist, forecast, "
                + "report]",
                e.getMessage());
    }
}
