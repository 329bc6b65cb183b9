package dev.gantry.report;

import static dev.gantry.report.Html.escape;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * One watched metric as an inline SVG chart: the axes labelled in the metric's unit and in T+ from the deploy, the
 * threshold, the new and the stable version told apart by dash pattern and marker as well as colour, a line where
 * each step began, and the sample that fired marked and labelled with its value.
 */
final class SvgChart {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 300;
    private static final int LEFT = 72;
    private static final int RIGHT = 24;
    private static final int TOP = 58;
    private static final int BOTTOM = 46;

    private final Chart chart;
    private final double minX;
    private final double maxX;
    private final double maxY;
    private final double stepY;
    private final StringBuilder svg = new StringBuilder();

    private SvgChart(Chart chart) {
        this.chart = chart;
        List<Double> xs = Stream.concat(
                        Stream.concat(chart.canary().stream(), chart.stable().stream())
                                .map(Chart.Point::at),
                        chart.marks().stream().map(Chart.Mark::at))
                .map(d -> d.toMillis() / 1000.0)
                .toList();
        this.minX =
                Math.min(0, xs.stream().mapToDouble(Double::doubleValue).min().orElse(0));
        this.maxX = Math.max(
                minX + 1, xs.stream().mapToDouble(Double::doubleValue).max().orElse(1));
        double top = Stream.concat(chart.canary().stream(), chart.stable().stream())
                .mapToDouble(Chart.Point::value)
                .filter(Double::isFinite)
                .max()
                .orElse(0);
        if (chart.limit().isPresent()) top = Math.max(top, chart.limit().getAsDouble());
        this.stepY = niceStep(top <= 0 ? 1 : top * 1.1, 5);
        this.maxY = Math.max(stepY, Math.ceil(top * 1.1 / stepY) * stepY);
    }

    static String render(Chart chart) {
        return new SvgChart(chart).draw();
    }

