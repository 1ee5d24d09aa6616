package io.arscope.worklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.testing.HeadlessChromium;
import io.arscope.testing.TestSpark;

/**
 * The team page as a browser shows it, written by {@link TeamTables} from {@link HandMadeWorklist} (capacity 2, 1
 * dispute): it loads with no error, no request and no script, the screenshot shows it, its figures are the
 * worklist's, and each collector's link opens that collector's page. By hand: ana.ruiz has C2 (500 open, all
 * overdue) and C1 (1,200 open, 1,000 overdue) today, C3 (300, 5 days overdue, priority 70) beyond capacity and C4's
 * dispute (6,000) today; the other collector has C5 (1,070 overdue) today and a spare slot, so C3 moves to it. The
 * screenshot is kept at target/browser/team-page.png.
 */
@Tag("integration")
class TeamPageBrowserTest {

    @TempDir
    Path dir;

    @Test
    void theTeamPageShowsTheWorklistsFiguresAndLinksToEachCollector() throws Exception {
        Path chromium = HeadlessChromium.find().orElseThrow(() -> new AssertionError("Chromium not found at "
                + HeadlessChromium.LOCATIONS + ": install Debian's chromium package (bash .ci/run does)"));
        Path out = dir.resolve("out");
        HandMadeWorklist.write(out);
        TeamTables.Counts counts = TeamTables.write(TestSpark.session(), out.toString(), WorklistTest.AS_OF,
                HandMadeWorklist.CONFIG, null);
        assertEquals(new TeamTables.Counts(2, 1, 0), counts);
        assertEquals(List.of("as_of,move,customer_id,customer_name,from_collector,to_collector,open_amount,"
                        + "overdue_amount,priority_value,max_days_past_due,currency",
                        WorklistTest.AS_OF + ",1,C3,<script>alert('x')</script>,ana.ruiz,\"" + HandMadeWorklist.NORD
                                .replace("\"", "\"\"") + "\",300.00,300.00,70.00,5,USD"),
                Files.readAllLines(out.resolve(TeamTables.REBALANCING.name() + ".csv")));
        Path page = out.resolve(WorklistTables.PAGES).resolve(TeamTables.PAGE);
        Path shots = Path.of("target", "browser");
        Files.createDirectories(shots);
        try (HeadlessChromium browser = new HeadlessChromium(chromium, dir)) {
            browser.open(page);
            assertEquals(List.of(), browser.errors());
            assertEquals(0, browser.evaluate("performance.getEntriesByType('resource').length").asInt());
            assertEquals(0, browser.evaluate("document.scripts.length").asInt());
            assertEquals("Today: 3 of 4 collection slots used (75.0%), touching USD 2,770.00 open, of which "
                    + "USD 2,570.00 overdue. Disputes: 1 of 2 slots, USD 6,000.00 open. 0 collectors have nothing to "
                    + "do today.", browser.evaluate("document.getElementById('capacity').textContent").asText());
            assertEquals("Not reached today (beyond a collector's capacity): 1 customer with an action due, "
                    + "USD 300.00 open (USD 300.00 overdue); 0 disputes, USD 0.00 open.",
                    browser.evaluate("document.getElementById('unreached').textContent").asText());
            assertEquals("No collector: every customer has a collector.",
                    browser.evaluate("document.getElementById('unassigned').textContent").asText());
            assertEquals("Cooling off (contacted fewer than 3 days ago, held back on purpose): 0 customers with an "
                    + "action due, USD 0.00 open.",
                    browser.evaluate("document.getElementById('cooling-off').textContent").asText());
            // The columns: today, spare, open and overdue today, disputes, not reached and its open amount,
            // cooling off, nothing to do yet.
            assertEquals(HandMadeWorklist.NORD + "|1 of 2|1|USD 1,070.00|USD 1,070.00|0 of 1|0|USD 0.00|0|0 // "
                    + "ana.ruiz|2 of 2|0|USD 1,700.00|USD 1,500.00|1 of 1|1|USD 300.00|0|0",
                    browser.evaluate("Array.from(document.querySelectorAll('#collectors tbody tr')).map(r => "
                            + "Array.from(r.cells).map(c => c.textContent).join('|')).join(' // ')").asText());
            assertEquals("1|<script>alert('x')</script> (C3)|ana.ruiz|" + HandMadeWorklist.NORD
                    + "|USD 300.00|USD 300.00|USD 70.00|5", browser.evaluate("Array.from(document.querySelectorAll("
                    + "'#rebalancing tbody tr')).map(r => Array.from(r.cells).map(c => c.textContent).join('|'))"
                    + ".join(' // ')").asText());

            Path png = shots.resolve("team-page.png");
            browser.screenshot(png, 1200);
            int height = browser.evaluate("document.documentElement.scrollHeight").asInt();
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(1200, image.getWidth());
            assertEquals(height, image.getHeight());
            int dark = 0;
            int headerGrey = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y) & 0xffffff;
                    dark += ((rgb >> 16) & 0xff) < 100 && ((rgb >> 8) & 0xff) < 100 && (rgb & 0xff) < 100 ? 1 : 0;
                    headerGrey += rgb == 0xf5f5f5 ? 1 : 0;
                }
            }
            // Text in near-black; the two tables' header rows in #f5f5f5.
            assertTrue(dark > 2000, dark + " dark pixels");
            assertTrue(headerGrey > 5000, headerGrey + " header pixels");

            // A collector's link opens its page: the first by name needs escaping, its file a hash.
            Path linked = Path.of(java.net.URI.create(browser.evaluate(
                    "document.querySelectorAll('#collectors tbody a')[0].href").asText()));
            assertEquals(out.resolve(WorklistTables.PAGES).resolve(HandMadeWorklist.NORD_FILE + ".html"), linked);
            browser.open(linked);
            assertEquals("Worklist for " + HandMadeWorklist.NORD + ", " + WorklistTest.AS_OF,
                    browser.evaluate("document.title").asText());
        }
    }
}
