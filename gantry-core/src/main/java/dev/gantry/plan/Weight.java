package dev.gantry.plan;

/** A share of the traffic, 1% to 100%, written "25%" in the plan. */
public record Weight(int percent) implements Comparable<Weight> {

    public static final Weight ALL = new Weight(100);

    public Weight {
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("expected a weight from 1% to 100%, got " + percent + "%");
        }
    }

    public static Weight parse(String text) {
        String t = text.strip();
        if (!t.matches("\\d{1,3}%?")) {
            throw new IllegalArgumentException("expected a weight such as 25%, got \"" + text + "\"");
        }
        int percent = Integer.parseInt(t.endsWith("%") ? t.substring(0, t.length() - 1) : t);
        if (percent < 1 || percent > 100) {
            throw new IllegalArgumentException("expected a weight from 1% to 100%, got \"" + text + "\"");
        }
        return new Weight(percent);
    }

    @Override
    public int compareTo(Weight other) {
        return Integer.compare(percent, other.percent);
    }

    @Override
    public String toString() {
        return percent + "%";
    }
}
