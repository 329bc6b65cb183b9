package dev.gantry.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The {@code gantry.yaml} that {@code gantry init} writes: the repository's components where the layout makes
 * them obvious, staging and production, and the seed defaults for criteria, rollback triggers, validations and
 * approvals, each commented so a newcomer knows what to fill in.
 */
public final class StarterPlan {

    /** Folders whose sub-folders are usually services or packages released on their own. */
    private static final List<String> COMPONENT_PARENTS = List.of("services", "apps", "packages", "components");

    private static final List<String> BUILD_FILES = List.of(
            "pom.xml", "build.gradle", "build.gradle.kts", "package.json", "go.mod", "Cargo.toml", "pyproject.toml");

    /**
     * What the starter is made from.
     *
     * @param person who runs init (git's user.name), holder of the release-manager and tech-lead roles
     * @param github whether origin is on GitHub, so CI status can be a criterion
     */
    public record Facts(
            String project,
            List<String> components,
            Optional<String> testReports,
            String person,
            boolean github,
            ZoneId zone) {}

    private StarterPlan() {}

    /** Reads the layout of the repository at {@code root}. */
    public static Facts facts(Path root, String person, boolean github, ZoneId zone) throws IOException {
        Path name = root.getFileName();
        String project = name == null ? "project" : name.toString();
        return new Facts(project, components(root), testReports(root), person, github, zone);
    }

