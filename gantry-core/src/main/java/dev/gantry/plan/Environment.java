package dev.gantry.plan;

import dev.gantry.binding.Doc;
import dev.gantry.binding.InvalidValue;
import dev.gantry.binding.Required;
import java.util.List;
import java.util.Map;

/** DEP Environment: where the release runs, and which environment it must pass through first. */
@Doc("An environment the release moves through (DEP Environment)")
public record Environment(
        @Required @Doc("Its name, such as staging or production") String name,
        @Doc("Its DEP- id, such as DEP-001") String id,
        @Doc("A short title; \"<name> environment\" by default") String title,
        @Doc("What the environment is for") String description,
        @Doc("Cloud, region and resources, such as \"AWS us-east-1, ECS Fargate, RDS PostgreSQL\"")
                String infrastructure,
        @Doc("Environment-specific settings, such as LOG_LEVEL: info") Map<String, String> configuration,
        @Doc("How secrets are managed, such as \"AWS Secrets Manager, rotated monthly\"") String secrets,
        @Doc("Who can deploy and who can read") String access,
        @Doc("Environments where the same version must have been released first") List<String> requires,
        @Doc("Serves real users; true by default for an environment named production or prod") Boolean production,
        @Doc("What deploys releases here and shifts their traffic") TargetSpec target,
        @Doc("Where the watch window's numbers come from") MetricSourceSpec metrics,
        @Doc("Who owns the environment: a person or a role of the plan") String owner,
        @Doc("IDs this entry traces to: ARC-, TECH-, ENV-, ...") List<String> links)
        implements DepEntry {

    /** The longest environment name: one DNS label, as it names folders, URL paths and often a namespace. */
    public static final int MAX_NAME = 63;

    public Environment {
        if (name != null && name.length() > MAX_NAME) {
            throw new InvalidValue(
                    "name",
                    "environment name must be at most " + MAX_NAME + " characters, got one of " + name.length());
        }
        if (name != null && !name.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new InvalidValue(
                    "name",
                    "environment name must be lower-case letters, digits, \".\", \"_\" or \"-\", got \"" + name + "\"");
        }
        DepEntry.checkId(id);
        title = title == null && name != null ? name + " environment" : title;
        configuration = configuration == null ? Map.of() : configuration;
        requires = requires == null ? List.of() : List.copyOf(requires);
        production =
                production != null ? production : name != null && (name.equals("production") || name.equals("prod"));
        links = DepEntry.links(links);
    }

    public boolean isProduction() {
        return production;
    }

    @Override
    public String kind() {
        return "Environment";
    }

    @Override
    public Stage stage() {
        return Stage.PRE_DEPLOY;
    }
}
