package dev.gantry.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gantry.analysis.MetricSources;
import dev.gantry.coordinate.PlugIns;
import dev.gantry.plan.Plan;
import dev.gantry.rollout.Target;
import dev.gantry.rollout.TargetCall;
import dev.gantry.rollout.TargetResult;
import dev.gantry.rollout.Targets;
import dev.gantry.testing.PlanText;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A module gantry-core does not know adds a target by registering an extension, as the local target does. */
public class VariantExtensionTest {

    @TempDir
    Path dir;

    @Doc("A target of another module")
    public record FixtureTarget(@Required @Doc("Its name") String name) implements Target {
        @Override
        public TargetResult deploy(TargetCall call) {
            return TargetResult.done("deployed " + name);
        }

        @Override
        public TargetResult setWeight(TargetCall call) {
            return TargetResult.done("weighted " + name);
        }

        @Override
        public TargetResult promote(TargetCall call) {
            return TargetResult.done("promoted " + name);
        }

        @Override
        public TargetResult rollback(TargetCall call) {
            return TargetResult.done("rolled back " + name);
        }

        @Override
        public TargetResult status(TargetCall call) {
            return TargetResult.done(name);
        }

        @Override
        public String describe() {
            return "the fixture " + name;
        }
    }

    public static final class FixtureExtension implements Variants.Extension {
        @Override
        public Map<String, Class<? extends Record>> variants(Class<? extends Variants.Registry> registry) {
            return registry == Targets.class ? Map.of("fixture", FixtureTarget.class) : Map.of();
        }
    }

    /** Claims a name the built-in registry already gives to another record. */
    public static final class TakenNameExtension implements Variants.Extension {
        @Override
        public Map<String, Class<? extends Record>> variants(Class<? extends Variants.Registry> registry) {
            return registry == Targets.class ? Map.of("command", FixtureTarget.class) : Map.of();
        }
    }

    /** Runs {@code work} with {@code extension} registered, as a program with that module does at start-up. */
    private <T> T withExtension(Class<? extends Variants.Extension> extension, Callable<T> work) throws Exception {
        Variants.Extension.register(extension.getDeclaredConstructor().newInstance());
        try {
            return work.call();
        } finally {
            Variants.Extension.unregister(extension);
        }
    }

    private static final String PLAN =
            """
            environments:
              - name: staging
                target: { type: fixture, name: blue }
            """;

    @Test
    void theBinderBindsARecordAnExtensionAdds() throws Exception {
        Plan plan = withExtension(FixtureExtension.class, () -> PlanText.load(dir, PLAN));
        assertThat(plan.environment("staging").orElseThrow().target()).isEqualTo(new FixtureTarget("blue"));
        assertThat(withExtension(FixtureExtension.class, () -> new Targets().variants()))
                .containsOnlyKeys("command", "fixture");
        assertThat(withExtension(FixtureExtension.class, () -> new MetricSources().variants()))
                .doesNotContainKey("fixture");
    }

    @Test
    void theSchemaOffersTheExtensionsRecords() throws Exception {
        JsonNode schema = new ObjectMapper()
                .valueToTree(withExtension(
                        FixtureExtension.class,
                        () -> SchemaGenerator.of(Plan.class, "gantry.yaml", PlugIns.registries())));
        JsonNode choices = schema.at("/properties/environments/items/properties/target/oneOf");
        assertThat(choices.findValuesAsText("const")).containsExactly("command", "fixture");
        assertThat(choices.get(1).at("/properties/name/description").asText()).isEqualTo("Its name");
        assertThat(choices.get(1).at("/required")).extracting(JsonNode::asText).containsExactly("type", "name");
    }

    @Test
    void withoutTheModuleTheTypeIsUnknown() throws Exception {
        assertThat(PlanText.errors(dir, PLAN))
                .singleElement()
                .asString()
                .contains("environments[0].target.type: unknown type \"fixture\"");
    }

    @Test
    void anExtensionCannotTakeABuiltInName() {
        assertThatThrownBy(() -> withExtension(TakenNameExtension.class, () -> new Targets().variants()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("adds \"command\" to Targets, which already names")
                .hasMessageContaining("CommandTarget");
    }
}