    private static List<String> components(Path root) throws IOException {
        List<String> found = new ArrayList<>();
        for (String parent : COMPONENT_PARENTS) {
            Path dir = root.resolve(parent);
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> children = Files.list(dir)) {
                children.filter(Files::isDirectory)
                        .filter(StarterPlan::hasBuildFile)
                        .map(child -> parent + "/" + child.getFileName())
                        .sorted()
                        .forEach(found::add);
            }
        }
        return found;
    }

    private static boolean hasBuildFile(Path dir) {
        return BUILD_FILES.stream().anyMatch(f -> Files.isRegularFile(dir.resolve(f)));
    }

    private static Optional<String> testReports(Path root) {
        if (Files.isRegularFile(root.resolve("pom.xml"))) return Optional.of("**/target/surefire-reports/TEST-*.xml");
        if (Files.isRegularFile(root.resolve("build.gradle"))
                || Files.isRegularFile(root.resolve("build.gradle.kts"))) {
            return Optional.of("**/build/test-results/**/*.xml");
        }
        return Optional.empty();
    }

    public static String render(Facts facts) {
        StringBuilder y = new StringBuilder();
        y.append(
                """
                # The release plan of %s, read by Gantry.
                # Check it with `gantry plan check`; `gantry schema` gives editors its JSON Schema.
                # Every DEP- entry is an operational contract: specific to an environment, verifiable by a machine,
                # enforced by the gate (`gantry gate ENV`) and traced to the IDs it verifies (EPIC-, TEST-, API-, ...).

                project: %s

                versioning:
                  tagPattern: "v{version}"
                """
                        .formatted(facts.project(), quote(facts.project())));
        if (!facts.components().isEmpty()) {
            y.append(
                    "\n# Parts released on their own: commits touching a path belong to its component.\ncomponents:\n");
            for (String path : facts.components()) {
                String name = path.substring(path.lastIndexOf('/') + 1);
                y.append("  - name: ")
                        .append(quote(name))
                        .append("\n    path: ")
                        .append(quote(path))
                        .append('\n');
            }
        }
        y.append(
                """

                # Who takes part, with the roles they hold. Commands name them with --as NAME.
                # Approvals below need a person for each role: add your product manager, QA and security people.
                people:
                  - name: %s
                    roles: [release-manager, tech-lead]
                #  - name: Linh Vo
                #    roles: [qa]

                # Where releases go, in order (DEP Environment). production requires staging: the same version
                # must be released there first. An environment releases once it has a target; its rollback
                # triggers then need metrics to read, or every sample has no data and every release rolls back:
                # `gantry plan check` says what is missing, `gantry watch ENV --dry-run` tries the triggers.
                environments:
                  - name: staging
                    id: DEP-001
                    infrastructure: "describe it: cloud, region, resources"
                    secrets: "how secrets are managed"
                    access: "who can deploy, who can read"
                    owner: tech-lead
                #   target: { type: command, deploy: [scripts/deploy.sh, "{version}"], rollback: [scripts/deploy.sh, "{previousVersion}"] }
                #   metrics: { type: prometheus, url: "http://prometheus:9090" }
                  - name: production
                    id: DEP-002
                    requires: [staging]
                    infrastructure: "describe it: cloud, region, resources"
                    secrets: "how secrets are managed"
                    access: "who can deploy, who can read"
                    owner: tech-lead
                #   target: { type: command, deploy: [scripts/deploy.sh, "{version}"], rollback: [scripts/deploy.sh, "{previousVersion}"] }
                #   metrics: { type: prometheus, url: "http://prometheus:9090" }

                # What must be true before a deploy (DEP Criteria): `gantry gate ENV` checks them and says GO or
                # NO-GO. A blocker that is not met stops the release. links: the TEST-/EPIC-/API- IDs it verifies.
                criteria:
                """
                        .formatted(quote(facts.person())));
        y.append(
                """
                  - id: DEP-010
                    title: All tests pass
                    requirement: "Test reports show at least 95%% passing"
                    category: functional
                    check: { type: junit, reports: %s, minPassRate: 95%% }
                    owner: qa
                    links: []
                """
                        .formatted(quote(facts.testReports().orElse("build/test-results/**/*.xml"))));
        if (facts.github()) {
            y.append(
                    """
                  - id: DEP-011
                    title: CI passes on the release commit
                    category: functional
                    check: { type: ci-status }   # reads GITHUB_TOKEN when set
                    owner: tech-lead
                    links: []
                """);
        }
        y.append(
                """
                  - id: DEP-012
                    title: Changelog has the release
                    category: documentation
                    check: { type: file, path: CHANGELOG.md, section: "{version}" }
                    blocker: false
                    owner: tech-lead
                    links: []
                  - id: DEP-013
                    title: Release commit is on a release branch, clean and untagged
                    category: operational
                    check: { type: git, branches: [main, "release/*"], clean: true, tagAbsent: true }
                    owner: release-manager
                    links: []
                  - id: DEP-014
                    title: Approvals are complete
                    category: operational
                    check: { type: approvals }
                    owner: release-manager
                    links: []
                  - id: DEP-015
                    title: Outside freeze windows
                    category: operational
                    check: { type: window }
                    environments: [production]
                    owner: release-manager
                    links: []
                #  - id: DEP-016
                #    title: No new high or critical vulnerabilities
                #    category: security
                #    check: { type: sarif, report: build/scan.sarif, baseline: security/baseline.sarif }
                #    owner: security
                #  - id: DEP-017
                #    title: No latency regression
                #    category: performance
                #    check: { type: benchmark, results: build/jmh.json, baseline: bench/baseline.json, metric: p99, benchmark: "...", tolerance: 5%% }
                #    owner: tech-lead

                # When to roll back after a deploy (DEP Rollback). hard: at once; soft: pause and ask.
                # query: what the metric source is asked, in its language; values come in base units (0.02 is 2%%,
                # 0.5 is 500ms). A ratio falls back to 0 with "or vector(0)": a version that never answered a 5xx
                # has no 5xx series, and no data is a breach.
                rollback:
                  - id: DEP-020
                    metric: error_rate
                #   query: '(sum(rate(http_requests_total{code=~"5..",version="{version}"}[1m])) or vector(0)) / sum(rate(http_requests_total{version="{version}"}[1m]))'
                    trigger: "5xx error rate exceeds the pre-deployment baseline"
                    threshold: "> 2%%"
                    for: 5m
                    severity: hard
                    procedure:
                      - Turn the release's feature flags off
                      - Send traffic back to the previous version
                      - Revert to the previous release tag
                      - Notify stakeholders and investigate the root cause
                    notification: ["#incidents"]
                    owner: tech-lead
                  - id: DEP-021
                    metric: p95_latency
                #   query: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{version="{version}"}[1m])))'
                    trigger: "p95 latency well above its usual 200 ms"
                    threshold: "> 500ms"
                    for: 5m
                    severity: hard
                    procedure:
                      - Send traffic back to the previous version
                      - Notify stakeholders and investigate the root cause
                    notification: ["#incidents"]
                    owner: tech-lead

                # How a deploy is verified (DEP Validation): smoke tests that run after it.
                validation:
                  - id: DEP-030
                    title: Health endpoint answers
                    check: { type: http, url: "http://localhost:8080/health", expectStatus: 200, maxLatency: 2s }
                    successCriteria: "200 in under 2 seconds"
                    escalation: rollback
                    owner: tech-lead

                # Who signs off each release type (the defaults written out); nobody approves their own release.
                approvals:
                  hotfix: [tech-lead]
                  patch: [tech-lead, qa]
                  minor: [product-manager, tech-lead, qa]
                  major: [product-manager, tech-lead, qa, security, executive-sponsor]
                  separateApprover: true
                  override: [release-manager]

                # No deploys from Friday 15:00 until Monday 09:00.
                windows:
                  freeze:
                    - cron: "0 15 * * FRI"
                      duration: 66h
                      zone: %s
                      reason: weekend
                """
                        .formatted(quote(facts.zone().getId())));
        return y.toString();
    }

    /** A YAML double-quoted scalar. */
    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
