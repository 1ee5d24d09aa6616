package io.arscope.worklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.ledger.AgingBuckets;

/**
 * The lead's view of a hand-made day, capacity 2 and 1 dispute. amy is overloaded: A1 and A2 today (open 1,000 +
 * 800, overdue 600 + 800), A3, A4 and A5 beyond capacity (open 300 + 250 + 900, all overdue), A6 with nothing to
 * do yet (50), and A5's dispute today (2,000). bob is idle: B1 has nothing to do yet (400), 2 spare slots. cy has C1
 * today (700, 100 overdue), 1 spare slot. No collector: U1 with an action (600 overdue), U2 covered by its credit
 * (neither an action nor waiting), U3's dispute (90).
 *
 * <p>Rebalancing by hand: candidates in worklist order are U1 (priority 160), A4 (150, 20 days), A3 (150, 10 days);
 * A5 (120) is never moved, it has an open dispute. U1 to bob (2 spare against cy's 1), A4 to bob (1 and 1, bob
 * first by name), A3 to cy; no slot is left.
 */
class TeamViewTest {

    private static final WorklistConfig CONFIG = new WorklistConfig(2, 1, 1.0, 30, 1.0, AgingBuckets.DEFAULT,
            DunningStrategy.DEFAULT);
    private static final String U = Worklist.UNASSIGNED;
    private static final String COLLECT = Worklist.COLLECT;
    private static final String DISPUTE = Worklist.DISPUTE;
    private static final String CALL = "call";
    private static final String NONE = DunningStrategy.NO_ACTION;

    private static TeamView.Customer c(String collector, String queue, String id, int rank, boolean today,
            String action, String open, String overdue, String priority, int days) {
        return new TeamView.Customer(collector, queue, id, id.equals("U1") ? "Zeta & <Sons>" : null, rank, today,
                action, new BigDecimal(open), new BigDecimal(overdue), new BigDecimal(priority), days);
    }

    static final List<TeamView.Customer> DAY = List.of(
            c("amy", COLLECT, "A1", 1, true, CALL, "1000.00", "600.00", "500.00", 40),
            c("amy", COLLECT, "A2", 2, true, CALL, "800.00", "800.00", "400.00", 70),
            c("amy", COLLECT, "A4", 3, false, CALL, "250.00", "250.00", "150.00", 20),
            c("amy", COLLECT, "A3", 4, false, CALL, "300.00", "300.00", "150.00", 10),
            c("amy", COLLECT, "A5", 5, false, CALL, "900.00", "900.00", "120.00", 5),
            c("amy", COLLECT, "A6", 6, false, NONE, "50.00", "0.00", "5.00", -10),
            c("amy", DISPUTE, "A5", 1, true, Worklist.RESOLVE_DISPUTE, "2000.00", "2000.00", "1800.00", 100),
            c("bob", COLLECT, "B1", 1, false, NONE, "400.00", "0.00", "40.00", -20),
            c("cy", COLLECT, "C1", 1, true, CALL, "700.00", "100.00", "210.00", 15),
            c(U, COLLECT, "U1", 1, true, CALL, "600.00", "600.00", "160.00", 35),
            c(U, COLLECT, "U2", 2, false, Worklist.APPLY_ON_ACCOUNT, "80.00", "80.00", "0.00", 12),
            c(U, DISPUTE, "U3", 1, true, Worklist.RESOLVE_DISPUTE, "90.00", "90.00", "81.00", 50));

    private static BigDecimal m(String amount) {
        return new BigDecimal(amount);
    }

