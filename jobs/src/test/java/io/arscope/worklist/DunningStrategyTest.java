package io.arscope.worklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DunningStrategyTest {

    @TempDir
    Path dir;

    private static String code(int daysPastDue, String open, String band) {
        return DunningStrategy.DEFAULT.decide(daysPastDue, new BigDecimal(open), band).code();
    }

    @Test
    void theDefaultStepsFollowDaysPastDueAmountAndBand() {
        assertEquals("none", code(-8, "100.00", "high"));
        assertEquals("pre_due_reminder", code(-7, "100.00", "high"));
        assertEquals("none", code(-7, "100.00", "medium"));
        assertEquals("pre_due_reminder", code(0, "100.00", "high"));
        assertEquals("polite_reminder", code(1, "100.00", "low"));
        assertEquals("polite_reminder", code(7, "100.00", "low"));
        assertEquals("firm_reminder", code(8, "100.00", "low"));
        assertEquals("call", code(15, "100.00", "low"));
        assertEquals("call", code(44, "100.00", "low"));
        assertEquals("payment_plan", code(45, "100.00", "low"));
        assertEquals("payment_plan", code(89, "100000.00", "low"));
        assertEquals("final_notice", code(90, "4999.99", "low"));
        assertEquals("legal_review", code(90, "5000.00", "low"));
    }

    @Test
    void aStrategyFileReplacesTheSteps() throws Exception {
        Path file = dir.resolve("strategy.yaml");
        Files.writeString(file, """
                steps:
                  - code: call_big
                    action: Call the finance director
                    min_days_past_due: 1
                    min_open_amount: 10000
                  - code: email
                    action: Email a reminder
                    min_days_past_due: -5
                    risk_bands: [High, medium]
                """);
        DunningStrategy s = DunningStrategy.read(file);
        assertEquals("call_big", s.decide(3, new BigDecimal("10000.00"), "low").code());
        assertEquals("email", s.decide(3, new BigDecimal("9999.99"), "medium").code());
        assertEquals(1, s.decide(3, new BigDecimal("9999.99"), "high").severity());
        DunningStrategy.Decision none = s.decide(3, new BigDecimal("9999.99"), "low");
        assertEquals("none", none.code());
        assertEquals(0, none.severity());
        assertEquals(2, s.decide(3, new BigDecimal("10000.00"), "low").severity());
        assertEquals(3, s.disputeSeverity());
    }

    @Test
    void aWrongStepIsNamed() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                steps:
                  - code: a
                    action: A
                  - code: b
                    action: B
                    min_days_past_due: 10
                    max_days_past_due: 5
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DunningStrategy.read(file));
        assertTrue(e.getMessage().contains("step 2") && e.getMessage().contains("max_days_past_due 5"),
                e.getMessage());
    }

    /** Why the strategy file {@code yaml} is refused, with {@code <file>} standing for its path. */
    private String refusal(String name, String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve(name), yaml);
        return assertThrows(IllegalArgumentException.class, () -> DunningStrategy.read(file)).getMessage()
                .replace(file.toString(), "<file>");
    }

    @Test
    void aMisspeltKeyIsRefusedRatherThanLeavingTheStepUnbounded() throws Exception {
        // Before: min_days_pastdue was ignored, and the step matched every invoice.
        assertEquals("<file>, step 1: unknown key 'min_days_pastdue'; did you mean 'min_days_past_due'?",
                refusal("typo.yaml", "steps:\n  - code: call\n    action: Call\n    min_days_pastdue: 30\n"));
        assertEquals("<file>: unknown key 'step'; did you mean 'steps'?",
                refusal("top.yaml", "step:\n  - code: call\n    action: Call\n"));
        assertEquals("<file>, step 1: unknown key 'colour'; expected one of [action, channel, code, "
                + "max_days_past_due, min_days_past_due, min_open_amount, risk_bands]",
                refusal("far.yaml", "steps:\n  - code: call\n    action: Call\n    colour: red\n"));
    }

    @Test
    void aKeyGivenTwiceIsRefused() throws Exception {
        // Before: the last bound won.
        assertEquals("cannot read dunning strategy <file>: key 'min_days_past_due' is given twice in one map "
                + "(line 5); give each key once", refusal("twice.yaml", """
                        steps:
                          - code: call
                            action: Call
                            min_days_past_due: 5
                            min_days_past_due: 30
                        """));
    }

    /** Issue 22: action_severity ran backwards (0 = legal review); it ascends, 0 being nothing to do. */
    @Test
    void severityAscendsFromNothingToLegalReview() {
        DunningStrategy d = DunningStrategy.DEFAULT;
        BigDecimal big = new BigDecimal("6000.00");
        assertEquals(List.of("none 0", "pre_due_reminder 1", "polite_reminder 2", "firm_reminder 3", "call 4",
                "payment_plan 5", "final_notice 6", "legal_review 7"), List.of(
                        d.decide(-20, big, "high"), d.decide(-3, big, "high"), d.decide(3, big, "low"),
                        d.decide(10, big, "low"), d.decide(20, big, "low"), d.decide(50, big, "low"),
                        d.decide(95, new BigDecimal("4999.99"), "low"), d.decide(95, big, "low")).stream()
                .map(x -> x.code() + " " + x.severity()).toList());
        assertEquals(8, d.disputeSeverity());
    }

    @Test
    void aStepNamesItsChannelAndEmailAndLetterStepsAreWritten() throws Exception {
        Path file = Files.writeString(dir.resolve("channels.yaml"), """
                steps:
                  - code: notice
                    action: Send the notice
                    min_days_past_due: 60
                    channel: letter
                  - code: ring
                    action: Call
                    min_days_past_due: 30
                    channel: call
                  - code: nudge
                    action: Email a reminder
                    channel: email
                  - code: look
                    action: Look at it
                """);
        DunningStrategy s = DunningStrategy.read(file);
        assertEquals(List.of("letter true", "call false", "email true", "null false"), s.steps().stream()
                .map(step -> step.channel() + " " + step.written()).toList());
        assertEquals("<file>, step 1: channel 'fax' is not one of [call, email, letter, portal, visit]",
                refusal("fax.yaml", "steps:\n  - code: a\n    action: A\n    channel: fax\n"));
    }

    @Test
    void theDefaultNoticesAreLettersTheRemindersEmailsTheRestCalls() {
        assertEquals(List.of("legal_review letter", "final_notice letter", "payment_plan call", "call call",
                "firm_reminder email", "polite_reminder email", "pre_due_reminder email"),
                DunningStrategy.DEFAULT.steps().stream().map(s -> s.code() + " " + s.channel()).toList());
    }
}
