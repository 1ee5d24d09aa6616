package io.arscope.report;

import java.util.List;
import java.util.Locale;

import io.arscope.run.HtmlText;

/**
 * The report's charts as inline SVG drawn in Java: a line chart, a stacked bar chart and bars with interval
 * whiskers. Inline SVG needs no script, no font download and no network, so the report opens anywhere and prints
 * as it shows.
 */
public final class SvgChart {

    /** One named series; null values leave a gap. */
    public record Series(String name, String color, List<Double> values) {
    }

    private static final int WIDTH = 680;
    private static final int HEIGHT = 260;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 16;
    private static final int BOTTOM = 64;

    private SvgChart() {
    }

    /** Lines over the category labels (months, say); y values formatted by {@code money} or as plain numbers. */
    public static String lines(String title, List<String> labels, List<Series> series, boolean money) {
        double max = 0;
        double min = 0;
        for (Series s : series) {
            for (Double v : s.values()) {
                if (v != null && !v.isNaN()) {
                    max = Math.max(max, v);
                    min = Math.min(min, v);
                }
            }
        }
        Frame f = new Frame(title, labels, min, max, money);
        StringBuilder svg = f.open();
        for (Series s : series) {
            StringBuilder path = new StringBuilder();
            boolean pen = false;
            for (int i = 0; i < labels.size(); i++) {
                Double v = i < s.values().size() ? s.values().get(i) : null;
                if (v == null || v.isNaN()) {
                    pen = false;
                    continue;
                }
                path.append(pen ? " L" : (path.length() == 0 ? "M" : " M")).append(num(f.x(i))).append(',')
                        .append(num(f.y(v)));
                pen = true;
            }
            svg.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"").append(s.color())
                    .append("\" stroke-width=\"2\"/>\n");
        }
        return f.close(svg, series);
    }

    /** Bars stacked from zero, one segment per series, per category. */
    public static String stackedBars(String title, List<String> labels, List<Series> series) {
        List<Double> none = java.util.Collections.nCopies(labels.size(), null);
        return bars(title, labels, series, none, none, null);
    }

    /**
     * Stacked bars with a whisker from {@code lower} to {@code upper} on each category (null: no whisker), for a
     * forecast and its prediction interval.
     */
    public static String barsWithInterval(String title, List<String> labels, List<Series> stacked,
            List<Double> lower, List<Double> upper, String intervalName) {
        return bars(title, labels, stacked, lower, upper, intervalName);
    }

    private static String bars(String title, List<String> labels, List<Series> stacked, List<Double> lower,
            List<Double> upper, String intervalName) {
        double max = 0;
        for (int i = 0; i < labels.size(); i++) {
            double total = 0;
            for (Series s : stacked) {
                total += value(s, i);
            }
            max = Math.max(max, Math.max(total, upper.get(i) == null ? 0 : upper.get(i)));
        }
        Frame f = new Frame(title, labels, 0, max, true);
        StringBuilder svg = f.open();
        for (int i = 0; i < labels.size(); i++) {
            double base = 0;
            for (Series s : stacked) {
                double v = value(s, i);
                svg.append(rect(f.barX(i), f.y(base + v), f.barWidth(), f.y(base) - f.y(base + v), s.color(),
                        s.name() + " " + labels.get(i) + ": " + FinanceFormat.money(v)));
                base += v;
            }
            if (lower.get(i) != null && upper.get(i) != null) {
                double cx = f.x(i);
                double w = f.barWidth() / 4;
                svg.append(String.format(Locale.US, "<path d=\"M%s,%s L%s,%s M%s,%s L%s,%s M%s,%s L%s,%s\" "
                        + "stroke=\"#222\" stroke-width=\"1.5\"><title>%s %s: %s to %s</title></path>%n",
                        num(cx), num(f.y(lower.get(i))), num(cx), num(f.y(upper.get(i))),
                        num(cx - w), num(f.y(lower.get(i))), num(cx + w), num(f.y(lower.get(i))),
                        num(cx - w), num(f.y(upper.get(i))), num(cx + w), num(f.y(upper.get(i))),
                        HtmlText.escape(intervalName), HtmlText.escape(labels.get(i)),
                        FinanceFormat.money(lower.get(i)), FinanceFormat.money(upper.get(i))));
            }
        }
        if (intervalName == null) {
            return f.close(svg, stacked);
        }
        List<Series> legend = new java.util.ArrayList<>(stacked);
        legend.add(new Series(intervalName, "#222", List.of()));
        return f.close(svg, legend);
    }

    private static double value(Series s, int i) {
        Double v = i < s.values().size() ? s.values().get(i) : null;
        return v == null || v.isNaN() ? 0 : v;
    }

    private static String rect(double x, double y, double w, double h, String color, String tip) {
        return String.format(Locale.US, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\">"
                + "<title>%s</title></rect>%n", num(x), num(y), num(w), num(Math.max(0, h)), color,
                HtmlText.escape(tip));
    }

    private static String num(double v) {
        return String.format(Locale.US, "%.1f", v);
    }

    /** Plot area, scales, axes with rounded ticks, and the legend. */
    private static final class Frame {
        final String title;
        final List<String> labels;
        final double lo;
        final double hi;
        final double step;
        final boolean money;

        Frame(String title, List<String> labels, double min, double max, boolean money) {
            this.title = title;
            this.labels = labels;
            this.money = money;
            double span = max - min == 0 ? Math.max(1, Math.abs(max)) : max - min;
            double raw = span / 5;
            double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
            double nice = raw / magnitude;
            step = (nice <= 1 ? 1 : nice <= 2 ? 2 : nice <= 2.5 ? 2.5 : nice <= 5 ? 5 : 10) * magnitude;
            lo = Math.floor(min / step) * step;
            hi = Math.max(lo + step, Math.ceil(max / step) * step);
        }

        double plotWidth() {
            return WIDTH - LEFT - RIGHT;
        }

        double x(int i) {
            return LEFT + plotWidth() * (i + 0.5) / Math.max(1, labels.size());
        }

        double barWidth() {
            return plotWidth() / Math.max(1, labels.size()) * 0.7;
        }

        double barX(int i) {
            return x(i) - barWidth() / 2;
        }

        double y(double v) {
            return TOP + (HEIGHT - TOP - BOTTOM) * (hi - v) / (hi - lo);
        }

        StringBuilder open() {
            StringBuilder svg = new StringBuilder();
            svg.append(String.format(Locale.US, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                    + "role=\"img\" aria-label=\"%s\" class=\"chart\">%n", WIDTH, HEIGHT + 24,
                    HtmlText.escape(title)));
            for (double t = lo; t <= hi + step / 2; t += step) {
                String label = money ? FinanceFormat.compact(t) : String.format(Locale.US, step < 1 ? "%.2f" : "%.0f", t);
                svg.append(String.format(Locale.US, "<line x1=\"%d\" x2=\"%d\" y1=\"%s\" y2=\"%s\" stroke=\"#ddd\"/>"
                        + "<text x=\"%d\" y=\"%s\" text-anchor=\"end\" class=\"tick\">%s</text>%n", LEFT,
                        WIDTH - RIGHT, num(y(t)), num(y(t)), LEFT - 6, num(y(t) + 4), label));
            }
            int every = Math.max(1, (int) Math.ceil(labels.size() / 12.0));
            // Counted back from the latest month, which is always labelled: the one a reader looks for.
            for (int i = (labels.size() - 1) % every; i < labels.size(); i += every) {
                svg.append(String.format(Locale.US, "<text x=\"%s\" y=\"%d\" text-anchor=\"end\" "
                        + "transform=\"rotate(-40 %s %d)\" class=\"tick\">%s</text>%n", num(x(i)),
                        HEIGHT - BOTTOM + 14, num(x(i)), HEIGHT - BOTTOM + 14, HtmlText.escape(labels.get(i))));
            }
            return svg;
        }

        String close(StringBuilder svg, List<Series> legend) {
            int x = LEFT;
            for (Series s : legend) {
                svg.append(String.format(Locale.US, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                        + "<text x=\"%d\" y=\"%d\" class=\"legend\">%s</text>%n", x, HEIGHT + 6, s.color(), x + 16,
                        HEIGHT + 16, HtmlText.escape(s.name())));
                x += 28 + 7 * s.name().length();
            }
            return svg.append("</svg>\n").toString();
        }
    }
}
