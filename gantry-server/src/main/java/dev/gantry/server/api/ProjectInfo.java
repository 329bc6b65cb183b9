package dev.gantry.server.api;

import java.util.List;

/**
 * A repository the server coordinates.
 *
 * @param name how the API and {@code --project} name it
 * @param environments the environments of its plan, in the plan's order
 */
public record ProjectInfo(String name, List<String> environments) {

    public ProjectInfo {
        environments = List.copyOf(environments);
    }
}
