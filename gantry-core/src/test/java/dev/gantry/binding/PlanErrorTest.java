package dev.gantry.binding;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanErrorTest {

    private static Position at(int line, int column) {
        return new Position(Path.of("shop", "gantry.yaml"), line, column);
    }

    @Test
    void positionsNameTheFileOnly() {
        assertThat(at(14, 7)).hasToString("gantry.yaml:14:7");
        assertThat(new Position(Path.of("/"), 1, 1)).hasToString("/:1:1");
    }

    @Test
    void errorsRenderPositionKeyPathAndMessage() {
        assertThat(new PlanError(
                        at(14, 7),
                        "criteria[2].check.minPassRate",
                        "expected a percentage between 0 and 100, got \"most\""))
                .hasToString("gantry.yaml:14:7: criteria[2].check.minPassRate: "
                        + "expected a percentage between 0 and 100, got \"most\"");
        assertThat(new PlanError(at(1, 1), "", "invalid YAML: mapping values are not allowed here"))
                .hasToString("gantry.yaml:1:1: invalid YAML: mapping values are not allowed here");
        assertThat(new PlanError(at(1, 1), null, "m").keyPath()).isEmpty();
    }

    @Test
    void exceptionsSortByLineThenColumnAndJoinTheirMessages() {
        PlanError late = new PlanError(at(9, 1), "b", "second");
        PlanError sameLineLater = new PlanError(at(3, 12), "a.y", "later on the line");
        PlanError first = new PlanError(at(3, 2), "a.x", "first");
        PlanException e = new PlanException(List.of(late, sameLineLater, first));
        assertThat(e.errors()).containsExactly(first, sameLineLater, late);
        assertThat(e.getMessage())
                .isEqualTo("gantry.yaml:3:2: a.x: first\n"
                        + "gantry.yaml:3:12: a.y: later on the line\n"
                        + "gantry.yaml:9:1: b: second");
    }
}