    @Test
    void loadsOfEachCollectorAndOfTheUnassigned() {
        TeamView view = TeamView.of(DAY, CONFIG);
        assertEquals(List.of(
                new TeamView.Load("amy", true, 2, 2, m("1800.00"), m("1400.00"), 1, 1, m("2000.00"), 3, m("1450.00"),
                        m("1450.00"), 0, m("0.00"), 1, m("50.00"), 0, m("0.00")),
                new TeamView.Load("bob", true, 2, 0, m("0.00"), m("0.00"), 1, 0, m("0.00"), 0, m("0.00"), m("0.00"),
                        0, m("0.00"), 1, m("400.00"), 0, m("0.00")),
                new TeamView.Load("cy", true, 2, 1, m("700.00"), m("100.00"), 1, 0, m("0.00"), 0, m("0.00"),
                        m("0.00"), 0, m("0.00"), 0, m("0.00"), 0, m("0.00")),
                // U1 is "in today" in its queue, but nobody works it.
                new TeamView.Load(U, false, 0, 0, m("0.00"), m("0.00"), 0, 0, m("0.00"), 1, m("600.00"), m("600.00"),
                        1, m("90.00"), 0, m("0.00"), 0, m("0.00"))), view.loads());
        assertEquals(List.of(0, 2, 1, 0), view.loads().stream().map(TeamView.Load::spare).toList());
    }

    @Test
    void rebalancingMovesUnreachedWorkToTheMostSpareNeverADisputedCustomer() {
        assertEquals(List.of(
                new TeamView.Move(1, "U1", "Zeta & <Sons>", U, "bob", m("600.00"), m("600.00"), m("160.00"), 35),
                new TeamView.Move(2, "A4", null, "amy", "bob", m("250.00"), m("250.00"), m("150.00"), 20),
                new TeamView.Move(3, "A3", null, "amy", "cy", m("300.00"), m("300.00"), m("150.00"), 10)),
                TeamView.of(DAY, CONFIG).moves());
    }

    /**
     * Issue 18: U1 held (with a promise not kept) stays where it is. Without it, bob keeps both his spare slots for
     * A4 (2 against cy's 1) and then A3 (1 against 1, the first by name); A5 has a dispute.
     */
    @Test
    void aCustomerHeldByItsActivityIsNeverMoved() {
        List<TeamView.Customer> day = DAY.stream().map(c -> !c.customerId().equals("U1") ? c
                : new TeamView.Customer(c.collector(), c.queue(), c.customerId(), c.customerName(), c.rank(),
                        c.inToday(), c.actionCode(), c.open(), c.overdue(), c.priority(), c.maxDaysPastDue(), false,
                        true))
                .toList();
        assertEquals(List.of(
                new TeamView.Move(1, "A4", null, "amy", "bob", m("250.00"), m("250.00"), m("150.00"), 20),
                new TeamView.Move(2, "A3", null, "amy", "bob", m("300.00"), m("300.00"), m("150.00"), 10)),
                TeamView.of(day, CONFIG).moves());
    }

    /**
     * A customer cooling off (A4, contacted within the cool-off) is held back on purpose, not for want of capacity:
     * amy's unreached are A3 and A5 (300 + 900 = 1,200 open and overdue), A4 (250) is cooling off, and it is not
     * moved: U1 goes to bob, A3 to bob (1 against cy's 1, the first by name).
     */
    @Test
    void aCustomerCoolingOffIsNotCountedUnreachedNorMoved() {
        List<TeamView.Customer> day = DAY.stream().map(c -> !c.customerId().equals("A4") ? c
                : new TeamView.Customer(c.collector(), c.queue(), c.customerId(), c.customerName(), c.rank(),
                        c.inToday(), c.actionCode(), c.open(), c.overdue(), c.priority(), c.maxDaysPastDue(), true,
                        false))
                .toList();
        TeamView view = TeamView.of(day, CONFIG);
        assertEquals(new TeamView.Load("amy", true, 2, 2, m("1800.00"), m("1400.00"), 1, 1, m("2000.00"), 2,
                m("1200.00"), m("1200.00"), 0, m("0.00"), 1, m("50.00"), 1, m("250.00")), view.loads().get(0));
        assertEquals(List.of(
                new TeamView.Move(1, "U1", "Zeta & <Sons>", U, "bob", m("600.00"), m("600.00"), m("160.00"), 35),
                new TeamView.Move(2, "A3", null, "amy", "bob", m("300.00"), m("300.00"), m("150.00"), 10)),
                view.moves());
        String text = TeamPage.render(view, Map.of("amy", "amy", "bob", "bob", "cy", "cy", U, U),
                LocalDate.of(2025, 3, 31), CONFIG, "EUR", null).replaceAll("<[^>]+>", "");
        assertTrue(text.contains("Not reached today (beyond a collector's capacity): 2 customers with an action due, "
                + "EUR 1,200.00 open (EUR 1,200.00 overdue); 0 disputes, EUR 0.00 open."), text);
        assertTrue(text.contains("Cooling off (contacted fewer than 3 days ago, held back on purpose): 1 customer with "
                + "an action due, EUR 250.00 open."), text);
    }

