package dev.gantry.gate.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.JsonPathException;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One number out of a benchmark results file: a JMH benchmark's score or percentile, or the value at a JSON path.
 *
 * @param unit JMH's score unit such as us/op, empty when the format has none
 * @param mode JMH's benchmark mode (thrpt, avgt, sample, ss), empty for other formats
 */
record Measurement(double value, String unit, String mode) {

    private static final Configuration JACKSON = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider())
            .mappingProvider(new JacksonMappingProvider())
            .build();
    private static final ObjectMapper TREE = new ObjectMapper();
    private static final int MAX_NAMES = 5;

    /**
     * The metric of the JMH entry named {@code benchmark}: {@code score}, or the percentile key such as "99.0" of
     * {@code primaryMetric.scorePercentiles}.
     */
    static Measurement ofJmh(JsonNode results, String name, String benchmark, String percentile)
            throws JsonFiles.Unreadable {
        if (!results.isArray()) {
            throw new JsonFiles.Unreadable(name + " is not a JMH result: expected a JSON array of benchmarks");
        }
        List<JsonNode> entries = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (JsonNode entry : results) {
            String entryName = entry.path("benchmark").asText("");
            if (entryName.equals(benchmark)) {
                entries.add(entry);
            } else if (!entryName.isEmpty() && !names.contains(entryName)) {
                names.add(entryName);
            }
        }
        if (entries.isEmpty()) {
            throw new JsonFiles.Unreadable(name + " has no benchmark \"" + benchmark + "\"" + among(names));
        }
        if (entries.size() > 1) {
            List<String> variants = entries.stream()
                    .map(e ->
                            (e.path("mode").asText("?") + " " + e.path("params").toString()).strip())
                    .toList();
            throw new JsonFiles.Unreadable(name + " has " + entries.size() + " results for \"" + benchmark + "\" ("
                    + String.join("; ", variants) + "); pick one with path and a filter on its mode or params");
        }
        JsonNode entry = entries.get(0);
        JsonNode metric = entry.path("primaryMetric");
        String mode = entry.path("mode").asText("");
        String unit = metric.path("scoreUnit").asText("");
        if (percentile == null) {
            return new Measurement(number(metric.path("score"), name, benchmark + " primaryMetric.score"), unit, mode);
        }
        JsonNode percentiles = metric.path("scorePercentiles");
        JsonNode value = percentiles.path(percentile);
        if (value.isMissingNode()) {
            // JMH writes the keys as Java prints a double; a hand-made baseline may write "99" for "99.0".
            double wanted = Double.parseDouble(percentile);
            Iterator<Map.Entry<String, JsonNode>> fields = percentiles.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (parses(field.getKey()) && Double.parseDouble(field.getKey()) == wanted) value = field.getValue();
            }
        }
        String where = benchmark + " primaryMetric.scorePercentiles[\"" + percentile + "\"]";
        if (value.isMissingNode()) {
            List<String> keys = new ArrayList<>();
            percentiles.fieldNames().forEachRemaining(keys::add);
            String has = keys.isEmpty() ? "it has no percentiles" : "it has " + String.join(", ", keys);
            throw new JsonFiles.Unreadable(name + " has no " + where + " (" + has + ")");
        }
        return new Measurement(number(value, name, where), unit, mode);
    }

    /** The single number {@code path} selects in {@code json}. */
    static Measurement ofPath(JsonNode json, String name, String path) throws JsonFiles.Unreadable {
        Object found;
        try {
            found = JsonPath.using(JACKSON).parse(json).read(path);
        } catch (PathNotFoundException e) {
            throw new JsonFiles.Unreadable(name + " has nothing at " + path);
        } catch (JsonPathException e) {
            throw new JsonFiles.Unreadable("cannot apply " + path + " to " + name + ": " + e.getMessage());
        }
        // Leaves come back as Java values, objects and arrays as Jackson nodes.
        JsonNode node = found instanceof JsonNode n ? n : TREE.valueToTree(found);
        if (node == null || node.isNull()) throw new JsonFiles.Unreadable(name + " has null at " + path);
        if (node.isArray()) {
            if (node.isEmpty()) throw new JsonFiles.Unreadable(name + " has nothing at " + path);
            if (node.size() > 1) {
                throw new JsonFiles.Unreadable(
                        name + " has " + node.size() + " values at " + path + ", expected one number");
            }
            node = node.get(0);
        }
        return new Measurement(number(node, name, path), "", "");
    }

    private static double number(JsonNode node, String name, String where) throws JsonFiles.Unreadable {
        if (node.isMissingNode() || node.isNull()) throw new JsonFiles.Unreadable(name + " has no " + where);
        double value = Double.NaN;
        if (node.isNumber()) value = node.doubleValue();
        else if (node.isTextual() && parses(node.asText()))
            value = Double.parseDouble(node.asText().strip());
        String is = name + ": " + where + " is " + JsonFiles.shown(node);
        if (!Double.isFinite(value)) throw new JsonFiles.Unreadable(is + ", expected a number");
        // Times, rates and sizes are never below zero; a negative baseline would also turn the tolerance around.
        if (value < 0) throw new JsonFiles.Unreadable(is + ", expected a number of 0 or more");
        return value;
    }

    private static boolean parses(String text) {
        try {
            Double.parseDouble(text.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String among(List<String> names) {
        if (names.isEmpty()) return "";
        List<String> sorted = names.stream().sorted().toList();
        String shown = String.join(", ", sorted.subList(0, Math.min(MAX_NAMES, sorted.size())));
        return "; it has " + shown + (sorted.size() > MAX_NAMES ? " and " + (sorted.size() - MAX_NAMES) + " more" : "");
    }
}
