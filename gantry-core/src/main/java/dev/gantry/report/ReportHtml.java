package dev.gantry.report;

import dev.gantry.changelog.MarkdownText;
import dev.gantry.plan.RollbackTrigger;
import dev.gantry.plan.Threshold;
import dev.gantry.rollout.Action;
import dev.gantry.rollout.RunEvent;
import dev.gantry.rollout.RunLog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.DoubleFunction;

/**
 * The report as one self-contained HTML page: the Markdown report's headings, lists and tables, and a chart of
 * each watched metric with its threshold drawn in and the samples where its trigger fired marked. No script, no
 * link to fetch: it opens from a file or an attachment anywhere. Every text from commits and plans is escaped.
 */
final class ReportHtml {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 180;
    private static final int PAD = 36;

    private ReportHtml() {}

    static String render(String markdown, List<RunLog.Logged> events, List<RollbackTrigger> triggers, String title) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escape(title))
                .append("</title>\n<style>\n")
                .append(
                        "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}\n")
                .append(
                        "table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;")
                .append("text-align:left;vertical-align:top}th{background:#f4f4f4}\n")
                .append("svg{border:1px solid #ddd;margin:.5rem 0}.threshold{stroke:#c00;stroke-dasharray:6 4}\n")
                .append(".step{stroke:#999;stroke-dasharray:2 3}\n")
                .append("pre{background:#f6f6f6;padding:.5rem;overflow-x:auto}\n")
                .append("</style>\n</head>\n<body>\n");
        List<String> lines = markdown.lines().toList();
        boolean inList = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                // A fenced block is a program's output: kept as printed, escaped, never read as Markdown.
                String fence = line.substring(
                        0, (int) line.chars().takeWhile(c -> c == '`').count());
                int end = i + 1;
                StringBuilder pre = new StringBuilder("<pre>");
                while (end < lines.size() && !lines.get(end).equals(fence)) {
                    pre.append(escape(lines.get(end))).append('\n');
                    end++;
                }
                if (inList) html.append("</ul>\n");
                inList = false;
                html.append(pre).append("</pre>\n");
                i = end;
                continue;
            }
            if (line.startsWith("|")) {
                int end = i;
                while (end < lines.size() && lines.get(end).startsWith("|")) end++;
                html.append(table(lines.subList(i, end)));
                i = end - 1;
                continue;
            }
            boolean item = line.startsWith("- ");
            if (inList && !item) html.append("</ul>\n");
            if (!inList && item) html.append("<ul>\n");
            inList = item;
            if (item) {
                html.append("<li>").append(text(line.substring(2))).append("</li>\n");
            } else if (line.startsWith("#")) {
                int level =
                        Math.min(6, (int) line.chars().takeWhile(c -> c == '#').count());
                String heading = line.substring(level).strip();
                html.append("<h")
                        .append(level)
                        .append('>')
                        .append(text(heading))
                        .append("</h")
                        .append(level)
                        .append(">\n");
                if (heading.startsWith("Watch Window")) html.append(charts(events, triggers));
            } else if (!line.isBlank()) {
                html.append("<p>").append(text(line)).append("</p>\n");
            }
        }
        if (inList) html.append("</ul>\n");
        return html.append("</body>\n</html>\n").toString();
    }

    private static String table(List<String> rows) {
        StringBuilder t = new StringBuilder("<table>\n");
        for (int r = 0; r < rows.size(); r++) {
            if (r == 1 && rows.get(r).matches("\\|[-| ]+\\|?")) continue;
            String tag = r == 0 ? "th" : "td";
            t.append("<tr>");
            for (String cell : cells(rows.get(r)))
                t.append('<')
                        .append(tag)
                        .append('>')
                        .append(text(cell))
                        .append("</")
                        .append(tag)
                        .append('>');
            t.append("</tr>\n");
        }
        return t.append("</table>\n").toString();
    }

    /** The cells of a Markdown table row; "\|" is a pipe inside a cell. */
    private static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        String body = row.strip();
        body = body.substring(1, body.endsWith("|") && !body.endsWith("\\|") ? body.length() - 1 : body.length());
        StringBuilder cell = new StringBuilder();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '\\' && i + 1 < body.length() && body.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    /** One chart per trigger: its samples over the run, the threshold as a dashed line, fired samples in red. */
    private static String charts(List<RunLog.Logged> events, List<RollbackTrigger> triggers) {
        Map<String, List<double[]>> points = new LinkedHashMap<>();
        Map<String, List<double[]>> fired = new LinkedHashMap<>();
        Map<String, List<double[]>> stable = new LinkedHashMap<>();
        Map<String, Double> baselines = new LinkedHashMap<>();
        Instant first = null;
        for (RunLog.Logged logged : events) {
            if (logged.event() instanceof RunEvent.BaselineMeasured b && b.value() != null)
                baselines.put(b.trigger(), b.value());
            if (!(logged.event() instanceof RunEvent.Sampled s) || s.value() == null) continue;
            if (first == null) first = logged.at();
            double[] point = {Duration.between(first, logged.at()).toMillis() / 1000.0, s.value()};
            points.computeIfAbsent(s.trigger(), k -> new ArrayList<>()).add(point);
            if (s.baseline() != null) {
                stable.computeIfAbsent(s.trigger(), k -> new ArrayList<>()).add(new double[] {point[0], s.baseline()});
            }
            if (s.state().fired())
                fired.computeIfAbsent(s.trigger(), k -> new ArrayList<>()).add(point);
        }
        // Where each canary step (or rolling batch) began, as {T+ seconds, step, weight}: its traffic shapes the curve.
        List<double[]> steps = new ArrayList<>();
        for (RunLog.Logged logged : events) {
            if (first != null
                    && logged.event() instanceof RunEvent.ActionStarted a
                    && a.step() > 0
                    && a.action() != Action.ROLLBACK) {
                steps.add(
                        new double[] {Duration.between(first, logged.at()).toMillis() / 1000.0, a.step(), a.weight()});
            }
        }
        StringBuilder svg = new StringBuilder();
        for (Map.Entry<String, List<double[]>> series : points.entrySet()) {
            RollbackTrigger trigger = triggers.stream()
                    .filter(t -> t.id().equals(series.getKey()))
                    .findFirst()
                    .orElse(null);
            OptionalDouble limit =
                    trigger == null ? OptionalDouble.empty() : limit(trigger.threshold(), baselines.get(trigger.id()));
            String name = trigger != null && trigger.metric() != null ? trigger.metric() : series.getKey();
            Threshold threshold = trigger == null ? null : trigger.threshold();
            DoubleFunction<String> unit = threshold == null ? ReportHtml::number : threshold::inUnit;
            svg.append(chart(
                    series.getKey() + " " + name + (trigger == null ? "" : " " + trigger.threshold()),
                    series.getValue(),
                    stable.getOrDefault(series.getKey(), List.of()),
                    fired.getOrDefault(series.getKey(), List.of()),
                    limit,
                    unit,
                    steps));
        }
        return svg.toString();
    }

    /** The threshold in the metric's base units: 2% is 0.02, 500ms is 0.5, 1.5x a baseline of 0.2 is 0.3. */
    static OptionalDouble limit(Threshold threshold, Double baseline) {
        if (threshold == null) return OptionalDouble.empty();
        return switch (threshold.unit()) {
            case PERCENT -> OptionalDouble.of(threshold.value() / 100);
            case MILLISECONDS -> OptionalDouble.of(threshold.value() / 1000);
            case NUMBER -> OptionalDouble.of(threshold.value());
            case TIMES_BASELINE ->
                baseline == null ? OptionalDouble.empty() : OptionalDouble.of(threshold.value() * baseline);
        };
    }

    /**
     * One metric's chart: the new version's samples, the stable version's beside them (grey) when they were read,
     * the threshold, and the samples that fired.
     */
    private static String chart(
            String label,
            List<double[]> points,
            List<double[]> stable,
            List<double[]> fired,
            OptionalDouble limit,
            DoubleFunction<String> unit,
            List<double[]> steps) {
        double maxX = Math.max(1, points.stream().mapToDouble(p -> p[0]).max().orElse(1));
        double maxY = java.util.stream.Stream.concat(points.stream(), stable.stream())
                .mapToDouble(p -> p[1])
                .max()
                .orElse(0);
        if (limit.isPresent()) maxY = Math.max(maxY, limit.getAsDouble());
        maxY = maxY <= 0 ? 1 : maxY * 1.15;
        StringBuilder s = new StringBuilder();
        s.append("<figure>\n<svg width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"")
                .append(escape(label))
                .append("\">\n");
        if (!stable.isEmpty()) {
            s.append("<polyline class=\"stable\" fill=\"none\" stroke=\"#999\" stroke-width=\"1.5\" points=\"");
            for (double[] p : stable)
                s.append(x(p[0], maxX)).append(',').append(y(p[1], maxY)).append(' ');
            s.append("\"/>\n<text x=\"")
                    .append(PAD + 4)
                    .append("\" y=\"")
                    .append(HEIGHT - 6)
                    .append("\" font-size=\"11\"><tspan fill=\"#1f5fbf\">new version</tspan>")
                    .append("<tspan fill=\"#999\"> · stable version</tspan></text>\n");
        }
        for (double[] step : steps) {
            if (step[0] < 0 || step[0] > maxX) continue;
            String sx = x(step[0], maxX);
            s.append("<line class=\"step\" x1=\"")
                    .append(sx)
                    .append("\" x2=\"")
                    .append(sx)
                    .append("\" y1=\"")
                    .append(PAD / 2)
                    .append("\" y2=\"")
                    .append(HEIGHT - PAD / 2)
                    .append("\"/>\n<text x=\"")
                    .append(sx)
                    .append("\" y=\"")
                    .append(PAD / 2 + 10)
                    .append("\" dx=\"3\" font-size=\"10\" fill=\"#666\">step ")
                    .append((int) step[1])
                    .append(" · ")
                    .append((int) step[2])
                    .append("%</text>\n");
        }
        s.append("<polyline fill=\"none\" stroke=\"#1f5fbf\" stroke-width=\"2\" points=\"");
        for (double[] p : points)
            s.append(x(p[0], maxX)).append(',').append(y(p[1], maxY)).append(' ');
        s.append("\"/>\n");
        if (limit.isPresent()) {
            String ly = y(limit.getAsDouble(), maxY);
            s.append("<line class=\"threshold\" x1=\"")
                    .append(PAD)
                    .append("\" x2=\"")
                    .append(WIDTH - PAD / 2)
                    .append("\" y1=\"")
                    .append(ly)
                    .append("\" y2=\"")
                    .append(ly)
                    .append("\"/>\n");
            s.append("<text x=\"")
                    .append(WIDTH - PAD / 2 - 4)
                    .append("\" y=\"")
                    .append(ly)
                    .append("\" dy=\"-4\" text-anchor=\"end\" font-size=\"11\" fill=\"#c00\">threshold ")
                    .append(escape(unit.apply(limit.getAsDouble())))
                    .append("</text>\n");
        }
        for (double[] p : fired) {
            s.append("<circle cx=\"")
                    .append(x(p[0], maxX))
                    .append("\" cy=\"")
                    .append(y(p[1], maxY))
                    .append("\" r=\"5\" fill=\"#c00\"><title>fired at T+")
                    .append(number(p[0]))
                    .append("s: ")
                    .append(escape(unit.apply(p[1])))
                    .append("</title></circle>\n");
        }
        s.append("<text x=\"")
                .append(PAD)
                .append("\" y=\"14\" font-size=\"12\">max ")
                .append(escape(unit.apply(maxY / 1.15)))
                .append("</text><text x=\"")
                .append(WIDTH - PAD / 2)
                .append("\" y=\"")
                .append(HEIGHT - 6)
                .append("\" text-anchor=\"end\" font-size=\"11\">T+")
                .append(number(maxX))
                .append("s</text>\n");
        s.append("</svg>\n<figcaption>").append(escape(label)).append("</figcaption>\n</figure>\n");
        return s.toString();
    }

    private static String x(double seconds, double maxX) {
        return number(PAD + seconds / maxX * (WIDTH - PAD * 1.5));
    }

    private static String y(double value, double maxY) {
        return number(HEIGHT - PAD / 2.0 - value / maxY * (HEIGHT - PAD * 1.5));
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.4g", value)
                .replaceAll("\\.?0+$", "")
                .replaceAll("\\.?0+e", "e");
    }

    /** A line of the Markdown as it reads, Markdown's escapes undone, escaped again for HTML. */
    private static String text(String markdown) {
        return escape(MarkdownText.plain(markdown));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
