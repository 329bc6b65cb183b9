package dev.gantry.flags.sdk;

import java.util.List;
import java.util.stream.Collectors;

/** Why an evaluation came out as it did. Strategies and constraints are numbered from 0, as their JSON paths are. */
public sealed interface Reason {

    /** One line for a person. */
    String text();

    /** The client has no state yet: no answer from the server, no last known state on disk, no bootstrap. */
    record NoState() implements Reason {
        @Override
        public String text() {
            return "no flag state yet: the server has not answered and there is no last known state or bootstrap";
        }
    }

    record FlagNotFound(String flag) implements Reason {
        @Override
        public String text() {
            return "flag not found: the state has no flag \"" + flag + "\"";
        }
    }

    /** The flag's definition cannot be evaluated (as Unleash's engine, which turns such a flag off). */
    record FlagInvalid(String problem) implements Reason {
        @Override
        public String text() {
            return "flag off: its definition cannot be evaluated: " + problem;
        }
    }

    record FlagOff() implements Reason {
        @Override
        public String text() {
            return "flag off";
        }
    }

    record DependencyNotMet(String parent, String why) implements Reason {
        @Override
        public String text() {
            return "dependency " + parent + " not met: " + why;
        }
    }

    record NoStrategies() implements Reason {
        @Override
        public String text() {
            return "on for everyone: the flag is on and has no strategies";
        }
    }

    record StrategyMatched(int index, String strategy, int constraints) implements Reason {
        @Override
        public String text() {
            String held = constraints == 0
                    ? ""
                    : constraints == 1 ? ", its constraint held" : ", its " + constraints + " constraints held";
            return "strategies[" + index + "] (" + strategy + ") matched" + held;
        }
    }

    /** Every strategy missed; each says what missed: its own rule, or its first constraint that failed. */
    record NoStrategyMatched(List<StrategyMiss> misses) implements Reason {
        public NoStrategyMatched {
            misses = List.copyOf(misses);
        }

        @Override
        public String text() {
            return "no strategy matched: "
                    + misses.stream().map(StrategyMiss::text).collect(Collectors.joining("; "));
        }
    }

    /** @param constraint the index of the constraint that failed, or -1 when the strategy's own rule missed */
    record StrategyMiss(int index, String strategy, int constraint, String why) {
        public String text() {
            return "strategies[" + index + "] (" + strategy + ") " + why;
        }
    }
}
