package dev.descent.chart;

import com.vaadin.flow.component.Html;
import com.vaadin.flow.component.html.Div;

import java.util.List;
import java.util.Locale;

/**
 * A small scatter plot drawn as SVG on the server (no script): one dot per item, its colour, a tooltip and a link.
 * Used for "parameter vs result"; x on a log scale when asked. Every text is escaped: labels come from users.
 */
public class ScatterPlot extends Div {

    /** One dot: where, its colour (any CSS colour), its tooltip and where a click goes (null for nowhere). */
    public record Dot(double x, double y, String color, String label, @org.jspecify.annotations.Nullable String href) {
    }

    static final int WIDTH = 640;
    static final int HEIGHT = 320;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 16;
    private static final int BOTTOM = 44;

    private List<Dot> dots = List.of();
    private boolean logX;
    private String shownAxes = "";

    public ScatterPlot() {
        addClassName("scatter-plot");
        setWidthFull();
    }

    /** Draws the dots; those with a non-finite coordinate (or x ≤ 0 on a log axis) are left out. */
    public void show(List<Dot> all, String xLabel, String yLabel, boolean logScaleX) {
        List<Dot> kept = all.stream()
                .filter(d -> Double.isFinite(d.x()) && Double.isFinite(d.y()) && (!logScaleX || d.x() > 0)).toList();
        String drawn = String.join("\u0000", xLabel, yLabel, Boolean.toString(logScaleX));
        // Live metrics ask again several times a second; the SVG is sent only when a dot or an axis changed.
        if (kept.equals(dots) && drawn.equals(shownAxes)) {
            return;
        }
        logX = logScaleX;
        dots = kept;
        shownAxes = drawn;
        removeAll();
        add(new Html(svg(xLabel, yLabel)));
    }

    public List<Dot> dots() {
        return dots;
    }

    public boolean isLogX() {
        return logX;
    }

    /** Log x when every value is positive and they span two decades or more (learning rates, weight decays). */
    public static boolean spansDecades(List<Double> xs) {
        double min = xs.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).min().orElse(0);
        double max = xs.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).max().orElse(0);
        return min > 0 && max / min >= 100;
    }

    private String svg(String xLabel, String yLabel) {
        StringBuilder out = new StringBuilder();
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" role=\"img\" style=\"width:100%;max-width:").append(WIDTH).append("px;height:auto\">");
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        out.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(plotW)
                .append("\" height=\"").append(plotH).append("\" fill=\"none\" stroke=\"currentColor\" stroke-opacity=\"0.3\"/>");
        out.append(text(LEFT + plotW / 2.0, HEIGHT - 6, "middle", xLabel + (logX ? " (log)" : "")));
        out.append("<text x=\"14\" y=\"").append(TOP + plotH / 2).append("\" text-anchor=\"middle\" font-size=\"12\" ")
                .append("fill=\"currentColor\" transform=\"rotate(-90 14 ").append(TOP + plotH / 2).append(")\">")
                .append(escape(yLabel)).append("</text>");
        if (dots.isEmpty()) {
            out.append(text(LEFT + plotW / 2.0, TOP + plotH / 2.0, "middle", "Nothing to plot"));
            return out.append("</svg>").toString();
        }
        double[] xr = range(dots.stream().map(d -> tx(d.x())).toList());
        double[] yr = range(dots.stream().map(Dot::y).toList());
        for (int i = 0; i <= 4; i++) {
            double fx = xr[0] + (xr[1] - xr[0]) * i / 4;
            double px = LEFT + plotW * i / 4.0;
            out.append(text(px, TOP + plotH + 16, "middle", number(logX ? Math.pow(10, fx) : fx)));
            double fy = yr[0] + (yr[1] - yr[0]) * i / 4;
            double py = TOP + plotH - plotH * i / 4.0;
            out.append(text(LEFT - 6, py + 4, "end", number(fy)));
        }
        for (Dot d : dots) {
            double px = LEFT + plotW * (tx(d.x()) - xr[0]) / (xr[1] - xr[0]);
            double py = TOP + plotH - plotH * (d.y() - yr[0]) / (yr[1] - yr[0]);
            String circle = String.format(Locale.ROOT,
                    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"6\" fill=\"%s\" fill-opacity=\"0.85\" stroke=\"white\">"
                            + "<title>%s</title></circle>", px, py, escape(d.color()), escape(d.label()));
            out.append(d.href() == null ? circle : "<a href=\"" + escape(d.href()) + "\">" + circle + "</a>");
        }
        return out.append("</svg>").toString();
    }

    private double tx(double x) {
        return logX ? Math.log10(x) : x;
    }

    /** The values' range with 8 % padding; a single value gets a range around it. */
    private static double[] range(List<Double> values) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        if (max == min) {
            double pad = min == 0 ? 1 : Math.abs(min) * 0.1;
            return new double[]{min - pad, max + pad};
        }
        double pad = (max - min) * 0.08;
        return new double[]{min - pad, max + pad};
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    private static String text(double x, double y, String anchor, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"12\" fill=\"currentColor\">%s</text>",
                x, y, anchor, escape(content));
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
