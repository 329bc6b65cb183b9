package dev.gantry.plan;

import dev.gantry.binding.Doc;
import dev.gantry.version.ReleaseType;
import java.util.List;

/** Who signs off a release of each type, and who may override an unmet criterion. */
@Doc("Approval policy: the roles that sign off each release type")
public record Approvals(
        @Doc("Roles for a hotfix; tech-lead when absent or empty") List<String> hotfix,
        @Doc("Roles for a patch release; tech-lead and qa by default") List<String> patch,
        @Doc("Roles for a minor release; product-manager, tech-lead and qa by default") List<String> minor,
        @Doc("Roles for a major release; product-manager, tech-lead, qa, security and executive-sponsor by default")
                List<String> major,
        @Doc("The author of a release may not approve it") boolean separateApprover,
        @Doc("Roles allowed to override an unmet criterion at the gate; release-manager by default")
                List<String> override,
        @Doc("More than one approver of a role for a release type, as counts: {major: {qa: 2}}; each approver a"
                        + " different person")
                ApproverCounts counts) {

    public static final Approvals DEFAULTS = new Approvals(null, null, null, null, false, null);

    /** Approvals where each required role needs one approver. */
    public Approvals(
            List<String> hotfix,
            List<String> patch,
            List<String> minor,
            List<String> major,
            boolean separateApprover,
            List<String> override) {
        this(hotfix, patch, minor, major, separateApprover, override, null);
    }

    public Approvals {
        hotfix = orDefault(hotfix, List.of("tech-lead"));
        patch = orDefault(patch, List.of("tech-lead", "qa"));
        minor = orDefault(minor, List.of("product-manager", "tech-lead", "qa"));
        major = orDefault(major, List.of("product-manager", "tech-lead", "qa", "security", "executive-sponsor"));
        override = orDefault(override, List.of("release-manager"));
        counts = counts == null ? ApproverCounts.NONE : counts;
    }

    /** An absent or empty list is the default: every release is signed off by someone. */
    private static List<String> orDefault(List<String> roles, List<String> defaults) {
        return roles == null || roles.isEmpty() ? defaults : List.copyOf(roles);
    }

    public List<String> required(ReleaseType type) {
        return switch (type) {
            case HOTFIX -> hotfix;
            case PATCH -> patch;
            case MINOR -> minor;
            case MAJOR -> major;
        };
    }

    /** How many different people must approve as {@code role} for a release of {@code type}: one unless counted. */
    public int count(ReleaseType type, String role) {
        return counts.of(type).getOrDefault(role, 1);
    }
}