    private String draw() {
        String title = chart.trigger() + " " + chart.metric()
                + chart.threshold().map(t -> " " + t).orElse("");
        svg.append("<svg class=\"chart\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"")
                .append(escape(title))
                .append("\" font-size=\"12\">\n<title>")
                .append(escape(title))
                .append("</title>\n");
        axes();
        marks();
        threshold();
        if (!chart.stable().isEmpty()) line(chart.stable(), "stable", "square");
        line(chart.canary(), "canary", "circle");
        fired();
        legend();
        return svg.append("</svg>\n").toString();
    }

    private void axes() {
        svg.append("<g class=\"axis\">\n");
        for (double v = 0; v <= maxY + stepY / 1000; v += stepY) {
            String y = number(y(v));
            svg.append("<line class=\"grid\" x1=\"")
                    .append(LEFT)
                    .append("\" x2=\"")
                    .append(WIDTH - RIGHT)
                    .append("\" y1=\"")
                    .append(y)
                    .append("\" y2=\"")
                    .append(y)
                    .append("\"/>")
                    .append("<text x=\"")
                    .append(LEFT - 6)
                    .append("\" y=\"")
                    .append(y)
                    .append("\" dy=\"4\" text-anchor=\"end\">")
                    .append(escape(chart.format(v)))
                    .append("</text>\n");
        }
        double stepX = timeStep(maxX - minX, 8);
        for (double s = Math.ceil(minX / stepX) * stepX; s <= maxX + stepX / 1000; s += stepX) {
            String x = number(x(s));
            svg.append("<line class=\"tick\" x1=\"")
                    .append(x)
                    .append("\" x2=\"")
                    .append(x)
                    .append("\" y1=\"")
                    .append(HEIGHT - BOTTOM)
                    .append("\" y2=\"")
                    .append(HEIGHT - BOTTOM + 4)
                    .append("\"/><text x=\"")
                    .append(x)
                    .append("\" y=\"")
                    .append(HEIGHT - BOTTOM + 17)
                    .append("\" text-anchor=\"middle\">")
                    .append(Times.sinceStart(Duration.ofMillis(Math.round(s * 1000))))
                    .append("</text>\n");
        }
        svg.append("<line class=\"frame\" x1=\"")
                .append(LEFT)
                .append("\" x2=\"")
                .append(WIDTH - RIGHT)
                .append("\" y1=\"")
                .append(HEIGHT - BOTTOM)
                .append("\" y2=\"")
                .append(HEIGHT - BOTTOM)
                .append("\"/><line class=\"frame\" x1=\"")
                .append(LEFT)
                .append("\" x2=\"")
                .append(LEFT)
                .append("\" y1=\"")
                .append(TOP)
                .append("\" y2=\"")
                .append(HEIGHT - BOTTOM)
                .append("\"/>\n");
        svg.append("<text x=\"")
                .append((LEFT + WIDTH - RIGHT) / 2)
                .append("\" y=\"")
                .append(HEIGHT - 8)
                .append("\" text-anchor=\"middle\" class=\"label\">T+ (m:ss) since the deploy</text>\n");
        svg.append("<text transform=\"translate(14 ")
                .append((TOP + HEIGHT - BOTTOM) / 2)
                .append(") rotate(-90)\" text-anchor=\"middle\" class=\"label\">")
                .append(escape(chart.metric() + unitName()))
                .append("</text>\n</g>\n");
    }

    /** The unit the axis is labelled in, as the metric's name says it: " (%)", " (ms)". */
    private String unitName() {
        String sample = chart.format(1);
        if (sample.endsWith("%")) return " (%)";
        if (sample.endsWith("ms")) return " (ms)";
        return "";
    }

    private void marks() {
        int i = 0;
        for (Chart.Mark mark : chart.marks()) {
            double at = mark.at().toMillis() / 1000.0;
            if (at < minX || at > maxX) continue;
            String x = number(x(at));
            boolean rollback = mark.label().equals("rollback");
            // A label near the right edge reads leftwards from its line, so that the frame does not cut it.
            boolean leftwards = x(at) > WIDTH - RIGHT - 90;
            svg.append("<line class=\"step")
                    .append(rollback ? " rollback" : "")
                    .append("\" x1=\"")
                    .append(x)
                    .append("\" x2=\"")
                    .append(x)
                    .append("\" y1=\"")
                    .append(TOP - 4)
                    .append("\" y2=\"")
                    .append(HEIGHT - BOTTOM)
                    .append("\"/>\n<text class=\"step-label\" x=\"")
                    .append(x)
                    .append("\" y=\"")
                    .append(TOP - 6 - (i % 2) * 12)
                    .append(leftwards ? "\" dx=\"-3\" text-anchor=\"end\">" : "\" dx=\"3\">")
                    .append(escape(mark.label()))
                    .append("</text>\n");
            i++;
        }
    }

    private void threshold() {
        if (chart.limit().isEmpty()) return;
        double limit = chart.limit().getAsDouble();
        String y = number(y(limit));
        svg.append("<line class=\"threshold\" x1=\"")
                .append(LEFT)
                .append("\" x2=\"")
                .append(WIDTH - RIGHT)
                .append("\" y1=\"")
                .append(y)
                .append("\" y2=\"")
                .append(y)
                .append("\"/>\n<text class=\"threshold-label\" x=\"")
                .append(WIDTH - RIGHT - 4)
                .append("\" y=\"")
                .append(y)
                .append("\" dy=\"-5\" text-anchor=\"end\">threshold ")
                .append(escape(chart.format(limit)))
                .append("</text>\n");
    }

    private void line(List<Chart.Point> points, String kind, String marker) {
        svg.append("<polyline class=\"").append(kind).append("\" fill=\"none\" points=\"");
        for (Chart.Point p : points)
            svg.append(number(x(p))).append(',').append(number(y(p.value()))).append(' ');
        svg.append("\"/>\n<g class=\"").append(kind).append("-marker\">");
        for (Chart.Point p : points) {
            String tip = escape(kind + " at T+" + Times.sinceStart(p.at()) + ": " + chart.format(p.value())
                    + (p.state().fired() ? " " + p.state() : ""));
            if (marker.equals("circle")) {
                svg.append("<circle cx=\"")
                        .append(number(x(p)))
                        .append("\" cy=\"")
                        .append(number(y(p.value())))
                        .append("\" r=\"3\"><title>")
                        .append(tip)
                        .append("</title></circle>");
            } else {
                svg.append("<rect x=\"")
                        .append(number(x(p) - 3))
                        .append("\" y=\"")
                        .append(number(y(p.value()) - 3))
                        .append("\" width=\"6\" height=\"6\"><title>")
                        .append(tip)
                        .append("</title></rect>");
            }
        }
        svg.append("</g>\n");
    }

    private void fired() {
        for (Chart.Point p : chart.fired()) {
            String cx = number(x(p));
            String cy = number(y(p.value()));
            svg.append("<circle class=\"fired\" cx=\"")
                    .append(cx)
                    .append("\" cy=\"")
                    .append(cy)
                    .append("\" r=\"7\"><title>fired at T+")
                    .append(Times.sinceStart(p.at()))
                    .append(": ")
                    .append(escape(chart.format(p.value())))
                    .append("</title></circle>\n")
                    .append("<text class=\"fired-label\" x=\"")
                    .append(cx)
                    .append("\" y=\"")
                    .append(cy)
                    .append("\" dx=\"-10\" dy=\"-11\" text-anchor=\"end\">fired: ")
                    .append(escape(chart.format(p.value())))
                    .append("</text>\n");
        }
    }

    /** What each line and marker is, drawn as it appears in the chart: a reader needs no colour to tell them apart. */
    private void legend() {
        List<String> kinds = new ArrayList<>(List.of("canary"));
        if (!chart.stable().isEmpty()) kinds.add("stable");
        if (chart.limit().isPresent()) kinds.add("threshold");
        if (!chart.marks().isEmpty()) kinds.add("step");
        if (!chart.fired().isEmpty()) kinds.add("fired");
        svg.append("<g class=\"legend\">");
        int x = LEFT;
        for (String kind : kinds) {
            String text = legendText(kind);
            if (kind.equals("fired")) {
                svg.append("<circle class=\"fired\" cx=\"").append(x + 14).append("\" cy=\"12\" r=\"6\"/>");
            } else {
                svg.append("<line class=\"")
                        .append(kind)
                        .append("\" x1=\"")
                        .append(x)
                        .append("\" x2=\"");
                svg.append(x + 28).append("\" y1=\"12\" y2=\"12\"/>");
            }
            if (kind.equals("canary"))
                svg.append("<circle class=\"canary-marker\" cx=\"")
                        .append(x + 14)
                        .append("\" cy=\"12\" r=\"3\"/>");
            if (kind.equals("stable"))
                svg.append("<rect class=\"stable-marker\" x=\"")
                        .append(x + 11)
                        .append("\" y=\"9\" width=\"6\" height=\"6\"/>");
            svg.append("<text x=\"")
                    .append(x + 34)
                    .append("\" y=\"16\">")
                    .append(escape(text))
                    .append("</text>");
            x += 48 + text.length() * 7;
        }
        svg.append("</g>\n");
    }

    private String legendText(String kind) {
        return switch (kind) {
            case "canary" -> "new version";
            case "stable" -> "stable version";
            case "threshold" ->
                "threshold " + chart.threshold().map(Object::toString).orElse("");
            case "step" -> "traffic change";
            default -> "trigger fired";
        };
    }

    private double x(Chart.Point p) {
        return x(p.at().toMillis() / 1000.0);
    }

    private double x(double seconds) {
        return LEFT + (seconds - minX) / (maxX - minX) * (WIDTH - LEFT - RIGHT);
    }

    private double y(double value) {
        double shown = Double.isFinite(value) ? Math.min(value, maxY) : maxY;
        return HEIGHT - BOTTOM - shown / maxY * (HEIGHT - TOP - BOTTOM);
    }

    /** A step of time people count in (1s, 15s, 1m, 5m, ...) that cuts {@code seconds} into at most about {@code parts}. */
    static double timeStep(double seconds, int parts) {
        for (int step : new int[] {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600}) {
            if (seconds / step <= parts) return step;
        }
        return niceStep(seconds, parts);
    }

    /** A round step (1, 2 or 5 times a power of ten) that cuts {@code span} into about {@code parts}. */
    static double niceStep(double span, int parts) {
        double raw = span / parts;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }

    private static String number(double value) {
        String text = String.format(Locale.ROOT, "%.1f", value);
        return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text;
    }
}
