package dev.gantry.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gantry.flags.KeptFlag;
import dev.gantry.flags.sdk.json.StateWriter;
import dev.gantry.flags.sdk.state.FlagState;
import dev.gantry.plan.Flag;
import java.util.List;
import java.util.Optional;

/**
 * A flag the plan declares, as it stands in one environment: its declaration, on or off, and its strategies,
 * variants, dependencies and segments in Unleash's shape.
 *
 * @param type as Unleash names flag types: {@code release}, {@code kill-switch}, ...
 * @param last the last change; empty when the flag is as the plan declares it
 */
public record FlagView(
        String name,
        String environment,
        String type,
        Optional<String> owner,
        Optional<String> release,
        Optional<String> description,
        boolean on,
        JsonNode strategies,
        JsonNode variants,
        JsonNode dependencies,
        JsonNode segments,
        Optional<FlagChangeView> last) {

    public static FlagView of(KeptFlag kept, String environment) {
        Flag declared = kept.declared();
        JsonNode document = FlagChangeView.tree(
                StateWriter.write(new FlagState(2, List.of(kept.feature()), kept.segments(), Optional.empty())));
        JsonNode feature = document.path("features").path(0);
        return new FlagView(
                kept.name(),
                environment,
                declared.type().key(),
                Optional.ofNullable(declared.owner()),
                declared.introducedIn(),
                Optional.ofNullable(declared.description()),
                kept.on(),
                feature.path("strategies"),
                feature.path("variants"),
                feature.path("dependencies"),
                document.path("segments"),
                kept.last().map(FlagChangeView::of));
    }
}
