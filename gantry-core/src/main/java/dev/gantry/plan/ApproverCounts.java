package dev.gantry.plan;

import dev.gantry.binding.Doc;
import dev.gantry.version.ReleaseType;
import java.util.Map;

/**
 * How many different people must approve as a role, per release type, where one is not enough: {@code major: {qa:
 * 2}}. A role not named needs one approver.
 */
@Doc("How many different people must approve as a role, per release type, where one is not enough")
public record ApproverCounts(
        @Doc("Approvers per role for a hotfix, such as {tech-lead: 2}") Map<String, Integer> hotfix,
        @Doc("Approvers per role for a patch release") Map<String, Integer> patch,
        @Doc("Approvers per role for a minor release") Map<String, Integer> minor,
        @Doc("Approvers per role for a major release, such as {qa: 2}") Map<String, Integer> major) {

    public static final ApproverCounts NONE = new ApproverCounts(null, null, null, null);

    public ApproverCounts {
        hotfix = copy(hotfix);
        patch = copy(patch);
        minor = copy(minor);
        major = copy(major);
    }

    private static Map<String, Integer> copy(Map<String, Integer> counts) {
        return counts == null ? Map.of() : Map.copyOf(counts);
    }

    /** The counts written for {@code type}; a role absent from them needs one approver. */
    public Map<String, Integer> of(ReleaseType type) {
        return switch (type) {
            case HOTFIX -> hotfix;
            case PATCH -> patch;
            case MINOR -> minor;
            case MAJOR -> major;
        };
    }
}
