package dev.gantry.gate.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.gantry.gate.checks.SarifCheck.Severity;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One finding of a SARIF log.
 *
 * @param kind fail for a problem found; review or open for a result the tool could not settle, which a person must
 * @param location the file and line, such as pom.xml:12, or empty when the result has none
 * @param fingerprint what stays the same for this finding from one scan to the next, for baselines
 * @param suppressed whether the result carries an accepted suppression, such as a reviewed false positive
 */
record SarifFinding(
        Severity severity,
        String kind,
        String ruleId,
        String location,
        String message,
        String fingerprint,
        boolean suppressed) {

    private static final int MAX_MESSAGE = 200;
    private static final String FAIL = "fail";
    // SARIF 2.1.0 §3.27.9: only these three say that nothing is wrong.
    private static final Set<String> NOT_A_PROBLEM = Set.of("pass", "notApplicable", "informational");
    // The tool could not decide (open) or asks a person to (review): until someone does, it counts as found.
    private static final Set<String> UNSETTLED = Set.of("review", "open");
    private static final double MAX_CVSS = 10;
    private static final int MAX_FILLED = 4096;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d{1,9})}");

    /** "HIGH CVE-2024-1234 in pom.xml:12: message", for the check's details; the kind when it is not fail. */
    String line() {
        String where = location.isEmpty() ? "" : " in " + location;
        String text = message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message;
        String unsettled = kind.equals(FAIL) ? "" : " (" + kind + ")";
        return severity.name() + " " + ruleId + unsettled + where + (text.isEmpty() ? "" : ": " + text);
    }

    /**
     * The finding a result of {@code run} stands for; empty when it is not a problem. {@code where} names the
     * result, such as "scan.sarif: runs[0].results[3]", for the errors of a kind, level or score Gantry cannot read.
     */
    static Optional<SarifFinding> of(JsonNode run, JsonNode result, String where) throws JsonFiles.Unreadable {
        JsonNode kindNode = result.path("kind");
        boolean kindGiven = !kindNode.isMissingNode() && !kindNode.isNull();
        String kind = kindGiven ? kind(kindNode, where) : FAIL;
        if (NOT_A_PROBLEM.contains(kind)
                || result.path("baselineState").asText("").equals("absent")) {
            return Optional.empty();
        }
        JsonNode rule = rule(run, result);
        String ruleId = text(result.path("ruleId"))
                .or(() -> text(result.path("rule").path("id")))
                .or(() -> text(rule.path("id")))
                .orElse("(no rule)");
        Optional<Severity> severity = cvss(result.path("properties"), where);
        if (severity.isEmpty()) severity = cvss(rule.path("properties"), where + " (rule " + ruleId + ")");
        if (severity.isEmpty()) severity = level(result, rule, kind, kindGiven, where);
        if (severity.isEmpty()) return Optional.empty();
        JsonNode physical = result.path("locations").path(0).path("physicalLocation");
        String uri = uri(run, physical.path("artifactLocation"))
                .or(() -> text(result.path("locations")
                        .path(0)
                        .path("logicalLocations")
                        .path(0)
                        .path("fullyQualifiedName")))
                .orElse("");
        String startLine = physical.path("region").path("startLine").asText("");
        String location = uri.isEmpty() || startLine.isEmpty() ? uri : uri + ":" + startLine;
        String message = message(result.path("message"), rule);
        String fingerprint = fingerprint(result, ruleId, uri, startLine, message);
        String shown = message.strip().lines().findFirst().orElse("").strip();
        return Optional.of(
                new SarifFinding(severity.get(), kind, ruleId, location, shown, fingerprint, suppressed(result)));
    }

    /** One of SARIF's six kinds, spelled as the standard does; anything else is refused rather than guessed. */
    private static String kind(JsonNode node, String where) throws JsonFiles.Unreadable {
        String kind = node.isTextual() ? node.asText() : "";
        if (kind.equals(FAIL) || NOT_A_PROBLEM.contains(kind) || UNSETTLED.contains(kind)) return kind;
        throw new JsonFiles.Unreadable(where + ": kind is " + JsonFiles.shown(node)
                + ", expected one of fail, review, open, pass, notApplicable or informational");
    }

    /**
     * The rule's descriptor: by index when the result gives one, into the driver or the extension it names, else by
     * id in the driver and then in each extension. Missing when the log does not describe the rule.
     */
    private static JsonNode rule(JsonNode run, JsonNode result) {
        JsonNode tool = run.path("tool");
        JsonNode reference = result.path("rule");
        int component = reference.path("toolComponent").path("index").asInt(-1);
        JsonNode rules = component >= 0
                ? tool.path("extensions").path(component).path("rules")
                : tool.path("driver").path("rules");
        int index = reference.path("index").asInt(result.path("ruleIndex").asInt(-1));
        if (index >= 0 && rules.path(index).isObject()) return rules.get(index);
        Optional<String> id = text(result.path("ruleId")).or(() -> text(reference.path("id")));
        if (id.isEmpty()) return MissingNode.getInstance();
        List<JsonNode> components = new ArrayList<>();
        components.add(tool.path("driver"));
        tool.path("extensions").forEach(components::add);
        for (JsonNode c : components) {
            for (JsonNode r : c.path("rules")) {
                if (id.get().equals(r.path("id").asText(null))) return r;
            }
        }
        return MissingNode.getInstance();
    }

    /**
     * GitHub's {@code security-severity}, a CVSS score written as a string or a number; none when absent or 0. A
     * score that is not a number from 0 to 10 is refused: read as none, a -1 would let a critical finding pass.
     */
    private static Optional<Severity> cvss(JsonNode properties, String where) throws JsonFiles.Unreadable {
        JsonNode score = properties.path("security-severity");
        if (score.isMissingNode() || score.isNull()) return Optional.empty();
        double value;
        try {
            value = score.isValueNode() ? Double.parseDouble(score.asText().strip()) : Double.NaN;
        } catch (NumberFormatException e) {
            value = Double.NaN;
        }
        if (!(value >= 0 && value <= MAX_CVSS)) {
            throw new JsonFiles.Unreadable(where + ": security-severity is " + JsonFiles.shown(score)
                    + ", expected a CVSS score from 0.0 to 10.0");
        }
        if (value >= 9) return Optional.of(Severity.CRITICAL);
        if (value >= 7) return Optional.of(Severity.HIGH);
        if (value >= 4) return Optional.of(Severity.MEDIUM);
        if (value > 0) return Optional.of(Severity.LOW);
        return Optional.empty();
    }

    /**
     * SARIF's level (§3.27.10): the result's, else the rule's default, else warning. None is no finding, except
     * for a result that says outright it is a failure ({@code kind: fail}): the standard keeps none for results
     * other than failures, so such a result counts as an error. A result of kind review or open has level none as
     * the standard wants, which says nothing of how bad it may be: it counts as an error unless its level says more.
     */
    private static Optional<Severity> level(
            JsonNode result, JsonNode rule, String kind, boolean kindGiven, String where) throws JsonFiles.Unreadable {
        String own = levelName(result.path("level"), where + ": level");
        if (UNSETTLED.contains(kind)) {
            return Optional.of(own == null || own.equals("none") ? Severity.HIGH : severity(own));
        }
        String level = own != null
                ? own
                : levelName(rule.path("defaultConfiguration").path("level"), where + ": the rule's level");
        if (level == null) level = "warning";
        if (level.equals("none")) return kindGiven ? Optional.of(Severity.HIGH) : Optional.empty();
        return Optional.of(severity(level));
    }

    private static Severity severity(String level) {
        return switch (level) {
            case "error" -> Severity.HIGH;
            case "note" -> Severity.LOW;
            default -> Severity.MEDIUM;
        };
    }

    /** The level, lowercase; null when absent. A level SARIF does not define is refused, not read as warning. */
    private static String levelName(JsonNode node, String source) throws JsonFiles.Unreadable {
        if (node.isMissingNode() || node.isNull()) return null;
        String level = node.isTextual() ? node.asText().toLowerCase(Locale.ROOT) : "";
        if (List.of("error", "warning", "note", "none").contains(level)) return level;
        throw new JsonFiles.Unreadable(
                source + " is " + JsonFiles.shown(node) + ", expected one of error, warning, note or none");
    }

    private static Optional<String> uri(JsonNode run, JsonNode artifactLocation) {
        return text(artifactLocation.path("uri")).or(() -> {
            int index = artifactLocation.path("index").asInt(-1);
            return index < 0
                    ? Optional.empty()
                    : text(run.path("artifacts").path(index).path("location").path("uri"));
        });
    }

    /** The message's text, else the rule's message string it names with its arguments filled in. */
    private static String message(JsonNode message, JsonNode rule) {
        Optional<String> text = text(message.path("text")).or(() -> text(message.path("markdown")));
        if (text.isPresent()) return text.get();
        Optional<String> template = text(message.path("id"))
                .flatMap(id -> text(rule.path("messageStrings").path(id).path("text")));
        if (template.isEmpty()) return "";
        return fill(template.get(), message.path("arguments"));
    }

    /**
     * The template with each {n} replaced by argument n, in one pass so that an argument is never filled in itself,
     * and cut at {@link #MAX_FILLED} characters: a template naming a long argument many times would otherwise grow
     * a small file into more text than memory holds.
     */
    private static String fill(String template, JsonNode arguments) {
        StringBuilder filled = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(template);
        int last = 0;
        while (m.find()) {
            filled.append(template, last, m.start());
            JsonNode argument = arguments.path(Integer.parseInt(m.group(1)));
            filled.append(argument.isValueNode() ? argument.asText() : m.group());
            last = m.end();
            if (filled.length() >= MAX_FILLED) return filled.substring(0, MAX_FILLED);
        }
        filled.append(template, last, template.length());
        return filled.length() > MAX_FILLED ? filled.substring(0, MAX_FILLED) : filled.toString();
    }

    /**
     * The tool's fingerprints when it gives them, else the rule, place and message. The rule is part of it either
     * way: CodeQL's line hash is the same for two rules firing on one line.
     */
    private static String fingerprint(JsonNode result, String ruleId, String uri, String startLine, String message) {
        for (String key : List.of("fingerprints", "partialFingerprints")) {
            Map<String, String> prints = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = result.path(key).fields();
            fields.forEachRemaining(f -> prints.put(f.getKey(), f.getValue().asText()));
            if (!prints.isEmpty()) return ruleId + "\n" + key + "\n" + prints;
        }
        return ruleId + "\n" + uri + "\n" + startLine + "\n" + message.strip();
    }

    /** Suppressed when a suppression is accepted; one without a status is in effect, as the standard says. */
    private static boolean suppressed(JsonNode result) {
        for (JsonNode s : result.path("suppressions")) {
            String status = s.path("status").asText("accepted");
            if (status.equals("accepted")) return true;
        }
        return false;
    }

    private static Optional<String> text(JsonNode node) {
        if (!node.isValueNode() || node.isNull()) return Optional.empty();
        String text = node.asText();
        return text.isBlank() ? Optional.empty() : Optional.of(text);
    }
}