    @Test
    void noMoveWhenNobodyHasASpareSlot() {
        List<TeamView.Customer> full = DAY.stream().filter(c -> !c.collector().equals("bob")
                && !c.collector().equals("cy")).toList();
        assertEquals(List.of(), TeamView.of(full, CONFIG).moves());
    }

    @Test
    void thePageStatesTheFiguresWithTheirCurrencyEscapedAndLinked() {
        Map<String, String> files = Map.of("amy", "amy", "bob", "bob", "cy", "cy", U, U);
        String page = TeamPage.render(TeamView.of(DAY, CONFIG), files, LocalDate.of(2025, 3, 31), CONFIG, "EUR", null);
        String text = page.replaceAll("<[^>]+>", "");
        assertTrue(text.contains("Today: 3 of 6 collection slots used (50.0%), touching EUR 2,500.00 open, of which "
                + "EUR 1,500.00 overdue. Disputes: 1 of 3 slots, EUR 2,000.00 open. 1 collector has nothing to do "
                + "today."), text);
        assertTrue(text.contains("Not reached today (beyond a collector's capacity): 3 customers with an action due, "
                + "EUR 1,450.00 open (EUR 1,450.00 overdue); 0 disputes, EUR 0.00 open."), text);
        assertTrue(text.contains("No collector: 1 customer with an action due, EUR 600.00 open (EUR 600.00 overdue); "
                + "1 dispute, EUR 90.00 open; 0 with nothing to do yet."), text);
        assertTrue(page.contains("<tr><td><a href=\"bob.html\">bob</a></td><td class=\"num\">0 of 2</td>"
                + "<td class=\"num\">2</td><td class=\"num\">EUR 0.00</td>"), page);
        assertTrue(page.contains("<a href=\"unassigned.html\">their list</a>"), page);
        assertTrue(page.contains("<td>Zeta &amp; &lt;Sons&gt; (U1)</td><td>unassigned</td><td>bob</td>"
                + "<td class=\"num\">EUR 600.00</td>"), page);
        assertFalse(page.contains("<Sons>"));
    }

    @Test
    void collectorsTheCollectorsFileNamesAreShownByNameBesideTheirIds(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("collectors.csv");
        Files.writeString(file, "collector,name\nbob,Bob <Stone>\n");
        Map<String, String> files = Map.of("amy", "amy", "bob", "bob", "cy", "cy", U, U);
        String page = TeamPage.render(TeamView.of(DAY, CONFIG), files, LocalDate.of(2025, 3, 31), CONFIG, "EUR",
                null, null, null, CollectorNames.read(file));
        assertTrue(page.contains("<tr><td><a href=\"bob.html\">Bob &lt;Stone&gt; (bob)</a></td>"), page);
        assertTrue(page.contains("<tr><td><a href=\"amy.html\">amy</a></td>"), "not in the file: its id");
        assertTrue(page.contains("<td>Zeta &amp; &lt;Sons&gt; (U1)</td><td>unassigned</td><td>Bob &lt;Stone&gt; "
                + "(bob)</td>"), page);
    }

    @Test
    void capacityUsedIsRoundedOnceFromTheCounts() {
        assertEquals("6.8%", TeamPage.percent(17, 250));
        assertEquals("no capacity", TeamPage.percent(0, 0));
    }
}
