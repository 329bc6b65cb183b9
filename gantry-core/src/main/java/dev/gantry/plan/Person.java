package dev.gantry.plan;

import dev.gantry.binding.Doc;
import dev.gantry.binding.Required;
import java.util.List;

/** Someone who takes part in releases, with the roles they hold. */
@Doc("A person and the roles they hold")
public record Person(
        @Required @Doc("How they are named on the command line (--as) and in documents") String name,
        @Doc("Roles such as tech-lead, qa, product-manager, security, executive-sponsor, release-manager")
                List<String> roles,
        @Doc("How to reach them") String contact) {

    public Person {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    public boolean holds(String role) {
        return roles.contains(role);
    }
}
