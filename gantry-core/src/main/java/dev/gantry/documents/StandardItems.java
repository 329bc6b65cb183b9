package dev.gantry.documents;

import static dev.gantry.plan.Milestone.DEPLOYMENT;
import static dev.gantry.plan.Milestone.GO_NO_GO;
import static dev.gantry.plan.Milestone.POST_DEPLOYMENT;
import static dev.gantry.plan.Milestone.READINESS;
import static dev.gantry.plan.Milestone.STAGING;

import dev.gantry.plan.Milestone;
import java.util.List;

/**
 * The release checklist every release goes through: the one-page production checklist and the T-minus
 * coordination checklist merged on one timeline, each item once.
 */
final class StandardItems {

    /**
     * One standard item.
     *
     * @param checkTypes the check types that can check it by machine
     * @param keywords words in a criterion's title that pick this item when several share a check type
     */
    record Template(
            Milestone milestone,
            String key,
            String title,
            String text,
            List<String> checkTypes,
            List<String> keywords) {}

    static final List<Template> ALL = List.of(
            t(READINESS, "merged", "All PRs merged", "all planned changes are merged to the release branch", "git"),
            t(READINESS, "ci", "Build", "CI passes on the release branch (main or release/*)", "ci-status"),
            t(READINESS, "tests", "Tests", "all unit, integration and E2E tests pass", "junit"),
            t(READINESS, "acceptance", "Acceptance criteria", "the QA lead confirms all acceptance criteria are met"),
            t(
                    READINESS,
                    "migrations",
                    "Migrations",
                    "database migrations run cleanly on staging",
                    List.of("command"),
                    List.of("migration", "schema", "database")),
            t(
                    READINESS,
                    "observability",
                    "Observability",
                    "alerts, dashboards and logs confirmed for new features",
                    List.of("http", "command"),
                    List.of("observability", "dashboard", "alert", "metrics", "logs")),
            t(
                    READINESS,
                    "security-scan",
                    "Security",
                    "no new high or critical vulnerabilities in the dependency scan",
                    "sarif"),
            t(
                    READINESS,
                    "performance",
                    "Performance",
                    "no regression on key latency and throughput benchmarks",
                    "benchmark"),
            t(
                    READINESS,
                    "changelog",
                    "Changelog",
                    "CHANGELOG.md updated with user-facing changes",
                    List.of("file"),
                    List.of("changelog")),
            t(
                    READINESS,
                    "docs",
                    "README / operator docs",
                    "updated if setup, config or API changed",
                    List.of("file"),
                    List.of("readme", "docs", "documentation", "operator")),
            t(
                    READINESS,
                    "migration-guide",
                    "Migration guide",
                    "written if there are breaking changes",
                    List.of("file"),
                    List.of("migration guide", "upgrade guide", "migration", "upgrade")),
            t(
                    READINESS,
                    "release-notes",
                    "Release notes",
                    "notable changes, migration steps and known issues drafted",
                    List.of("file"),
                    List.of("release notes", "notes")),
            t(
                    READINESS,
                    "deployment-plan",
                    "Deployment plan reviewed",
                    "deployment steps, timing and rollback procedures documented"),
            t(
                    READINESS,
                    "smoke-tests-ready",
                    "Smoke tests prepared",
                    "critical flow tests ready for staging and production"),
            t(
                    READINESS,
                    "backup",
                    "Backup",
                    "database or system backup taken (if applicable)",
                    List.of("command"),
                    List.of("backup", "snapshot")),
            t(
                    READINESS,
                    "stakeholders-notified",
                    "Stakeholders notified",
                    "stakeholders informed of the planned release window"),
            t(READINESS, "support-handoff", "Internal handoff", "support team briefed on new behaviour"),
            t(STAGING, "staging-deploy", "Deploy to staging", "the release is deployed to the staging environment"),
            t(
                    STAGING,
                    "staging-smoke",
                    "Smoke tests in staging",
                    "critical flows validated in staging",
                    List.of("http", "command"),
                    List.of("smoke", "staging", "journey", "flow")),
            t(STAGING, "qa-signoff", "QA sign-off", "the QA lead approves the staging deployment", "approvals"),
            t(
                    STAGING,
                    "staging-performance",
                    "Performance verified",
                    "latency, error rates and resource usage checked in staging"),
            t(
                    STAGING,
                    "rollback-tested",
                    "Rollback tested",
                    "the rollback procedure works in staging (if needed)",
                    List.of("command"),
                    List.of("rollback", "roll back")),
            t(GO_NO_GO, "readiness-reviewed", "Readiness reviewed", "all pre-release and staging checks passed"),
            t(GO_NO_GO, "risks-assessed", "Risks assessed", "the risk champion confirms no critical blockers"),
            t(GO_NO_GO, "on-call", "On-call coverage", "engineering on-call is aware and available"),
            t(
                    GO_NO_GO,
                    "communication-plan",
                    "Communication plan",
                    "support team and stakeholders briefed on the release"),
            t(GO_NO_GO, "decision", "Decision recorded", "GO or NO-GO documented with its rationale"),
            t(
                    DEPLOYMENT,
                    "window-started",
                    "Deployment window",
                    "the deployment starts inside the scheduled window",
                    "window"),
            t(DEPLOYMENT, "deployed", "Deployment executed", "the documented deployment steps followed"),
            t(
                    DEPLOYMENT,
                    "health-checks",
                    "Health checks",
                    "the application starts and responds",
                    List.of("http"),
                    List.of("health", "ready", "alive", "liveness", "readiness")),
            t(
                    DEPLOYMENT,
                    "smoke-tests",
                    "Smoke tests",
                    "core user flows verified in production",
                    List.of("http", "command"),
                    List.of("smoke", "journey", "flow")),
            t(DEPLOYMENT, "monitoring", "Monitoring", "error rates, latency and traffic watched for 15-30 minutes"),
            t(DEPLOYMENT, "key-features", "Key features", "new features spot-checked in production"),
            t(
                    POST_DEPLOYMENT,
                    "announced",
                    "Release announced",
                    "stakeholders and support teams notified through the agreed channels"),
            t(
                    POST_DEPLOYMENT,
                    "docs-updated",
                    "Documentation updated",
                    "wikis, changelogs and knowledge bases updated"),
            t(POST_DEPLOYMENT, "post-monitoring", "Monitor for issues", "metrics and support channels still watched"),
            t(POST_DEPLOYMENT, "ticket-closed", "Release ticket closed", "project tracking updated with the release"),
            t(POST_DEPLOYMENT, "retro-notes", "Retro notes", "deployment issues captured for the retro"));

    private StandardItems() {}

    private static Template t(Milestone m, String key, String title, String text, String... checkTypes) {
        return new Template(m, key, title, text, List.of(checkTypes), List.of());
    }

    private static Template t(
            Milestone m, String key, String title, String text, List<String> checkTypes, List<String> keywords) {
        return new Template(m, key, title, text, checkTypes, keywords);
    }
}
