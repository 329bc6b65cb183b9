package dev.gantry.plan;

import dev.gantry.binding.Doc;
import dev.gantry.binding.Required;
import java.util.List;

/** DEP Step: something a person or a script does as part of the release, placed on the release timeline. */
@Doc("A release step (DEP Step)")
public record Step(
        @Required @Doc("Its DEP- id, such as DEP-010") String id,
        @Required @Doc("What is done, in a few words") String title,
        @Doc("Details: commands, links, what to watch for") String description,
        @Doc("pre-deploy, deploy, post-deploy or rollback; pre-deploy by default") Stage stage,
        @Doc("When on the timeline: readiness, staging, go-no-go, deployment or post-deployment") Milestone at,
        @Doc("Who does it: a person or a role of the plan") String owner,
        @Doc("IDs it traces to: RUN-, EPIC-, ...") List<String> links)
        implements DepEntry {

    public Step {
        DepEntry.checkId(id);
        stage = stage == null ? Stage.PRE_DEPLOY : stage;
        at = at != null
                ? at
                : switch (stage) {
                    case PRE_DEPLOY -> Milestone.READINESS;
                    case DEPLOY, ROLLBACK -> Milestone.DEPLOYMENT;
                    case POST_DEPLOY -> Milestone.POST_DEPLOYMENT;
                };
        links = DepEntry.links(links);
    }

    @Override
    public String kind() {
        return "Step";
    }
}
