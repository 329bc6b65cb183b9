package dev.gantry.plan;

import dev.gantry.binding.Doc;
import dev.gantry.binding.Required;

/** A feature flag the release brings or depends on. */
@Doc("A feature flag of the release")
public record Flag(
        @Required @Doc("The flag's key, such as ENABLE_2FA") String name,
        @Doc("release (default), operational, permission or experiment") FlagType type,
        @Doc("Its state until it is turned on: false (default) or true") boolean enabled,
        @Doc("What it guards") String description,
        @Doc("Who owns it") String owner) {

    public Flag {
        type = type == null ? FlagType.RELEASE : type;
    }
}
