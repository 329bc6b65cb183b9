package dev.gantry.plan.lint;

import dev.gantry.binding.Bound;
import dev.gantry.plan.Criterion;
import dev.gantry.plan.DepEntry;
import dev.gantry.plan.Environment;
import dev.gantry.plan.Person;
import dev.gantry.plan.Plan;
import dev.gantry.plan.RollbackTrigger;
import dev.gantry.plan.lint.Finding.Level;
import dev.gantry.version.ReleaseType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The quality gates a release plan must pass and the anti-patterns it must not show: every DEP- entry owned,
 * validation defined ("deploy and pray" otherwise), rollback triggers with thresholds and procedures ("no
 * rollback plan"), blockers a machine can check, production reached through an earlier environment, criteria
 * that trace to what they verify; and a watch window that can work: triggers that can be read where releases go,
 * thresholds in their metric's unit, ratios that give 0 rather than no series, placeholders that exist, and the
 * strategy that will really run.
 */
public final class PlanLint {

    private final Bound<Plan> bound;
    private final Plan plan;
    private final List<Finding> findings = new ArrayList<>();

    private PlanLint(Bound<Plan> bound) {
        this.bound = bound;
        this.plan = bound.value();
    }

    /** Every finding, in the order of the file. */
    public static List<Finding> check(Bound<Plan> bound) {
        PlanLint lint = new PlanLint(bound);
        lint.environments();
        lint.entries();
        lint.criteria();
        lint.rollback();
        lint.validation();
        lint.approvals();
        Findings more = new Findings(bound.positions());
        new WatchRules(lint.plan, more).check();
        new PlaceholderRules(lint.plan, more).check();
        lint.findings.addAll(more.all());
        return lint.findings.stream()
                .sorted(Comparator.comparingInt((Finding f) -> f.position().line())
                        .thenComparingInt(f -> f.position().column()))
                .toList();
    }

    private void environments() {
        if (plan.environments().isEmpty()) {
            plan(
                    "no-environments",
                    Level.WARNING,
                    "environments",
                    "no environments: add staging and production (DEP Environment) so the release has somewhere to go");
            return;
        }
        boolean several = plan.environments().size() > 1;
        for (Environment e : plan.environments()) {
            if (e.isProduction() && e.requires().isEmpty() && several) {
                entry(
                        "production-first",
                        Level.ERROR,
                        e,
                        "requires",
                        "production environment \"" + e.name() + "\" requires no earlier environment; add"
                                + " requires: [staging] so a release is proven before it reaches users");
            }
        }
        if (plan.environments().stream().noneMatch(Environment::isProduction)) {
            plan(
                    "no-production",
                    Level.WARNING,
                    "environments",
                    "no production environment: mark the one that serves users with production: true");
        }
    }

    private void entries() {
        Set<String> known = knownOwners();
        for (DepEntry e : plan.entries()) {
            if (e.id() == null) {
                entry(
                        "id-missing",
                        Level.WARNING,
                        e,
                        "id",
                        e.kind() + " entry has no DEP- id, so nothing can trace to it");
            }
            if (e.owner() == null || e.owner().isBlank()) {
                entry(
                        "owner-missing",
                        Level.WARNING,
                        e,
                        "owner",
                        "no owner: unclear ownership, nobody knows who verifies it; add owner: NAME or ROLE");
            } else if (!plan.people().isEmpty() && !known.contains(e.owner())) {
                entry(
                        "owner-unknown",
                        Level.WARNING,
                        e,
                        "owner",
                        "owner \"" + e.owner() + "\" is neither a person nor a role in people");
            }
            for (String link : e.links()) {
                if (DepEntry.LINK_PREFIXES.stream().noneMatch(link::startsWith)) {
                    entry(
                            "link-unknown",
                            Level.WARNING,
                            e,
                            "links",
                            "linked ID \"" + link + "\" has none of the" + " prefixes "
                                    + String.join(", ", DepEntry.LINK_PREFIXES));
                }
            }
        }
    }

    private void criteria() {
        if (plan.criteria().isEmpty()) {
            plan(
                    "no-criteria",
                    Level.ERROR,
                    "criteria",
                    "no release criteria: \"it works on my machine\"; add DEP Criteria the gate can check");
        }
        for (Criterion c : plan.criteria()) {
            if (c.isBlocker() && c.check() == null) {
                entry(
                        "blocker-manual",
                        Level.WARNING,
                        c,
                        "check",
                        "blocker with no check a machine can run: it passes only when a person ticks it; add"
                                + " check: { type: ... }");
            }
            if (c.links().isEmpty()) {
                entry(
                        "untraced",
                        Level.WARNING,
                        c,
                        "links",
                        "traces to no ID: link the EPIC-, TEST-, API- or KPI- entries it verifies");
            }
            if (c.category() == null) {
                entry(
                        "category-missing",
                        Level.WARNING,
                        c,
                        "category",
                        "no category: functional, performance, security, operational or documentation");
            }
        }
    }

    private void rollback() {
        if (plan.rollback().isEmpty()) {
            plan(
                    "no-rollback",
                    Level.ERROR,
                    "rollback",
                    "no rollback plan: \"we'll figure it out\"; add DEP Rollback triggers with thresholds and"
                            + " procedures");
        }
        for (RollbackTrigger r : plan.rollback()) {
            if (r.threshold() == null) {
                entry(
                        "rollback-threshold",
                        Level.ERROR,
                        r,
                        "threshold",
                        "rollback trigger without threshold: add one such as threshold: \"> 2%\"");
            }
            if (r.metric() == null && r.query() == null) {
                entry(
                        "rollback-metric",
                        Level.ERROR,
                        r,
                        "metric",
                        "rollback trigger without metric: name what is watched, such as metric: error_rate");
            }
            if (r.procedure().isEmpty()) {
                entry(
                        "rollback-procedure",
                        Level.ERROR,
                        r,
                        "procedure",
                        "rollback trigger without procedure: list the steps, such as flags off, traffic back,"
                                + " revert, notify");
            }
            if (r.notification().isEmpty()) {
                entry("rollback-notification", Level.WARNING, r, "notification", "nobody is notified when it fires");
            }
        }
    }

    private void validation() {
        if (plan.validation().isEmpty()) {
            plan(
                    "no-validation",
                    Level.ERROR,
                    "validation",
                    "deploy and pray: no validation steps; add DEP Validation smoke tests that run after the deploy");
        }
    }

    private void approvals() {
        if (plan.people().isEmpty()) return;
        Map<String, List<String>> typesByRole = new LinkedHashMap<>();
        for (ReleaseType type : ReleaseType.values()) {
            for (String role : plan.approvals().required(type)) {
                typesByRole.computeIfAbsent(role, r -> new ArrayList<>()).add(type.label());
            }
        }
        typesByRole.forEach((role, types) -> {
            if (plan.people().stream().noneMatch(p -> p.holds(role))) {
                plan(
                        "role-unfilled",
                        Level.WARNING,
                        "approvals",
                        "nobody in people holds the role \"" + role + "\" that " + joined(types)
                                + " releases need to be approved");
            }
        });
    }

    /** "patch", "patch and minor", "hotfix, patch and minor". */
    private static String joined(List<String> words) {
        if (words.size() == 1) return words.get(0);
        return String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
    }

    private Set<String> knownOwners() {
        Set<String> known = new LinkedHashSet<>();
        for (Person p : plan.people()) {
            known.add(p.name());
            known.addAll(p.roles());
        }
        return known;
    }

    private void entry(String rule, Level level, DepEntry e, String key, String message) {
        String path = bound.positions().pathOf(e);
        findings.add(new Finding(
                rule, level, e.id() == null ? "" : e.id(), bound.positions().of(e, key), path + "." + key, message));
    }

    private void plan(String rule, Level level, String key, String message) {
        findings.add(new Finding(rule, level, "", bound.positions().of(plan, key), key, message));
    }
}
