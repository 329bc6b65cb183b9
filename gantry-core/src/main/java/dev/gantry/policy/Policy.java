package dev.gantry.policy;

import dev.gantry.binding.Doc;
import dev.gantry.binding.InvalidValue;
import dev.gantry.binding.NameCharacters;
import dev.gantry.binding.Required;
import java.util.List;

/**
 * A project's release policy on a server: the least every plan of the project must ask for, set by an admin and kept
 * out of the repository. A plan may add to it, never weaken it.
 */
@Doc("A project's release policy on the server: the least every plan must ask for")
public record Policy(
        @Doc("The policy's name, shown when a plan is refused for weakening it") @Required String name,
        @Doc("The author of a release may never approve it, whatever the plan says") boolean separateApprover,
        @Doc("What the policy asks for, per environment and release type") List<PolicyRule> rules) {

    public Policy {
        if (name != null && name.isBlank()) throw new InvalidValue("name", "a policy's name cannot be blank");
        NameCharacters.refusal(name).ifPresent(refusal -> {
            throw new InvalidValue(
                    "name", "a policy's name takes no control, bidi or invisible formatting characters; " + refusal);
        });
        rules = rules == null ? List.of() : List.copyOf(rules);
    }
}
