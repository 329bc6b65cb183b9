package dev.gantry.rollout;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** What a run asks of its target. The word is the one stored in the run log and given in {@code GANTRY_ACTION}. */
public enum Action {
    DEPLOY("deploy"),
    SET_WEIGHT("set-weight"),
    PROMOTE("promote"),
    ROLLBACK("rollback"),
    STATUS("status");

    private final String word;

    Action(String word) {
        this.word = word;
    }

    @JsonValue
    public String word() {
        return word;
    }

    @JsonCreator
    public static Action of(String word) {
        return Arrays.stream(values())
                .filter(a -> a.word.equals(word))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown target action \"" + word + "\""));
    }

    /** Whether the action changes the environment (every action but asking what runs). */
    public boolean changes() {
        return this != STATUS;
    }

    @Override
    public String toString() {
        return word;
    }
}
