package dev.gantry.local.metrics;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format (0.0.4) for tests: every line must be a HELP, a TYPE or a sample
 * of a family declared before it, label values escaped, histogram buckets cumulative and ending in +Inf.
 */
public final class PrometheusParse {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern HELP = Pattern.compile("# HELP (" + NAME + ") (.*)");
    private static final Pattern TYPE =
            Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
    private static final String LABEL = "[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"";
    private static final Pattern SAMPLE = Pattern.compile(
            "(" + NAME + ")(\\{(?:" + LABEL + "(?:," + LABEL + ")*)?\\})? (-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)");

    private final Map<String, String> types;
    private final Map<String, Double> samples;

    private PrometheusParse(Map<String, String> types, Map<String, Double> samples) {
        this.types = types;
        this.samples = samples;
    }

    public static PrometheusParse of(String text) {
        if (!text.endsWith("\n")) throw new AssertionError("the text must end with a line feed");
        Map<String, String> types = new HashMap<>();
        Map<String, String> helps = new HashMap<>();
        Map<String, Double> samples = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String where = "line " + (i + 1) + " \"" + line + "\": ";
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                if (helps.put(m.group(1), m.group(2)) != null) throw new AssertionError(where + "second HELP");
            } else if ((m = TYPE.matcher(line)).matches()) {
                if (types.put(m.group(1), m.group(2)) != null) throw new AssertionError(where + "second TYPE");
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                String family = family(m.group(1), types);
                if (family == null) throw new AssertionError(where + "sample before its TYPE");
                if (!helps.containsKey(family)) throw new AssertionError(where + "family without HELP");
                String key = m.group(1) + (m.group(2) == null ? "" : m.group(2));
                if (samples.put(key, Double.parseDouble(m.group(3).replace("+Inf", "Infinity"))) != null) {
                    throw new AssertionError(where + "duplicate sample");
                }
            } else {
                throw new AssertionError(where + "neither HELP, TYPE nor a sample");
            }
        }
        checkHistograms(types, samples);
        return new PrometheusParse(types, samples);
    }

    private static String family(String sample, Map<String, String> types) {
        if (types.containsKey(sample)) return sample;
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (sample.endsWith(suffix)) {
                String base = sample.substring(0, sample.length() - suffix.length());
                if ("histogram".equals(types.get(base)) || "summary".equals(types.get(base))) return base;
            }
        }
        return null;
    }

    private static void checkHistograms(Map<String, String> types, Map<String, Double> samples) {
        Map<String, Double> lastBucket = new HashMap<>();
        Map<String, Boolean> sawInf = new HashMap<>();
        for (Map.Entry<String, Double> e : samples.entrySet()) {
            String key = e.getKey();
            int bucket = key.indexOf("_bucket{");
            if (bucket < 0 || !"histogram".equals(types.get(key.substring(0, bucket)))) continue;
            String series = key.replaceAll(",?le=\"[^\"]*\"", "");
            Double previous = lastBucket.put(series, e.getValue());
            if (previous != null && e.getValue() < previous) throw new AssertionError(key + ": buckets must not fall");
            if (key.contains("le=\"+Inf\"")) {
                sawInf.put(series, true);
                String count = series.replace("_bucket{", "_count{");
                if (!e.getValue().equals(samples.get(count)))
                    throw new AssertionError(key + ": +Inf must equal _count");
            }
        }
        lastBucket.keySet().forEach(s -> {
            if (!sawInf.containsKey(s)) throw new AssertionError(s + ": no +Inf bucket");
        });
    }

    public Map<String, String> types() {
        return types;
    }

    public double value(String sample) {
        Double value = samples.get(sample);
        if (value == null) throw new AssertionError("no sample " + sample + " among " + samples.keySet());
        return value;
    }
}
