package io.arscope.worklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.arscope.testing.HeadlessChromium;

/**
 * A collector's page as a browser shows it, from {@link HandMadeWorklist}: it loads with no error and no request,
 * the screenshot shows the queue, a click on a column heading sorts the rows by that column's values (numbers as
 * numbers), a customer's invoices unfold, and print media unfolds them all and hides the sort controls. With
 * scripts off it reads the same, in rank order. The screenshot is kept at target/browser/collector-page.png.
 */
@Tag("integration")
class CollectorPageBrowserTest {

    private static final String COLLECT_ROWS =
            "Array.from(document.querySelectorAll('#collect table.queue > tbody > tr'))";
    private static final String CUSTOMERS = COLLECT_ROWS + ".map(r => r.cells[2].textContent).join(' | ')";
    private static final String C1 = "=1+1 (C1)";
    private static final String C2 = "Zeta & <Sons> \"Ltd\" (C2)";
    private static final String C3 = "<script>alert('x')</script> (C3)";

    @TempDir
    Path dir;

    private static String order(String... customers) {
        return String.join(" | ", customers);
    }

    private static String heading(int column) {
        return "document.querySelectorAll('#collect table.queue > thead th')[" + column + "]";
    }

    @Test
    void thePageRendersSortsUnfoldsAndPrints() throws Exception {
        Path chromium = HeadlessChromium.find().orElseThrow(() -> new AssertionError("Chromium not found at "
                + HeadlessChromium.LOCATIONS + ": install Debian's chromium package (bash .ci/run does)"));
        Path out = dir.resolve("out");
        HandMadeWorklist.write(out);
        Path page = out.resolve(WorklistTables.PAGES).resolve(HandMadeWorklist.ANA + ".html");
        Path shots = Path.of("target", "browser");
        Files.createDirectories(shots);
        try (HeadlessChromium browser = new HeadlessChromium(chromium, dir)) {
            browser.open(page);
            assertEquals(List.of(), browser.errors());
            assertEquals(0, browser.evaluate("performance.getEntriesByType('resource').length").asInt());
            assertEquals(order(C2, C1, C3), browser.evaluate(CUSTOMERS).asText());
            assertEquals(1, browser.evaluate("document.querySelectorAll('#dispute table.queue > tbody > tr').length")
                    .asInt());
            assertEquals(false, browser.evaluate("document.querySelector('.hint').hidden").asBoolean());

            Path png = shots.resolve("collector-page.png");
            browser.screenshot(png, 1200);
            int height = browser.evaluate("document.documentElement.scrollHeight").asInt();
            BufferedImage image = ImageIO.read(png.toFile());
            assertEquals(1200, image.getWidth());
            assertEquals(height, image.getHeight());
            assertTrue(height > 300, "height " + height);
            Set<Integer> colours = new HashSet<>();
            int dark = 0;
            int headerGrey = 0;
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    int rgb = image.getRGB(x, y) & 0xffffff;
                    colours.add(rgb);
                    dark += ((rgb >> 16) & 0xff) < 100 && ((rgb >> 8) & 0xff) < 100 && (rgb & 0xff) < 100 ? 1 : 0;
                    headerGrey += rgb == 0xf5f5f5 ? 1 : 0;
                }
            }
            // Text in near-black, antialiased into many shades; the tables' header rows in #f5f5f5.
            assertTrue(colours.size() > 20, colours.size() + " colours");
            assertTrue(dark > 2000, dark + " dark pixels");
            assertTrue(headerGrey > 5000, headerGrey + " header pixels");

            // Open: 300.00, 500.00, 1,200.00 as numbers (as text 1,200.00 would come first); again, descending.
            browser.evaluate(heading(3) + ".querySelector('button.sort').click()");
            assertEquals(order(C3, C2, C1), browser.evaluate(CUSTOMERS).asText());
            assertEquals("ascending", browser.evaluate(heading(3) + ".getAttribute('aria-sort')").asText());
            browser.evaluate(heading(3) + ".querySelector('button.sort').click()");
            assertEquals(order(C1, C2, C3), browser.evaluate(CUSTOMERS).asText());
            assertEquals("descending", browser.evaluate(heading(3) + ".getAttribute('aria-sort')").asText());
            // Days past due: 5, 30, 95.
            browser.evaluate(heading(5) + ".querySelector('button.sort').click()");
            assertEquals(order(C3, C1, C2), browser.evaluate(CUSTOMERS).asText());
            assertEquals(false, browser.evaluate(heading(3) + ".hasAttribute('aria-sort')").asBoolean());

            // C1's two invoices, folded, then unfolded by a click on the summary.
            String details = COLLECT_ROWS + ".find(r => r.cells[2].textContent === '=1+1 (C1)')"
                    + ".querySelector('details')";
            String invoices = details + ".querySelector('table.invoices')";
            assertEquals(false, browser.evaluate(invoices + ".checkVisibility()").asBoolean());
            browser.evaluate(details + ".querySelector('summary').click()");
            assertTrue(browser.evaluate(details + ".open").asBoolean());
            assertTrue(browser.evaluate(invoices + ".checkVisibility()").asBoolean());
            assertEquals("I1 I2", browser.evaluate("Array.from(" + invoices + ".tBodies[0].rows)"
                    + ".map(r => r.cells[0].textContent).join(' ')").asText());
            browser.evaluate(details + ".querySelector('summary').click()");
            assertEquals(false, browser.evaluate(details + ".open").asBoolean());

            // Printed: every customer's invoices unfolded without opening them, no sort marks, no hint.
            browser.call("Emulation.setEmulatedMedia", Map.of("media", "print"));
            assertEquals(false, browser.evaluate(details + ".open").asBoolean());
            assertEquals(4, browser.evaluate("Array.from(document.querySelectorAll('table.invoices'))"
                    + ".filter(t => t.checkVisibility()).length").asInt());
            assertEquals("none", browser.evaluate("getComputedStyle(" + heading(5)
                    + ".querySelector('button.sort'), '::after').content").asText());
            assertEquals("none", browser.evaluate("getComputedStyle(document.querySelector('.hint')).display")
                    .asText());
            assertEquals("avoid", browser.evaluate("getComputedStyle(document.querySelector('table.queue tr'))"
                    + ".breakInside").asText());
            byte[] pdf = Base64.getDecoder().decode(browser.call("Page.printToPDF", Map.of()).get("data").asText());
            assertEquals("%PDF", new String(pdf, 0, 4, StandardCharsets.US_ASCII));
            browser.call("Emulation.setEmulatedMedia", Map.of("media", ""));
            assertEquals("\" \u2195\"", browser.evaluate("getComputedStyle(" + heading(3)
                    + ".querySelector('button.sort'), '::after').content").asText());

            // Scripts off: no sort controls, no hint, rows in rank order, invoices still unfold.
            browser.call("Emulation.setScriptExecutionDisabled", Map.of("value", true));
            browser.open(page);
            assertEquals(0, browser.evaluate("document.querySelectorAll('button.sort').length").asInt());
            assertEquals(true, browser.evaluate("document.querySelector('.hint').hidden").asBoolean());
            assertEquals(order(C2, C1, C3), browser.evaluate(CUSTOMERS).asText());
            assertEquals(false, browser.evaluate(invoices + ".checkVisibility()").asBoolean());
            browser.evaluate(details + ".querySelector('summary').click()");
            assertTrue(browser.evaluate(invoices + ".checkVisibility()").asBoolean());
        }
    }
}
