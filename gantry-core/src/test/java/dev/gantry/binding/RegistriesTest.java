package dev.gantry.binding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The binder takes the records of a variant interface from the registries it is handed, and from nowhere else. */
class RegistriesTest {

    private static final Path FILE = Path.of("gantry.yaml");

    @Variants
    interface Shape {}

    record Circle(double radius) implements Shape {}

    record Square(double side) implements Shape {}

    record Label(String text) {}

    record Drawing(Shape shape) {}

    static final class Shapes implements Variants.Registry {
        private final Map<String, Class<? extends Record>> variants;

        Shapes(Map<String, Class<? extends Record>> variants) {
            this.variants = variants;
        }

        @Override
        public Class<?> spec() {
            return Shape.class;
        }

        @Override
        public Map<String, Class<? extends Record>> variants() {
            return variants;
        }
    }

    private static Shapes shapes() {
        Map<String, Class<? extends Record>> variants = new LinkedHashMap<>();
        variants.put("circle", Circle.class);
        variants.put("square", Square.class);
        return new Shapes(variants);
    }

    @Test
    void theRecordIsChosenFromTheRegistryHandedOver() throws Exception {
        Registries registries = new Registries(shapes());
        assertThat(YamlBinder.bind(FILE, "shape: { type: square, side: 2 }\n", Drawing.class, registries)
                        .value())
                .isEqualTo(new Drawing(new Square(2)));
        assertThatThrownBy(() -> YamlBinder.bind(FILE, "shape: { type: sqare, side: 2 }\n", Drawing.class, registries))
                .isInstanceOf(PlanException.class)
                .hasMessage("gantry.yaml:1:16: shape.type: unknown type \"sqare\"; did you mean \"square\"?");
    }

    @Test
    void withoutARegistryForTheInterfaceBindingIsABuildMistake() {
        assertThatThrownBy(() -> YamlBinder.bind(FILE, "shape: { type: circle }\n", Drawing.class, new Registries()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no registry names the records of Shape");
    }

    @Test
    void aRecordOfTheWrongKindIsNamedAtOnce() {
        Registries registries = new Registries(new Shapes(Map.of("label", Label.class)));
        assertThatThrownBy(() -> YamlBinder.bind(FILE, "shape: { type: label }\n", Drawing.class, registries))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("Label is named \"label\" but is not a Shape");
    }

    @Test
    void twoRegistriesForOneInterfaceAreRefused() {
        assertThatThrownBy(() -> new Registries(shapes(), shapes()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Shapes and Shapes both name the records of Shape");
    }
}
